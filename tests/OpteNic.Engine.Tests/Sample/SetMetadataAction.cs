using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>A router-like meta action: sets one key to one value, then allows.</summary>
public sealed class SetMetadataAction(ushort key, ushort value) : MetaAction
{
    public override bool TryModify(in ParsedPacket packet, ref PacketMetadata metadata) => metadata.TrySet(key, value);
}
