using System.Diagnostics;

namespace OpteNic.Client.Mailbox;

/// <summary>
/// Back-off for polling a register the firmware will change: spin briefly (commands usually finish in microseconds),
/// then yield the CPU for up to <see cref="YieldWindowTicks"/> of wall time (a page of a large dump takes a few hundred
/// microseconds; sleeping then would add a whole scheduler tick, often several milliseconds on a busy host, to every
/// page), then sleep a millisecond at a time so a slow or dead card costs no CPU. Allocation-free.
/// </summary>
internal struct Poller
{
    /// <summary>How long to keep yielding before sleeping: 2 ms.</summary>
    private static readonly long YieldWindowTicks = Stopwatch.Frequency / 500;

    private int _rounds;
    private long _started;

    /// <summary>Waits a little longer each call: spins, then yields for 2 ms, then sleeps 1 ms per call.</summary>
    public void Wait()
    {
        _rounds++;
        if (_rounds < 64)
        {
            Thread.SpinWait(32);
            return;
        }

        if (_started == 0)
        {
            _started = Stopwatch.GetTimestamp();
        }

        if (Stopwatch.GetTimestamp() - _started < YieldWindowTicks)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
