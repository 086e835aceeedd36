using OpteNic.Hal;

namespace OpteNic.HwSim.Devices;

/// <summary>
/// The card's watchdog timer, counting on the card's clock. The board file polls <see cref="HasExpired"/> and resets
/// the card (cause: watchdog) when it fires, as the silicon would.
/// </summary>
public sealed class SimWatchdog : IWatchdog
{
    private readonly IMonotonicClock _clock;
    private long _deadline = long.MaxValue;
    private int _timeoutMilliseconds;

    public SimWatchdog(IMonotonicClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    public int TimeoutMilliseconds => Volatile.Read(ref _timeoutMilliseconds);

    /// <summary>Kicks received (for tests).</summary>
    public long Kicks => Interlocked.Read(ref _kicks);

    private long _kicks;

    public void Start(int timeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMilliseconds);
        Volatile.Write(ref _timeoutMilliseconds, timeoutMilliseconds);
        Kick();
    }

    public void Kick()
    {
        var timeout = Volatile.Read(ref _timeoutMilliseconds);
        if (timeout == 0)
        {
            return;
        }

        Interlocked.Increment(ref _kicks);
        Interlocked.Exchange(ref _deadline, _clock.NowNanoseconds + (timeout * 1_000_000L));
    }

    /// <summary>True once the watchdog is started and was not kicked within its timeout.</summary>
    public bool HasExpired => _clock.NowNanoseconds >= Interlocked.Read(ref _deadline);

    /// <summary>Stops the watchdog, as a reset of the card does.</summary>
    public void Disarm()
    {
        Volatile.Write(ref _timeoutMilliseconds, 0);
        Interlocked.Exchange(ref _deadline, long.MaxValue);
    }
}
