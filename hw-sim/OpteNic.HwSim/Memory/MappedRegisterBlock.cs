using System.Buffers.Binary;
using OpteNic.Hal;

namespace OpteNic.HwSim.Memory;

/// <summary>
/// BAR0 of the simulated card over a <see cref="MemoryRegion"/>. Word accesses are single aligned loads/stores through
/// pointers with <see cref="Volatile"/> semantics, so they are atomic and ordered for the host process mapping the
/// same file (datasheet §6.5).
/// </summary>
public sealed unsafe class MappedRegisterBlock : IRegisterBlock
{
    private readonly MemoryRegion _region;

    public MappedRegisterBlock(MemoryRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(region.Length, int.MaxValue);
        _region = region;
        Length = (int)region.Length;
    }

    public int Length { get; }

    public uint Read32(int offset)
    {
        Check(offset, 4);
        // SAFETY: Check proved offset..offset+3 lies in the mapping and is 4-byte aligned.
        var raw = Volatile.Read(ref *(uint*)(_region.Pointer + offset));
        return BitConverter.IsLittleEndian ? raw : BinaryPrimitives.ReverseEndianness(raw);
    }

    public void Write32(int offset, uint value)
    {
        Check(offset, 4);
        var raw = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        // SAFETY: Check proved offset..offset+3 lies in the mapping and is 4-byte aligned.
        Volatile.Write(ref *(uint*)(_region.Pointer + offset), raw);
    }

    public ulong Read64(int offset)
    {
        Check(offset, 8);
        // SAFETY: Check proved offset..offset+7 lies in the mapping and is 8-byte aligned.
        var raw = Volatile.Read(ref *(ulong*)(_region.Pointer + offset));
        return BitConverter.IsLittleEndian ? raw : BinaryPrimitives.ReverseEndianness(raw);
    }

    public void Write64(int offset, ulong value)
    {
        Check(offset, 8);
        var raw = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        // SAFETY: Check proved offset..offset+7 lies in the mapping and is 8-byte aligned.
        Volatile.Write(ref *(ulong*)(_region.Pointer + offset), raw);
    }

    public uint Or32(int offset, uint bits)
    {
        Check(offset, 4);
        var raw = BitConverter.IsLittleEndian ? bits : BinaryPrimitives.ReverseEndianness(bits);
        // SAFETY: Check proved offset..offset+3 lies in the mapping and is 4-byte aligned.
        var old = Interlocked.Or(ref *(uint*)(_region.Pointer + offset), raw);
        return BitConverter.IsLittleEndian ? old : BinaryPrimitives.ReverseEndianness(old);
    }

    public void ReadBytes(int offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        // Acquire: the bytes are read after any ownership word read before this call.
        Interlocked.MemoryBarrier();
        // SAFETY: CheckRange proved the range lies in the mapping.
        new ReadOnlySpan<byte>(_region.Pointer + offset, destination.Length).CopyTo(destination);
    }

    public void WriteBytes(int offset, ReadOnlySpan<byte> source)
    {
        CheckRange(offset, source.Length);
        // SAFETY: CheckRange proved the range lies in the mapping.
        source.CopyTo(new Span<byte>(_region.Pointer + offset, source.Length));
        // Release: later ownership writes are ordered after these bytes.
        Interlocked.MemoryBarrier();
    }

    private void Check(int offset, int width)
    {
        if ((uint)offset > (uint)(Length - width) || (offset & (width - 1)) != 0)
        {
            ThrowBadOffset(offset, width);
        }
    }

    private void CheckRange(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
        {
            ThrowBadOffset(offset, length);
        }
    }

    private static void ThrowBadOffset(int offset, int width) =>
        throw new ArgumentOutOfRangeException(nameof(offset), $"register access of {width} bytes at 0x{offset:X} is outside BAR0 or misaligned");
}
