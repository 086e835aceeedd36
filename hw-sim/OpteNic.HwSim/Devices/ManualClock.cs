using OpteNic.Hal;

namespace OpteNic.HwSim.Devices;

/// <summary>A clock that moves only when told: tests step the firmware through heartbeat periods and watchdog timeouts deterministically.</summary>
public sealed class ManualClock : IMonotonicClock
{
    private long _now;

    public ManualClock(long startNanoseconds = 0) => _now = startNanoseconds;

    public long NowNanoseconds => Interlocked.Read(ref _now);

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks * 100);

    /// <summary>Moves the clock forward by milliseconds.</summary>
    public void AdvanceMilliseconds(long milliseconds) => Interlocked.Add(ref _now, milliseconds * 1_000_000);
}
