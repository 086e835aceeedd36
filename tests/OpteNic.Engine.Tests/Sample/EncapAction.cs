using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>An overlay-like static action: outbound pushes Ethernet/IPv6/UDP/Geneve, inbound pops them.</summary>
public sealed class EncapAction(IpAddr underlayLocal, IpAddr underlayRemote, uint vni) : StaticAction
{
    private readonly HeaderTransform _encap = HeaderTransform.Encapsulate(
        EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
        IpTransform.PushIpv6(underlayLocal, underlayRemote, IpProtocol.Udp),
        EncapTransform.Push(vni));

    public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
        ref PacketMetadata metadata, out HeaderTransform transform)
    {
        transform = direction == Direction.Outbound ? _encap : HeaderTransform.Decapsulate;
        return true;
    }
}
