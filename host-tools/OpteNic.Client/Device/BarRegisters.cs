using System.Buffers.Binary;
using OpteNic.Api.Abi;
using OpteNic.Client.Native;

namespace OpteNic.Client.Device;

/// <summary>
/// Register access to a mapped BAR0 (datasheet §3): aligned 32- and 64-bit little-endian accesses, each a single
/// load or store. Reads are acquires and writes are releases (<see cref="Volatile"/>), which gives the ordering the
/// datasheet asks for: body first, then the ownership word or doorbell.
/// </summary>
public sealed unsafe class BarRegisters
{
    private readonly MappedFile _file;

    /// <summary>Wraps a mapping that is at least <see cref="Bar0.Size"/> bytes long.</summary>
    public BarRegisters(MappedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < Bar0.Size)
        {
            throw new ArgumentException($"BAR mapping is {file.Length} bytes; {Bar0.Size} required.", nameof(file));
        }

        _file = file;
    }

    /// <summary>The mapped file (for locks and messages).</summary>
    public MappedFile File => _file;

    /// <summary>Reads a 32-bit register with acquire semantics.</summary>
    public uint Read32(int offset)
    {
        // SAFETY: CheckAligned keeps offset inside the mapping and 4-byte aligned, so the load is a single access.
        var value = Volatile.Read(ref *(uint*)(_file.Base + CheckAligned(offset, 4)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Writes a 32-bit register with release semantics (everything written before is visible first).</summary>
    public void Write32(int offset, uint value)
    {
        var encoded = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        // SAFETY: as in Read32.
        Volatile.Write(ref *(uint*)(_file.Base + CheckAligned(offset, 4)), encoded);
    }

    /// <summary>Reads a 64-bit register with acquire semantics.</summary>
    public ulong Read64(int offset)
    {
        // SAFETY: CheckAligned keeps offset inside the mapping and 8-byte aligned.
        var value = Volatile.Read(ref *(ulong*)(_file.Base + CheckAligned(offset, 8)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Writes a 64-bit register with release semantics.</summary>
    public void Write64(int offset, ulong value)
    {
        var encoded = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        // SAFETY: as in Read64.
        Volatile.Write(ref *(ulong*)(_file.Base + CheckAligned(offset, 8)), encoded);
    }

    /// <summary>
    /// A window of plain bytes (the mailbox envelope). Callers order it against the control registers with the
    /// volatile accesses above: write the window, then <see cref="Write32"/> the doorbell.
    /// </summary>
    public Span<byte> Window(int offset, int length)
    {
        if ((uint)offset > Bar0.Size || (uint)length > (uint)(Bar0.Size - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"window {offset:x}+{length} is outside BAR0");
        }

        // SAFETY: bounds checked above against the mapped length.
        return new Span<byte>(_file.Base + offset, length);
    }

    /// <summary>Reads the firmware state register.</summary>
    public FirmwareState State => (FirmwareState)Read32(Bar0.FirmwareState);

    private static int CheckAligned(int offset, int width)
    {
        if ((uint)offset > (uint)(Bar0.Size - width) || (offset & (width - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"register offset 0x{offset:x} is not an aligned {width * 8}-bit register in BAR0");
        }

        return offset;
    }
}
