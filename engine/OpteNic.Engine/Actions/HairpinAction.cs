using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Actions;

/// <summary>
/// An action that answers the packet itself (ARP reply, DHCP offer, echo reply…): the reply goes back the way the
/// packet came and the original is dropped. No flow entries are made.
/// </summary>
public abstract class HairpinAction : RuleAction
{
    /// <summary>For subclasses.</summary>
    protected HairpinAction() : base(ActionKind.Hairpin)
    {
    }

    /// <summary>
    /// Writes the reply frame into <paramref name="reply"/> (the packet's own buffer; overwrite it with
    /// <see cref="PacketBuffer.TryLoad"/> or <see cref="PacketBuffer.WritableFromStart"/> + TrySetLength).
    /// <paramref name="request"/> is a copy of the original frame and <paramref name="packet"/> its parse. Return false
    /// when no reply can be built (counted as a process error). Must not allocate.
    /// </summary>
    public abstract bool TryBuildReply(ReadOnlySpan<byte> request, in ParsedPacket packet, ref PacketMetadata metadata, PacketBuffer reply);
}
