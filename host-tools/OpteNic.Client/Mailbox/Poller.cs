namespace OpteNic.Client.Mailbox;

/// <summary>
/// Back-off for polling a register the firmware will change: spin briefly (commands usually finish in microseconds),
/// then yield, then sleep a millisecond at a time so a slow or dead card costs no CPU.
/// </summary>
internal struct Poller
{
    private int _rounds;

    /// <summary>Waits a little longer each call, up to 1 ms.</summary>
    public void Wait()
    {
        _rounds++;
        if (_rounds < 64)
        {
            Thread.SpinWait(32);
        }
        else if (_rounds < 256)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
