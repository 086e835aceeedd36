using OpteNic.Hal;
using OpteNic.Packets;

namespace OpteNic.Firmware.DataPath;

/// <summary>
/// A fixed array of preallocated <see cref="PacketBuffer"/>s lent to a wire queue as an <see cref="IFrameBurst"/>: the
/// MAC writes received frames straight into the buffers (after their headroom), and reads frames to transmit from
/// them. Slots can also reference buffers owned elsewhere (<see cref="Set"/>) to transmit a subset without copying.
/// </summary>
public sealed class PacketBurst : IFrameBurst
{
    private readonly PacketBuffer[] _buffers;
    private readonly uint[] _hashes;

    /// <summary>A burst owning <paramref name="capacity"/> new buffers of <paramref name="bufferBytes"/> each.</summary>
    public PacketBurst(int capacity, int bufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffers = new PacketBuffer[capacity];
        _hashes = new uint[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _buffers[i] = new PacketBuffer(bufferBytes);
        }
    }

    /// <summary>A burst of <paramref name="capacity"/> empty slots, each to be pointed at a buffer with <see cref="Set"/>.</summary>
    public PacketBurst(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffers = new PacketBuffer[capacity];
        _hashes = new uint[capacity];
        var placeholder = new PacketBuffer(1, 0);
        Array.Fill(_buffers, placeholder);
    }

    public int Capacity => _buffers.Length;

    /// <summary>The buffer in slot <paramref name="index"/>.</summary>
    public PacketBuffer this[int index] => _buffers[index];

    /// <summary>The first <paramref name="count"/> slots, as the engine's burst call takes them.</summary>
    public ReadOnlySpan<PacketBuffer> Slots(int count) => _buffers.AsSpan(0, count);

    /// <summary>RSS hash the MAC reported for the frame in slot <paramref name="index"/>.</summary>
    public uint HashOf(int index) => _hashes[index];

    /// <summary>Points slot <paramref name="index"/> at <paramref name="buffer"/> (a reference, not a copy).</summary>
    public void Set(int index, PacketBuffer buffer) => _buffers[index] = buffer;

    public Span<byte> GetReceiveSpace(int index)
    {
        var buffer = _buffers[index];
        buffer.Reset();
        return buffer.WritableFromStart;
    }

    public void SetReceived(int index, int length, uint rssHash)
    {
        _buffers[index].TrySetLength(length);
        _hashes[index] = rssHash;
    }

    public ReadOnlySpan<byte> GetFrame(int index) => _buffers[index].Frame;
}
