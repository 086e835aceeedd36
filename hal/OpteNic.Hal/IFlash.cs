namespace OpteNic.Hal;

/// <summary>
/// NOR flash (datasheet §10): erase sets a whole block to 0xFF, a write can only clear bits. Every call checks its
/// range and returns false instead of throwing, because offsets may come from an image header.
/// </summary>
public interface IFlash
{
    /// <summary>Erase block size in bytes.</summary>
    int BlockSize { get; }

    /// <summary>Number of erase blocks.</summary>
    int BlockCount { get; }

    /// <summary>Erases block <paramref name="block"/> to 0xFF.</summary>
    bool TryErase(int block);

    /// <summary>Programs bytes at <paramref name="offset"/> (stored = old AND new).</summary>
    bool TryWrite(long offset, ReadOnlySpan<byte> source);

    /// <summary>Reads bytes at <paramref name="offset"/>.</summary>
    bool TryRead(long offset, Span<byte> destination);
}
