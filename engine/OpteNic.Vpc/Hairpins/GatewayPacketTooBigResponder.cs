using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// **Beyond OPTE** — path MTU discovery on the data path: the engine hands every outbound guest packet longer than the
/// port MTU to this responder (before the UFT lookup, so established flows are covered), and the gateway answers with
/// ICMP "fragmentation needed" (type 3 code 4, next-hop MTU) or ICMPv6 "packet too big" via
/// <see cref="GatewayResponder.RespondPacketTooBig"/>. Drops (counted by the port as drop_too_big, and here by reason):
/// IPv4 with Don't Fragment clear (NotApplicable — OPTE does no fragmentation and the peer's MTU is the same, so passing
/// it on would only move the drop somewhere invisible), oversized ICMP errors (Suppressed, RFC 1122), frames whose
/// source MAC is not the guest's (anti-spoofing runs in the gateway layer, after this check, so it is repeated here:
/// the reply would go to that MAC) and malformed frames.
/// </summary>
public sealed class GatewayPacketTooBigResponder : IPacketTooBigResponder
{
    private readonly GatewayResponder _responder;
    private readonly GatewayHairpinCounters _counters;
    private readonly MacAddress _guestMac;

    /// <summary>Answers for the guest with MAC <paramref name="guestMac"/>, counting in <paramref name="counters"/>.</summary>
    public GatewayPacketTooBigResponder(GatewayResponder responder, GatewayHairpinCounters counters, MacAddress guestMac)
    {
        _responder = responder ?? throw new ArgumentNullException(nameof(responder));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _guestMac = guestMac;
    }

    /// <inheritdoc/>
    public PacketTooBigVerdict Respond(Direction direction, ReadOnlySpan<byte> request, in ParsedPacket packet, int maxIpLength, PacketBuffer reply)
    {
        if (direction != Direction.Outbound || packet.IsEncapsulated || packet.EtherSrc != _guestMac)
        {
            _counters.Count(GatewayHairpinKind.PacketTooBig, HairpinVerdict.NotApplicable);
            return PacketTooBigVerdict.Drop;
        }

        HairpinResult result = _responder.RespondPacketTooBig(request, maxIpLength, reply.WritableFromStart);
        _counters.Count(GatewayHairpinKind.PacketTooBig, result.Verdict);
        return result.IsReply && reply.TrySetLength(result.Length) ? PacketTooBigVerdict.Hairpin : PacketTooBigVerdict.Drop;
    }
}
