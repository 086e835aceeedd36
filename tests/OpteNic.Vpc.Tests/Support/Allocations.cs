namespace OpteNic.Vpc.Tests.Support;

/// <summary>
/// Allocation measurement for the data path: runs a window of thousands of packets three times and returns the
/// smallest byte count. A per-packet allocation shows in every window; the runtime's one-off background work
/// (tier-up of hot methods while other tests run) may touch one window, never all three.
/// </summary>
public static class Allocations
{
    public static long QuietestWindow(Action<int> window)
    {
        long best = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window(i);
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }
}
