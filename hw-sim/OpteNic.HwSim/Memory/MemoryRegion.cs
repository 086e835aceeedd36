using System.IO.MemoryMappedFiles;

namespace OpteNic.HwSim.Memory;

/// <summary>
/// A fixed block of memory the device model and the host share: a shared mapping of a file (<c>DIR/bar0</c>,
/// <c>DIR/hostmem</c>, datasheet §8), or process-local zeroed memory for tests that step the firmware in one process.
/// The pointer stays valid until <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class MemoryRegion : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    private MemoryRegion(byte* pointer, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view)
    {
        _pointer = pointer;
        Length = length;
        _file = file;
        _view = view;
    }

    /// <summary>Bytes in the region.</summary>
    public long Length { get; }

    /// <summary>First byte of the region.</summary>
    public byte* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(MemoryRegion));

    /// <summary>
    /// Creates (or truncates) <paramref name="path"/> to <paramref name="length"/> zero bytes and maps it shared,
    /// read/write, so another process mapping the same file sees every store.
    /// </summary>
    public static MemoryRegion CreateFile(string path, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.SetLength(length);
        }

        return MapFile(path, length);
    }

    /// <summary>Maps an existing file of at least <paramref name="length"/> bytes shared, read/write.</summary>
    public static MemoryRegion MapFile(string path, long length)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, length, MemoryMappedFileAccess.ReadWrite);
        var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        // SAFETY: the handle is released in Dispose; the view stays mapped (and the pointer valid) until then.
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        pointer += view.PointerOffset;
        return new MemoryRegion(pointer, length, file, view);
    }

    /// <summary>Zeroed process-local memory (never moved by the GC) for in-process tests and benchmarks.</summary>
    public static MemoryRegion AllocateZeroed(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        // SAFETY: freed exactly once in Dispose.
        var pointer = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)length);
        return new MemoryRegion(pointer, length, null, null);
    }

    public void Dispose()
    {
        if (_pointer == null)
        {
            return;
        }

        if (_view is null)
        {
            // SAFETY: allocated by AllocateZeroed, freed once (the pointer is cleared below).
            System.Runtime.InteropServices.NativeMemory.Free(_pointer);
        }
        else
        {
            _view.Flush();
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file!.Dispose();
        }

        _pointer = null;
    }
}
