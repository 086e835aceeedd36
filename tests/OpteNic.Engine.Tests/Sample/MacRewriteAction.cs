using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>A gateway-like static action: rewrites the inner source MAC (inbound) or destination MAC (outbound).</summary>
public sealed class MacRewriteAction(MacAddress mac) : StaticAction
{
    public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
        ref PacketMetadata metadata, out HeaderTransform transform)
    {
        transform = new HeaderTransform
        {
            InnerEther = direction == Direction.Inbound ? EtherTransform.Modify(src: mac) : EtherTransform.Modify(dst: mac),
        };
        return true;
    }
}
