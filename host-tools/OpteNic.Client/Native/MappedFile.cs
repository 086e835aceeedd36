using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace OpteNic.Client.Native;

/// <summary>
/// A whole file mapped shared and read-write: the simulator's BAR or host-memory file, or a real
/// <c>/sys/bus/pci/devices/&lt;BDF&gt;/resource0</c> (which Linux lets root mmap at offset 0). One code path for both.
/// </summary>
public sealed unsafe class MappedFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _base;

    private MappedFile(string path, FileStream stream, MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        Path = path;
        _stream = stream;
        _map = map;
        _view = view;
        Length = length;
        byte* pointer = null;
        // SAFETY: the pointer stays valid until Dispose releases it; the view outlives every user of this object.
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    /// <summary>The file that is mapped.</summary>
    public string Path { get; }

    /// <summary>Mapped bytes (the file's size when it was opened).</summary>
    public long Length { get; }

    /// <summary>Start of the mapping. Valid until <see cref="Dispose"/>.</summary>
    public byte* Base => _base != null ? _base : throw new ObjectDisposedException(Path);

    /// <summary>The open descriptor, for byte-range locks (<see cref="RegionLock"/>).</summary>
    public SafeFileHandle Handle => _stream.SafeFileHandle;

    /// <summary>
    /// Opens and maps <paramref name="path"/>. Throws <see cref="FileNotFoundException"/>,
    /// <see cref="DirectoryNotFoundException"/> or <see cref="UnauthorizedAccessException"/> as the file system reports,
    /// and <see cref="InvalidDataException"/> if the file is shorter than <paramref name="minimumLength"/>.
    /// </summary>
    public static MappedFile Open(string path, long minimumLength)
    {
        // FileShare.ReadWrite: the device model (or the kernel) has the same file open and writes it concurrently.
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            var length = stream.Length;
            if (length < minimumLength)
            {
                throw new InvalidDataException($"the file is {length} bytes; at least {minimumLength} are needed");
            }

            var map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            try
            {
                var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
                return new MappedFile(path, stream, map, view, length);
            }
            catch
            {
                map.Dispose();
                throw;
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Unmaps and closes the file (which also drops any byte-range lock still held through it).</summary>
    public void Dispose()
    {
        if (_base != null)
        {
            _base = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        _view.Dispose();
        _map.Dispose();
        _stream.Dispose();
    }
}
