using System.Diagnostics;
using OpteNic.Hal;

namespace OpteNic.HwSim.Devices;

/// <summary>The card's free-running counter, simulated by the host's monotonic high-resolution clock.</summary>
public sealed class SystemClock : IMonotonicClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long NowNanoseconds => (long)((Stopwatch.GetTimestamp() - _start) * (1_000_000_000.0 / Stopwatch.Frequency));
}
