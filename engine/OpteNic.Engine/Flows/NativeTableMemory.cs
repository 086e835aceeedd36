using System.Runtime.InteropServices;

namespace OpteNic.Engine.Flows;

/// <summary>
/// Memory for the UFT's index and slots, outside the GC heap: aligned to 128 bytes (so a slot is exactly two lines
/// of one aligned block) and, for tables of 2 MiB or more, to a 2 MiB boundary with the kernel asked for transparent huge pages
/// (<c>madvise(MADV_HUGEPAGE)</c>, Linux only, best effort). With 4 KiB pages a million-flow table spans ≈ 50 000 pages
/// and nearly every lookup misses the TLB; with 2 MiB pages the whole table fits in the TLB. Zeroed at allocation and
/// touched at construction, so page faults happen at boot, never on the data path. The only OS contact of the engine.
/// </summary>
internal static unsafe partial class NativeTableMemory
{
    private const nuint HugePage = 2 * 1024 * 1024;
    private const int MadviseHugePage = 14;

    /// <summary>Allocates at least <paramref name="bytes"/> zeroed bytes; <paramref name="allocated"/> is the size to report as memory pressure.</summary>
    public static void* Allocate(nuint bytes, out nuint allocated)
    {
        bool huge = bytes >= HugePage;
        nuint size = huge ? (bytes + HugePage - 1) & ~(HugePage - 1) : Math.Max(bytes, 128);
        void* memory = NativeMemory.AlignedAlloc(size, huge ? HugePage : 128);
        if (huge && OperatingSystem.IsLinux())
        {
            TryAdviseHugePages(memory, size);
        }

        NativeMemory.Clear(memory, size);
        GC.AddMemoryPressure((long)size);
        allocated = size;
        return memory;
    }

    /// <summary>Frees memory from <see cref="Allocate"/>.</summary>
    public static void Free(void* memory, nuint allocated)
    {
        if (memory is not null)
        {
            NativeMemory.AlignedFree(memory);
            GC.RemoveMemoryPressure((long)allocated);
        }
    }

    private static void TryAdviseHugePages(void* memory, nuint size)
    {
        try
        {
            // A hint: failure (no THP support, or a libc without madvise) leaves ordinary pages, which are correct.
            _ = Madvise(memory, size, MadviseHugePage);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
