using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Ports;

/// <summary>
/// What a network definition does with an IP packet longer than the port's size limit for its direction (see
/// <see cref="Port.SetPacketSizeLimit"/>): answer it (path MTU discovery: ICMP "fragmentation needed" / ICMPv6 "packet
/// too big" back the way it came), drop it, or let it through. The engine calls it before the UFT lookup, so the
/// check holds on the fast path as well as the slow path. Called only for oversized packets (off the common path);
/// must not allocate.
/// </summary>
public interface IPacketTooBigResponder
{
    /// <summary>
    /// Decides for one oversized packet. <paramref name="request"/> is a copy of the frame and
    /// <paramref name="packet"/> its parse; on <see cref="PacketTooBigVerdict.Hairpin"/> the reply must be in
    /// <paramref name="reply"/> (the packet's own buffer). <paramref name="maxIpLength"/> is the limit the packet
    /// exceeded (the next-hop MTU to report).
    /// </summary>
    PacketTooBigVerdict Respond(Direction direction, ReadOnlySpan<byte> request, in ParsedPacket packet, int maxIpLength, PacketBuffer reply);
}
