using System.Diagnostics;
using System.Runtime;

namespace OpteNic.Tests.Shared;

/// <summary>
/// Measures what a loop allocates once the runtime has settled: the loop is warmed up, then repeated until the JIT has
/// stopped compiling (tiered compilation and on-stack replacement finish in the background, later on a loaded
/// machine), and only then one window is measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> on this
/// thread. No runtime work is left to land in the window, so an assertion can demand exactly zero bytes from a single
/// window. Linked into each test project that needs it (tests/Directory.Build.props stays free of test-only sources).
/// </summary>
internal static class SteadyState
{
    /// <summary>
    /// Bytes allocated on this thread by one call of <paramref name="window"/>, after warm-up and settling.
    /// <paramref name="prepare"/> runs (unmeasured) before every window, including the measured one.
    /// </summary>
    public static long AllocatedBytes(Action window, Action? prepare = null)
    {
        void Run()
        {
            prepare?.Invoke();
            window();
        }

        Run();
        Run();
        WaitForJitToSettle(Run);
        prepare?.Invoke();
        long before = GC.GetAllocatedBytesForCurrentThread();
        window();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// Runs <paramref name="window"/> until the process-wide count of compiled methods stays unchanged across a call and
    /// a short pause (background tier-up done), or 20 s pass on a very crowded machine.
    /// </summary>
    private static void WaitForJitToSettle(Action window)
    {
        var limit = Stopwatch.StartNew();
        int quietRounds = 0;
        while (quietRounds < 2 && limit.Elapsed < TimeSpan.FromSeconds(20))
        {
            long compiled = JitInfo.GetCompiledMethodCount(currentThread: false);
            window();
            Thread.Sleep(100);
            quietRounds = JitInfo.GetCompiledMethodCount(currentThread: false) == compiled ? quietRounds + 1 : 0;
        }
    }
}
