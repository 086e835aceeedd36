using OpteNic.Hal;

namespace OpteNic.HwSim.Devices;

/// <summary>
/// NOR flash kept in a file (<c>DIR/flash</c>, kept across runs) or in memory: erase sets a block to 0xFF, programming
/// can only clear bits. Range errors return false.
/// </summary>
public sealed class SimFlash : IFlash, IDisposable
{
    private readonly byte[] _contents;
    private readonly FileStream? _file;
    private readonly Lock _lock = new();

    private SimFlash(int blockSize, int blockCount, FileStream? file)
    {
        BlockSize = blockSize;
        BlockCount = blockCount;
        _contents = new byte[blockSize * blockCount];
        _file = file;
    }

    public int BlockSize { get; }

    public int BlockCount { get; }

    /// <summary>Total bytes.</summary>
    public long Size => _contents.Length;

    /// <summary>Fresh, fully erased flash in memory.</summary>
    public static SimFlash CreateInMemory(int blockSize = 4096, int blockCount = 256)
    {
        var flash = new SimFlash(blockSize, blockCount, null);
        flash._contents.AsSpan().Fill(0xFF);
        return flash;
    }

    /// <summary>Opens flash stored in <paramref name="path"/>, creating it fully erased if missing or of another size.</summary>
    public static SimFlash OpenFile(string path, int blockSize = 4096, int blockCount = 256)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var flash = new SimFlash(blockSize, blockCount, file);
        if (file.Length == flash._contents.Length)
        {
            file.ReadExactly(flash._contents);
        }
        else
        {
            flash._contents.AsSpan().Fill(0xFF);
            file.SetLength(0);
            file.Write(flash._contents);
            file.Flush();
        }

        return flash;
    }

    public bool TryErase(int block)
    {
        if ((uint)block >= (uint)BlockCount)
        {
            return false;
        }

        lock (_lock)
        {
            _contents.AsSpan(block * BlockSize, BlockSize).Fill(0xFF);
            Persist(block * (long)BlockSize, BlockSize);
        }

        return true;
    }

    public bool TryWrite(long offset, ReadOnlySpan<byte> source)
    {
        if (!InRange(offset, source.Length))
        {
            return false;
        }

        lock (_lock)
        {
            var target = _contents.AsSpan((int)offset, source.Length);
            for (var i = 0; i < source.Length; i++)
            {
                target[i] &= source[i];
            }

            Persist(offset, source.Length);
        }

        return true;
    }

    public bool TryRead(long offset, Span<byte> destination)
    {
        if (!InRange(offset, destination.Length))
        {
            return false;
        }

        lock (_lock)
        {
            _contents.AsSpan((int)offset, destination.Length).CopyTo(destination);
        }

        return true;
    }

    public void Dispose() => _file?.Dispose();

    private bool InRange(long offset, int length) => offset >= 0 && offset <= _contents.Length && length <= _contents.Length - offset;

    private void Persist(long offset, int length)
    {
        if (_file is null)
        {
            return;
        }

        _file.Position = offset;
        _file.Write(_contents, (int)offset, length);
        _file.Flush();
    }
}
