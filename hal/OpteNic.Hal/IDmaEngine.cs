namespace OpteNic.Hal;

/// <summary>
/// The card's DMA engine into host memory (datasheet §6, §8). Addresses come from the host and are untrusted: every
/// call checks the whole range and returns false, never throws, when any byte lies outside host memory.
/// </summary>
public interface IDmaEngine
{
    /// <summary>Bytes of host memory the card can reach (addresses 0..Size-1).</summary>
    ulong Size { get; }

    /// <summary>True when <paramref name="address"/>..+<paramref name="length"/> lies wholly inside host memory.</summary>
    bool Contains(ulong address, ulong length);

    /// <summary>Copies host memory into <paramref name="destination"/>; false (nothing copied) if out of range.</summary>
    bool TryRead(ulong address, Span<byte> destination);

    /// <summary>Copies <paramref name="source"/> into host memory; false (nothing written) if out of range.</summary>
    bool TryWrite(ulong address, ReadOnlySpan<byte> source);

    /// <summary>
    /// Writes one aligned little-endian dword with release semantics: every earlier write through this engine is
    /// visible to the host before it. Used for the completion <c>info</c> dword that carries the phase bit (§6.5).
    /// False if out of range or not 4-byte aligned.
    /// </summary>
    bool TryWrite32Release(ulong address, uint value);

    /// <summary>Reads one aligned little-endian dword with acquire semantics; false if out of range or misaligned.</summary>
    bool TryRead32Acquire(ulong address, out uint value);
}
