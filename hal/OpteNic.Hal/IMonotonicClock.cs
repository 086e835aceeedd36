namespace OpteNic.Hal;

/// <summary>The card's monotonic clock. The firmware reads it once per iteration and passes the time to the engine.</summary>
public interface IMonotonicClock
{
    /// <summary>Nanoseconds since an arbitrary fixed point; never goes backwards.</summary>
    long NowNanoseconds { get; }
}
