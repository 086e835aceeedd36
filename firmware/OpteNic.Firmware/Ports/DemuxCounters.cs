using OpteNic.Packets.Parsing;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// One NIC core's demultiplexing counters: drops by <see cref="DemuxDropReason"/>, the card-level parse drops of wire
/// frames by reason, and frames handed to ports or to the pass-through path. Written only by the owning core (plain
/// increments published with volatile stores, DPDK style); the management loop sums the cores' counters for Stats.
/// </summary>
public sealed class DemuxCounters
{
    private readonly long[] _drops = new long[Enum.GetValues<DemuxDropReason>().Length];
    private long _toPorts;
    private long _passThrough;
    private long _multicastToPorts;
    private long _multicastForwarded;

    /// <summary>Wire frames that failed to parse, by reason (the card's parse-drop counters).</summary>
    public ParseDropCounters InboundParseDrops { get; } = new();

    /// <summary>Frames handed to a port.</summary>
    public long ToPorts => Volatile.Read(ref _toPorts);

    /// <summary>Frames passed through unchanged because no port existed yet.</summary>
    public long PassThrough => Volatile.Read(ref _passThrough);

    /// <summary>Multicast copies a subscribed port let through to the host (datasheet §5.5).</summary>
    public long MulticastToPorts => Volatile.Read(ref _multicastToPorts);

    /// <summary>Unicast copies of guests' multicast frames sent to forwarding next hops (datasheet §5.5).</summary>
    public long MulticastForwarded => Volatile.Read(ref _multicastForwarded);

    /// <summary>Drops for <paramref name="reason"/>.</summary>
    public long this[DemuxDropReason reason] => Volatile.Read(ref _drops[(int)reason]);

    /// <summary>Counts one drop (owning core only).</summary>
    public void Drop(DemuxDropReason reason) => Volatile.Write(ref _drops[(int)reason], _drops[(int)reason] + 1);

    /// <summary>Counts one frame handed to a port (owning core only).</summary>
    public void CountToPort() => Volatile.Write(ref _toPorts, _toPorts + 1);

    /// <summary>Counts one pass-through frame (owning core only).</summary>
    public void CountPassThrough() => Volatile.Write(ref _passThrough, _passThrough + 1);

    /// <summary>Counts one multicast copy delivered to a port's host queue (owning core only).</summary>
    public void CountMulticastToPort() => Volatile.Write(ref _multicastToPorts, _multicastToPorts + 1);

    /// <summary>Counts one multicast copy sent to a next hop (owning core only).</summary>
    public void CountMulticastForwarded() => Volatile.Write(ref _multicastForwarded, _multicastForwarded + 1);

    /// <summary>Function-level reset: zero (the core is parked).</summary>
    public void Clear()
    {
        Array.Clear(_drops);
        InboundParseDrops.Clear();
        _toPorts = 0;
        _passThrough = 0;
        _multicastToPorts = 0;
        _multicastForwarded = 0;
    }
}
