using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID), so the quick bench measures the work done rather
/// than the share of a crowded 2-core machine it was given; falls back to wall time elsewhere.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>True when thread CPU time is available (Linux).</summary>
    public static bool IsThreadTime { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Nanoseconds of CPU time of this thread (or wall time).</summary>
    public static long NowNanoseconds()
    {
        if (IsThreadTime && TryRead(out long ns))
        {
            return ns;
        }

        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    private static bool TryRead(out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            if (clock_gettime(ClockThreadCpuTime, out TimeSpec spec) != 0)
            {
                return false;
            }

            nanoseconds = (spec.Seconds * 1_000_000_000) + spec.Nanoseconds;
            return true;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clock, out TimeSpec spec);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
