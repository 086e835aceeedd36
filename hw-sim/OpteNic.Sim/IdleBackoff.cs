namespace OpteNic.Sim;

/// <summary>
/// How a poll loop waits when it found nothing to do: spin briefly (a doorbell right after work is common), then
/// yield, then sleep 1 ms. A file-backed BAR cannot interrupt the loop, so this bounds doorbell latency after a quiet
/// spell to about 1 ms while keeping an idle simulator from burning a core (datasheet §8).
/// </summary>
public struct IdleBackoff
{
    private const int SpinRounds = 64;
    private const int YieldRounds = 256;
    private int _idleRounds;

    /// <summary>Call once per iteration with whether it did anything.</summary>
    public void Pause(bool didWork)
    {
        if (didWork)
        {
            _idleRounds = 0;
            return;
        }

        _idleRounds++;
        if (_idleRounds < SpinRounds)
        {
            Thread.SpinWait(32);
        }
        else if (_idleRounds < SpinRounds + YieldRounds)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
