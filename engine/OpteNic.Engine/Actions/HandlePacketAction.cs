using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Actions;

/// <summary>
/// Hands the packet to the network definition outside the flow model; it answers allow, deny or hairpin (for a
/// hairpin it writes the reply into <paramref name="reply"/> exactly as <see cref="HairpinAction.TryBuildReply"/>).
/// </summary>
public abstract class HandlePacketAction : RuleAction
{
    /// <summary>For subclasses.</summary>
    protected HandlePacketAction() : base(ActionKind.HandlePacket)
    {
    }

    /// <summary>Decides the packet's fate. <paramref name="reply"/> is the packet's own buffer: leave it untouched unless answering Hairpin.</summary>
    public abstract HandlePacketVerdict Handle(Direction direction, ReadOnlySpan<byte> request, in ParsedPacket packet,
        ref PacketMetadata metadata, PacketBuffer reply);
}
