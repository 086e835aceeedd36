using System.Buffers.Binary;
using OpteNic.Hal;

namespace OpteNic.HwSim.Memory;

/// <summary>
/// The simulated card's DMA engine: host memory is a <see cref="MemoryRegion"/> (the <c>DIR/hostmem</c> file), and
/// a DMA address is an offset into it (datasheet §8). Every access is range-checked with overflow-safe arithmetic and
/// fails with false, as an IOMMU fault would, instead of touching anything outside.
/// </summary>
public sealed unsafe class MappedDmaEngine : IDmaEngine
{
    private readonly MemoryRegion _region;

    public MappedDmaEngine(MemoryRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        _region = region;
        Size = (ulong)region.Length;
    }

    public ulong Size { get; }

    /// <summary>Accesses refused because they fell outside host memory (like an IOMMU fault counter).</summary>
    public long Faults => Volatile.Read(ref _faults);

    private long _faults;

    public bool Contains(ulong address, ulong length) => address <= Size && length <= Size - address;

    public bool TryRead(ulong address, Span<byte> destination)
    {
        if (!Contains(address, (ulong)destination.Length))
        {
            Interlocked.Increment(ref _faults);
            return false;
        }

        // SAFETY: Contains proved address..address+length lies inside the mapping.
        new ReadOnlySpan<byte>(_region.Pointer + address, destination.Length).CopyTo(destination);
        return true;
    }

    public bool TryWrite(ulong address, ReadOnlySpan<byte> source)
    {
        if (!Contains(address, (ulong)source.Length))
        {
            Interlocked.Increment(ref _faults);
            return false;
        }

        // SAFETY: Contains proved address..address+length lies inside the mapping.
        source.CopyTo(new Span<byte>(_region.Pointer + address, source.Length));
        return true;
    }

    public bool TryWrite32Release(ulong address, uint value)
    {
        if ((address & 3) != 0 || !Contains(address, 4))
        {
            Interlocked.Increment(ref _faults);
            return false;
        }

        var raw = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        // SAFETY: aligned and inside the mapping (checked above); Volatile.Write orders every earlier store before it.
        Volatile.Write(ref *(uint*)(_region.Pointer + address), raw);
        return true;
    }

    public bool TryRead32Acquire(ulong address, out uint value)
    {
        if ((address & 3) != 0 || !Contains(address, 4))
        {
            Interlocked.Increment(ref _faults);
            value = 0;
            return false;
        }

        // SAFETY: aligned and inside the mapping (checked above).
        var raw = Volatile.Read(ref *(uint*)(_region.Pointer + address));
        value = BitConverter.IsLittleEndian ? raw : BinaryPrimitives.ReverseEndianness(raw);
        return true;
    }
}
