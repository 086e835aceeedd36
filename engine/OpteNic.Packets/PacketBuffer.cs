using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OpteNic.Packets;

/// <summary>
/// A frame inside a preallocated byte buffer with headroom, so headers can be pushed in front of it and popped
/// without moving the payload. Buffers are allocated once (at boot, from a pool) and reused for every packet; nothing
/// here allocates after construction.
/// </summary>
public sealed class PacketBuffer
{
    /// <summary>Default headroom: enough for outer Ethernet + IPv6 + UDP + Geneve with options (14+40+8+8+24 = 94).</summary>
    public const int DefaultHeadroom = 128;

    // The storage is pinned and starts at a cache-line boundary (_base bytes into the array), as a NIC's DMA buffers
    // do: a frame at the default headroom then starts on a line whatever the GC did, instead of wherever the array
    // happened to land (frames straddling lines cost split loads and stores on every packet, and benchmark figures
    // moved by several ns with the heap's layout).
    private const int LineBytes = 64;
    private readonly byte[] _storage;
    private readonly int _base;
    private readonly int _capacity;
    private int _start;
    private int _length;

    public PacketBuffer(int capacity, int headroom = DefaultHeadroom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headroom, capacity);
        _storage = GC.AllocateArray<byte>(capacity + LineBytes - 1, pinned: true);
        _base = LineOffset(_storage);
        _capacity = capacity;
        Headroom = headroom;
        _start = headroom;
    }

    /// <summary>Bytes from the start of a pinned array's data to its first cache-line boundary.</summary>
    private static int LineOffset(byte[] pinned)
    {
        // The array is on the pinned heap, so the address read here stays valid for its lifetime.
        var handle = GCHandle.Alloc(pinned, GCHandleType.Pinned);
        nint address = handle.AddrOfPinnedObject();
        handle.Free();
        return (int)((LineBytes - (address & (LineBytes - 1))) & (LineBytes - 1));
    }

    /// <summary>Headroom restored by <see cref="Reset"/>.</summary>
    public int Headroom { get; }

    /// <summary>Total bytes of storage.</summary>
    public int Capacity => _capacity;

    /// <summary>Offset of the first frame byte inside the storage.</summary>
    public int Start => _start;

    /// <summary>Frame length in bytes.</summary>
    public int Length => _length;

    /// <summary>Bytes free in front of the frame.</summary>
    public int FreeFront => _start;

    /// <summary>Bytes free after the frame.</summary>
    public int FreeBack => _capacity - _start - _length;

    /// <summary>The frame bytes.</summary>
    public Span<byte> Frame => _storage.AsSpan(_base + _start, _length);

    /// <summary>Space a DMA engine or reader may fill; follow with <see cref="SetLength"/>.</summary>
    public Span<byte> WritableFromStart => _storage.AsSpan(_base + _start, _capacity - _start);

    /// <summary>Empties the frame and restores the default headroom.</summary>
    public void Reset()
    {
        _start = Headroom;
        _length = 0;
    }

    /// <summary>Sets the frame length after bytes were written at <see cref="WritableFromStart"/>.</summary>
    public bool TrySetLength(int length)
    {
        if ((uint)length > (uint)(_capacity - _start))
        {
            return false;
        }

        _length = length;
        return true;
    }

    /// <summary>Replaces the frame with <paramref name="frame"/> at the default headroom; false if it does not fit.</summary>
    public bool TryLoad(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > _capacity - Headroom)
        {
            return false;
        }

        _start = Headroom;
        _length = frame.Length;
        frame.CopyTo(_storage.AsSpan(_base + _start, _capacity - _start));
        return true;
    }

    /// <summary>Grows the frame at the front by <paramref name="count"/> bytes and returns the new header space.</summary>
    public bool TryPush(int count, out Span<byte> header)
    {
        if ((uint)count > (uint)_start)
        {
            header = default;
            return false;
        }

        _start -= count;
        _length += count;
        header = _storage.AsSpan(_base + _start, count);
        return true;
    }

    /// <summary>
    /// A compiled push in one step: shortens the frame to <paramref name="packetLength"/> bytes (dropping Ethernet
    /// padding), then grows it at the front by <paramref name="count"/>; returns its new first byte. The caller has
    /// checked <paramref name="count"/> ≤ <see cref="FreeFront"/> and <paramref name="packetLength"/> ≤ <see cref="Length"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte TruncateAndPush(int packetLength, int count)
    {
        Debug.Assert((uint)count <= (uint)_start && (uint)packetLength <= (uint)_length);
        _start -= count;
        _length = packetLength + count;
        // SAFETY: _start stays within the storage (the caller's checks above).
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _base + _start);
    }

    /// <summary>Removes <paramref name="count"/> bytes from the front of the frame.</summary>
    public bool TryPop(int count)
    {
        if ((uint)count > (uint)_length)
        {
            return false;
        }

        _start += count;
        _length -= count;
        return true;
    }

    /// <summary>Shortens the frame to <paramref name="length"/> bytes (e.g. to drop Ethernet padding).</summary>
    public bool TryTruncate(int length)
    {
        if ((uint)length > (uint)_length)
        {
            return false;
        }

        _length = length;
        return true;
    }
}
