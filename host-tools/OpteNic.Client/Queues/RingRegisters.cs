using OpteNic.Api;
using System.Diagnostics;
using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;

namespace OpteNic.Client.Queues;

/// <summary>Absolute BAR0 offsets of one direction (TX or RX) of a host queue pair (datasheet §6.1).</summary>
internal readonly struct RingRegisters
{
    public readonly int SubmissionBase;
    public readonly int CompletionBase;
    public readonly int RingSize;
    public readonly int SubmissionTail;
    public readonly int Control;
    public readonly int Status;

    private RingRegisters(int queuePair, int submissionBase, int completionBase, int ringSize, int tail, int control, int status)
    {
        SubmissionBase = Bar0.QueueRegister(queuePair, submissionBase);
        CompletionBase = Bar0.QueueRegister(queuePair, completionBase);
        RingSize = Bar0.QueueRegister(queuePair, ringSize);
        SubmissionTail = Bar0.QueueRegister(queuePair, tail);
        Control = Bar0.QueueRegister(queuePair, control);
        Status = Bar0.QueueRegister(queuePair, status);
    }

    public static RingRegisters Tx(int queuePair) => new(queuePair, Bar0.Queue.TxSubmissionBase, Bar0.Queue.TxCompletionBase, Bar0.Queue.TxRingSize, Bar0.Queue.TxSubmissionTail, Bar0.Queue.TxControl, Bar0.Queue.TxStatus);

    public static RingRegisters Rx(int queuePair) => new(queuePair, Bar0.Queue.RxSubmissionBase, Bar0.Queue.RxCompletionBase, Bar0.Queue.RxRingSize, Bar0.Queue.RxSubmissionTail, Bar0.Queue.RxControl, Bar0.Queue.RxStatus);

    /// <summary>Step 1 of the enable handshake (datasheet §6.2): ring addresses and size, tail 0. Queue must be disabled.</summary>
    public void Configure(BarRegisters bar, ulong submissionRing, ulong completionRing, int entries)
    {
        bar.Write64(SubmissionBase, submissionRing);
        bar.Write64(CompletionBase, completionRing);
        bar.Write32(RingSize, (uint)entries);
        bar.Write32(SubmissionTail, 0);
    }

    /// <summary>Steps 2–3: enable and wait for the firmware to report Enabled (or refuse with ConfigError).</summary>
    public void Enable(BarRegisters bar, ulong submissionRing, ulong completionRing, int entries, TimeSpan timeout, string name)
    {
        // Release store: the configuration, the zeroed rings and any pre-posted RX buffers are visible before it.
        bar.Write32(Control, (uint)QueueControl.Enabled);
        var status = WaitForStatus(bar, QueueStatus.Enabled, timeout);
        if (status is QueueStatus.ConfigError or QueueStatus.Fault)
        {
            bar.Write32(Control, (uint)QueueControl.Disabled);
            throw new OpteDeviceException(DeviceErrorKind.ProtocolViolation, $"{name}: the card refused the ring configuration ({entries} entries, submission 0x{submissionRing:x}, completion 0x{completionRing:x})", Errno.EINVAL);
        }

        if (status != QueueStatus.Enabled)
        {
            throw new OpteDeviceException(DeviceErrorKind.Timeout, $"{name}: the card did not enable the queue within {timeout.TotalMilliseconds:0} ms (status {status}, firmware {MailboxClient.Describe(bar.State)})", Errno.ETIMEDOUT);
        }
    }

    /// <summary>Disables the ring and waits (bounded) for the firmware to let go of it.</summary>
    public bool Disable(BarRegisters bar, TimeSpan timeout)
    {
        bar.Write32(Control, (uint)QueueControl.Disabled);
        return WaitForStatus(bar, QueueStatus.Disabled, timeout) == QueueStatus.Disabled;
    }

    private QueueStatus WaitForStatus(BarRegisters bar, QueueStatus wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (true)
        {
            var status = (QueueStatus)bar.Read32(Status);
            if (status == wanted || (wanted == QueueStatus.Enabled && status is QueueStatus.ConfigError or QueueStatus.Fault) || clock.Elapsed > timeout)
            {
                return status;
            }

            if (rounds++ < 100)
            {
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }
    }
}
