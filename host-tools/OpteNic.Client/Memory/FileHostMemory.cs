using System.Buffers.Binary;
using OpteNic.Client.Native;

namespace OpteNic.Client.Memory;

/// <summary>Host DMA memory backed by a shared file (the simulator's <c>DIR/hostmem</c>): DMA address = file offset.</summary>
public sealed unsafe class FileHostMemory : IHostMemory
{
    private readonly MappedFile _file;

    private FileHostMemory(MappedFile file) => _file = file;

    /// <inheritdoc />
    public ulong Size => (ulong)_file.Length;

    /// <summary>The file behind this memory.</summary>
    public string Path => _file.Path;

    /// <summary>Maps the host-memory file at <paramref name="path"/>.</summary>
    public static FileHostMemory Open(string path) => new(MappedFile.Open(path, minimumLength: 4096));

    /// <inheritdoc />
    public Span<byte> GetSpan(ulong dmaAddress, int length)
    {
        Check(dmaAddress, length);
        // SAFETY: Check keeps [dmaAddress, dmaAddress + length) inside the mapping.
        return new Span<byte>(_file.Base + dmaAddress, length);
    }

    /// <inheritdoc />
    public nint GetPointer(DmaRegion region)
    {
        if (region.Address > Size || region.Length > Size - region.Address)
        {
            throw new ArgumentOutOfRangeException(nameof(region), $"DMA range 0x{region.Address:x}+{region.Length} is outside host memory ({Size} bytes)");
        }

        // SAFETY: the region is inside the mapping (checked above); the mapping lives until Dispose.
        return (nint)(_file.Base + region.Address);
    }

    /// <inheritdoc />
    public uint ReadVolatile32(ulong dmaAddress)
    {
        CheckAligned(dmaAddress);
        // SAFETY: aligned and inside the mapping (checked above): a single 32-bit load.
        var value = Volatile.Read(ref *(uint*)(_file.Base + dmaAddress));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <inheritdoc />
    public void WriteVolatile32(ulong dmaAddress, uint value)
    {
        CheckAligned(dmaAddress);
        var encoded = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        // SAFETY: aligned and inside the mapping (checked above): a single 32-bit store.
        Volatile.Write(ref *(uint*)(_file.Base + dmaAddress), encoded);
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void Check(ulong dmaAddress, int length)
    {
        if (length < 0 || dmaAddress > Size || (ulong)length > Size - dmaAddress)
        {
            throw new ArgumentOutOfRangeException(nameof(dmaAddress), $"DMA range 0x{dmaAddress:x}+{length} is outside host memory ({Size} bytes)");
        }
    }

    private void CheckAligned(ulong dmaAddress)
    {
        Check(dmaAddress, 4);
        if ((dmaAddress & 3) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dmaAddress), $"DMA address 0x{dmaAddress:x} is not 4-byte aligned");
        }
    }
}
