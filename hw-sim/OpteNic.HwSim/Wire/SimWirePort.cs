using OpteNic.Hal;

namespace OpteNic.HwSim.Wire;

/// <summary>
/// The MAC of one simulated wire port: per wire queue a receive FIFO (filled by the far end, steered by RSS) and a
/// transmit FIFO (filled by the firmware, drained by the far end). The far end is a backend: pcap files
/// (<see cref="PcapWireBackend"/>) or an in-memory frame queue (<see cref="InMemoryWireLink"/>). Queue <c>q</c>'s
/// firmware side is used by one NIC core; the far-end side is serialised with a lock so any thread may use it.
/// </summary>
public sealed class SimWirePort : IWirePort, IWirePortControl
{
    /// <summary>Shortest frame accepted from the wire: an Ethernet header.</summary>
    public const int MinFrameBytes = 14;

    private readonly FrameRing[] _receive;
    private readonly FrameRing[] _transmit;
    private readonly RssSteering _rss;
    private readonly Lock _farEndReceiveLock = new();
    private readonly Lock _farEndTransmitLock = new();
    private int _nextTransmitQueue;
    private long _rxFifoDrops;
    private long _rxBadLength;
    private long _rxFrames;
    private long _txFrames;
    private volatile bool _linkUp = true;

    public SimWirePort(int queueCount, int fifoDepth, int maxFrameBytes, int rssTableEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCount);
        QueueCount = queueCount;
        MaxFrameBytes = maxFrameBytes;
        _receive = new FrameRing[queueCount];
        _transmit = new FrameRing[queueCount];
        for (var q = 0; q < queueCount; q++)
        {
            _receive[q] = new FrameRing(fifoDepth, maxFrameBytes);
            _transmit[q] = new FrameRing(fifoDepth, maxFrameBytes);
        }

        _rss = new RssSteering(queueCount, rssTableEntries);
    }

    public int QueueCount { get; }

    /// <summary>Largest frame the MAC passes.</summary>
    public int MaxFrameBytes { get; }

    public bool LinkUp
    {
        get => _linkUp;
        set => _linkUp = value;
    }

    public long RxFifoDrops => Interlocked.Read(ref _rxFifoDrops);

    /// <summary>Frames from the wire refused for their length (runts, or larger than <see cref="MaxFrameBytes"/>).</summary>
    public long RxBadLength => Interlocked.Read(ref _rxBadLength);

    /// <summary>Frames the firmware took from the receive FIFOs.</summary>
    public long RxFrames => Interlocked.Read(ref _rxFrames);

    /// <summary>Frames the firmware queued for the wire.</summary>
    public long TxFrames => Interlocked.Read(ref _txFrames);

    public int RssTableEntries => _rss.TableEntries;

    /// <summary>Frames waiting in receive FIFO <paramref name="queue"/> (for tests and pacing).</summary>
    public int ReceiveBacklog(int queue) => _receive[queue].Count;

    /// <summary>Frames waiting in all transmit FIFOs.</summary>
    public int TransmitBacklog
    {
        get
        {
            var total = 0;
            foreach (var ring in _transmit)
            {
                total += ring.Count;
            }

            return total;
        }
    }

    public void ConfigureRss(ReadOnlySpan<byte> key, ReadOnlySpan<byte> indirectionTable) => _rss.Configure(key, indirectionTable);

    public int ReceiveBurst(int queue, IFrameBurst burst, int maxFrames)
    {
        var ring = _receive[queue];
        var limit = Math.Min(maxFrames, burst.Capacity);
        var count = 0;
        while (count < limit && ring.TryPeek(out var frame, out var hash))
        {
            var space = burst.GetReceiveSpace(count);
            if (frame.Length <= space.Length)
            {
                frame.CopyTo(space);
                burst.SetReceived(count, frame.Length, hash);
                count++;
            }
            else
            {
                Interlocked.Increment(ref _rxBadLength);
            }

            ring.Release();
        }

        if (count > 0)
        {
            Interlocked.Add(ref _rxFrames, count);
        }

        return count;
    }

    public int TransmitBurst(int queue, IFrameBurst burst, int first, int count)
    {
        var ring = _transmit[queue];
        var sent = 0;
        while (sent < count && ring.TryEnqueue(burst.GetFrame(first + sent), 0))
        {
            sent++;
        }

        if (sent > 0)
        {
            Interlocked.Add(ref _txFrames, sent);
        }

        return sent;
    }

    /// <summary>
    /// Far end: a frame arrives from the wire. Steered by RSS into its receive FIFO; a full FIFO is a counted drop
    /// (<see cref="RxFifoDrops"/>), as on a real MAC.
    /// </summary>
    public WireDelivery DeliverFromWire(ReadOnlySpan<byte> frame)
    {
        var result = TryDeliverFromWire(frame);
        if (result == WireDelivery.FifoFull)
        {
            Interlocked.Increment(ref _rxFifoDrops);
        }

        return result;
    }

    /// <summary>
    /// Far end, paced: like <see cref="DeliverFromWire"/> but a full FIFO is not a drop — the caller (a pcap feeder)
    /// keeps the frame and tries again later.
    /// </summary>
    public WireDelivery TryDeliverFromWire(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < MinFrameBytes || frame.Length > MaxFrameBytes)
        {
            Interlocked.Increment(ref _rxBadLength);
            return WireDelivery.BadLength;
        }

        var queue = _rss.Steer(frame, out var hash);
        lock (_farEndReceiveLock)
        {
            return _receive[queue].TryEnqueue(frame, hash) ? WireDelivery.Queued : WireDelivery.FifoFull;
        }
    }

    /// <summary>Far end: takes the next frame the card transmitted (round-robin over its queues).</summary>
    public bool TryCollectToWire(Span<byte> destination, out int length)
    {
        lock (_farEndTransmitLock)
        {
            for (var i = 0; i < _transmit.Length; i++)
            {
                var q = (_nextTransmitQueue + i) % _transmit.Length;
                var ring = _transmit[q];
                if (ring.TryPeek(out var frame, out _))
                {
                    length = frame.Length;
                    frame.CopyTo(destination);
                    ring.Release();
                    _nextTransmitQueue = (q + 1) % _transmit.Length;
                    return true;
                }
            }
        }

        length = 0;
        return false;
    }
}
