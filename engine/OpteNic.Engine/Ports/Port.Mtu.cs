using System.Runtime.CompilerServices;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Ports;

/// <summary>
/// Packet size limits (beyond OPTE, which drops oversized packets silently further down): per direction, a maximum
/// inner IP packet length checked before the UFT lookup, so it holds for established flows on the fast path exactly as
/// for first packets. An oversized packet goes to the direction's <see cref="IPacketTooBigResponder"/> (e.g. the
/// network's gateway answers with ICMP "fragmentation needed" / ICMPv6 "packet too big"); without one it is a counted
/// drop (<see cref="DropReason.PacketTooBig"/>). The engine never fragments, as OPTE does not.
/// </summary>
public sealed partial class Port
{
    /// <summary>Smallest limit accepted: the IPv4 minimum MTU every host must accept (RFC 791).</summary>
    public const int MinimumPacketSizeLimit = 68;

    // int.MaxValue = no limit: the per-packet check is then a compare that is never taken.
    private int _maxOutboundIpLength = int.MaxValue;
    private int _maxInboundIpLength = int.MaxValue;
    private IPacketTooBigResponder? _outboundTooBig;
    private IPacketTooBigResponder? _inboundTooBig;

    /// <summary>Outbound packet size limit counters (out_too_big…).</summary>
    public PacketSizeCounters OutboundSize { get; } = new();

    /// <summary>Inbound packet size limit counters (in_too_big…).</summary>
    public PacketSizeCounters InboundSize { get; } = new();

    /// <summary>The largest inner IP packet (header + payload, bytes) accepted in <paramref name="direction"/>, or null for no limit.</summary>
    public int? PacketSizeLimit(Direction direction)
    {
        int limit = direction == Direction.Outbound ? _maxOutboundIpLength : _maxInboundIpLength;
        return limit == int.MaxValue ? null : limit;
    }

    /// <summary>Counters of the size limit of <paramref name="direction"/>.</summary>
    public PacketSizeCounters SizeCountersFor(Direction direction) => direction == Direction.Outbound ? OutboundSize : InboundSize;

    /// <summary>
    /// Sets (or with null clears) the largest inner IP packet accepted in <paramref name="direction"/> — the MTU of the
    /// path behind the port — and who answers packets over it (null: they are dropped and counted). Call from the
    /// port's owner between bursts, like every control operation; takes effect with the next packet, for every flow.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxIpLength"/> is below <see cref="MinimumPacketSizeLimit"/>.</exception>
    public void SetPacketSizeLimit(Direction direction, int? maxIpLength, IPacketTooBigResponder? responder)
    {
        if (maxIpLength is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinimumPacketSizeLimit, nameof(maxIpLength));
        }

        int limit = maxIpLength ?? int.MaxValue;
        if (direction == Direction.Outbound)
        {
            _outboundTooBig = responder;
            _maxOutboundIpLength = limit;
        }
        else
        {
            _inboundTooBig = responder;
            _maxInboundIpLength = limit;
        }
    }

    /// <summary>The per-packet check: one compare against the direction's limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ExceedsSizeLimit(Direction direction, in ParsedPacket parsed) =>
        parsed.IpEnd - parsed.IpOffset > (direction == Direction.Outbound ? _maxOutboundIpLength : _maxInboundIpLength);

    /// <summary>
    /// An oversized packet: asks the responder. True with the result to return (hairpin or drop); false when the
    /// responder lets the packet through and processing continues as usual.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryHandleTooBig(Direction direction, PacketBuffer packet, in ParsedPacket parsed, out ProcessResult result)
    {
        PortDirectionCounters counters = CountersFor(direction);
        PacketSizeCounters size = SizeCountersFor(direction);
        size.TooBig++;
        IPacketTooBigResponder? responder = direction == Direction.Outbound ? _outboundTooBig : _inboundTooBig;
        int limit = direction == Direction.Outbound ? _maxOutboundIpLength : _maxInboundIpLength;
        PacketTooBigVerdict verdict = PacketTooBigVerdict.Drop;
        if (responder is not null)
        {
            ReadOnlySpan<byte> request = CopyRequest(packet);
            if (!request.IsEmpty)
            {
                verdict = responder.Respond(direction, request, in parsed, limit, packet);
            }
        }

        switch (verdict)
        {
            case PacketTooBigVerdict.Pass:
                size.Passed++;
                result = default;
                return false;
            case PacketTooBigVerdict.Hairpin:
                size.Hairpinned++;
                counters.Hairpin++;
                result = ProcessResult.Hairpin;
                return true;
            default:
                size.Dropped++;
                counters.Drop++;
                result = ProcessResult.Dropped(DropReason.PacketTooBig);
                return true;
        }
    }
}
