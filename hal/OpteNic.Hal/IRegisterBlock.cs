namespace OpteNic.Hal;

/// <summary>
/// A memory-mapped register window shared with the host (BAR0, datasheet §3). Reads have acquire semantics and writes
/// release semantics, so a write of an ownership word (mailbox control, queue status) publishes every write made
/// before it. Offsets are constants of the register map: a misaligned or out-of-range offset is a firmware bug and
/// throws; nothing the host writes can make these calls fail.
/// </summary>
public interface IRegisterBlock
{
    /// <summary>Window size in bytes.</summary>
    int Length { get; }

    /// <summary>Aligned 32-bit little-endian load with acquire semantics.</summary>
    uint Read32(int offset);

    /// <summary>Aligned 32-bit little-endian store with release semantics.</summary>
    void Write32(int offset, uint value);

    /// <summary>Aligned 64-bit little-endian load with acquire semantics (single access).</summary>
    ulong Read64(int offset);

    /// <summary>Aligned 64-bit little-endian store with release semantics (single access).</summary>
    void Write64(int offset, ulong value);

    /// <summary>Atomically sets <paramref name="bits"/> in a 32-bit register (interrupt cause) and returns the old value.</summary>
    uint Or32(int offset, uint bits);

    /// <summary>Copies a byte array out of the window (mailbox envelope, RSS key and table).</summary>
    void ReadBytes(int offset, Span<byte> destination);

    /// <summary>Copies a byte array into the window.</summary>
    void WriteBytes(int offset, ReadOnlySpan<byte> source);
}
