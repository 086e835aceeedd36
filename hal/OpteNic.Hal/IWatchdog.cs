namespace OpteNic.Hal;

/// <summary>
/// Hardware watchdog: once started it resets the card unless kicked within the timeout. The firmware kicks it only
/// while every poll loop makes progress (datasheet §3.7).
/// </summary>
public interface IWatchdog
{
    /// <summary>Timeout in milliseconds; 0 while not started.</summary>
    int TimeoutMilliseconds { get; }

    /// <summary>Starts (or re-arms) the watchdog.</summary>
    void Start(int timeoutMilliseconds);

    /// <summary>Restarts the countdown.</summary>
    void Kick();
}
