namespace OpteNic.HwSim.Wire;

/// <summary>
/// A single-producer single-consumer FIFO of frames in fixed preallocated slots: the MAC's receive or transmit FIFO
/// of one wire queue. Indices are free-running counters masked by the power-of-two depth (DPDK's rte_ring); the
/// producer publishes a slot by a release store of the tail, the consumer frees it by a release store of the head.
/// Nothing allocates after construction.
/// </summary>
public sealed class FrameRing
{
    private readonly byte[] _slots;
    private readonly int[] _lengths;
    private readonly uint[] _hashes;
    private readonly int _mask;
    private long _head;
    private long _tail;

    public FrameRing(int depth, int slotSize)
    {
        if (depth <= 0 || (depth & (depth - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), "the depth must be a power of two");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSize);
        SlotSize = slotSize;
        Depth = depth;
        _mask = depth - 1;
        _slots = new byte[depth * slotSize];
        _lengths = new int[depth];
        _hashes = new uint[depth];
    }

    /// <summary>Largest frame a slot holds.</summary>
    public int SlotSize { get; }

    /// <summary>Slots in the ring.</summary>
    public int Depth { get; }

    /// <summary>Frames waiting.</summary>
    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Producer: copies a frame in; false when full or when the frame is larger than a slot.</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> frame, uint hash)
    {
        var tail = _tail;
        if (frame.Length > SlotSize || tail - Volatile.Read(ref _head) >= Depth)
        {
            return false;
        }

        var slot = (int)(tail & _mask);
        frame.CopyTo(_slots.AsSpan(slot * SlotSize, SlotSize));
        _lengths[slot] = frame.Length;
        _hashes[slot] = hash;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    /// <summary>Consumer: the oldest frame without removing it; follow with <see cref="Release"/>.</summary>
    public bool TryPeek(out ReadOnlySpan<byte> frame, out uint hash)
    {
        var head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            frame = default;
            hash = 0;
            return false;
        }

        var slot = (int)(head & _mask);
        frame = _slots.AsSpan(slot * SlotSize, _lengths[slot]);
        hash = _hashes[slot];
        return true;
    }

    /// <summary>Consumer: frees the frame returned by the last successful <see cref="TryPeek"/>.</summary>
    public void Release() => Volatile.Write(ref _head, _head + 1);
}
