using OpteNic.Api.Abi;
using OpteNic.Hal;

namespace OpteNic.HwSim.Devices;

/// <summary>
/// The card's reset logic: latches the cause of each reset for the next boot and counts boots since power-on. A
/// requested reset is carried out by the board file (it sees <see cref="PendingReset"/>).
/// </summary>
public sealed class SimResetController : IResetController
{
    private int _pending = -1;
    private uint _bootCount;
    private ResetCause _cause = ResetCause.PowerOn;

    public ResetCause LastResetCause => _cause;

    public uint BootCount => Volatile.Read(ref _bootCount);

    /// <summary>The reset requested by the firmware or the watchdog and not yet carried out.</summary>
    public ResetCause? PendingReset
    {
        get
        {
            var pending = Volatile.Read(ref _pending);
            return pending < 0 ? null : (ResetCause)pending;
        }
    }

    public void RequestSystemReset(ResetCause cause) => Volatile.Write(ref _pending, (int)cause);

    /// <summary>Board file: the card comes out of reset (power-on, or the pending reset) — latch the cause, count the boot.</summary>
    public void CompleteReset()
    {
        var pending = Interlocked.Exchange(ref _pending, -1);
        _cause = _bootCount == 0 ? ResetCause.PowerOn : pending < 0 ? ResetCause.HostRequest : (ResetCause)pending;
        Interlocked.Increment(ref _bootCount);
    }
}
