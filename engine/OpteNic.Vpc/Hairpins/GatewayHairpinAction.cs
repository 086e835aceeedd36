using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// The gateway layer's hairpin rules: hands the request to the port's <see cref="GatewayResponder"/> and answers
/// Hairpin with the reply in the packet's buffer, or Deny (counted, with the responder's reason) when the request
/// gets no reply — an ARP for another address, a DAD probe for the guest's own address, a malformed DHCP message.
/// Uses HandlePacket rather than Hairpin because "no reply" is a normal outcome, not a process error.
/// </summary>
public sealed class GatewayHairpinAction : HandlePacketAction
{
    private readonly GatewayResponder _responder;
    private readonly GatewayHairpinCounters _counters;

    public GatewayHairpinAction(GatewayHairpinKind kind, GatewayResponder responder, GatewayHairpinCounters counters)
    {
        HairpinKind = kind;
        _responder = responder ?? throw new ArgumentNullException(nameof(responder));
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
    }

    /// <summary>Which request this rule answers.</summary>
    public GatewayHairpinKind HairpinKind { get; }

    public override HandlePacketVerdict Handle(Direction direction, ReadOnlySpan<byte> request, in ParsedPacket packet,
        ref PacketMetadata metadata, PacketBuffer reply)
    {
        // The responder writes only once every check passed, so on "no reply" the buffer is untouched.
        Span<byte> space = reply.WritableFromStart;
        HairpinResult result = HairpinKind switch
        {
            GatewayHairpinKind.Arp => _responder.RespondArp(request, space),
            GatewayHairpinKind.DhcpV4 => _responder.RespondDhcpV4(request, space),
            GatewayHairpinKind.IcmpEchoV4 => _responder.RespondIcmpEchoV4(request, space),
            GatewayHairpinKind.IcmpEchoV6 => _responder.RespondIcmpEchoV6(request, space),
            GatewayHairpinKind.RouterSolicitation => _responder.RespondRouterSolicitation(request, space),
            GatewayHairpinKind.NeighborSolicitation => _responder.RespondNeighborSolicitation(request, space),
            GatewayHairpinKind.DhcpV6 => _responder.RespondDhcpV6(request, space),
            _ => HairpinResult.NotApplicable,
        };
        _counters.Count(HairpinKind, result.Verdict);
        if (result.IsReply && reply.TrySetLength(result.Length))
        {
            return HandlePacketVerdict.Hairpin;
        }

        return HandlePacketVerdict.Deny;
    }

    public override string ToString() => $"Hairpin({HairpinKind})";
}
