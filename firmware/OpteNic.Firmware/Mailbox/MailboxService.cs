using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Hal;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// The firmware's side of the mailbox slot (datasheet §4.2). A file-backed BAR cannot trap the doorbell, so the
/// management loop calls <see cref="Poll"/> every iteration; a Posted slot is taken (InProgress), run through the
/// <see cref="IoctlEnvelope"/>, and completed: envelope, status, syndrome and the echoed sequence id first, then
/// Done with release semantics, then the mailbox interrupt cause.
/// </summary>
public sealed class MailboxService
{
    /// <summary>Interrupt cause bit of the mailbox (§3.5).</summary>
    public const uint InterruptBit = 1u << 31;

    private readonly IRegisterBlock _bar;
    private readonly IInterruptController _interrupts;
    private readonly IoctlEnvelope _envelope;
    private readonly CommandTable _commands;
    private long _served;

    public MailboxService(IRegisterBlock bar, IInterruptController interrupts, IoctlEnvelope envelope, CommandTable commands)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(interrupts);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(commands);
        _bar = bar;
        _interrupts = interrupts;
        _envelope = envelope;
        _commands = commands;
    }

    /// <summary>Commands completed since boot.</summary>
    public long CommandsServed => Volatile.Read(ref _served);

    /// <summary>Serves the slot if the host rang; returns true when a command was completed.</summary>
    public bool Poll(bool ready)
    {
        if ((MailboxControl)_bar.Read32(Bar0.MailboxControl) != MailboxControl.Posted)
        {
            return false;
        }

        _bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.InProgress);
        var sequence = _bar.Read32(Bar0.MailboxSequence);
        Span<byte> raw = stackalloc byte[OpteCmdIoctl.Size];
        _bar.ReadBytes(Bar0.MailboxEnvelope, raw);
        var completion = _envelope.Execute(OpteCmdIoctl.ReadFrom(raw), _commands, ready);

        completion.Envelope.WriteTo(raw);
        _bar.WriteBytes(Bar0.MailboxEnvelope, raw);
        _bar.Write32(Bar0.MailboxStatus, (uint)completion.Status);
        _bar.Write32(Bar0.MailboxSyndrome, (uint)completion.Syndrome);
        _bar.Write32(Bar0.MailboxCompletionSequence, sequence);
        _bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Done);
        _interrupts.Raise(InterruptBit);
        Volatile.Write(ref _served, _served + 1);
        return true;
    }

    /// <summary>Function-level reset: the slot goes back to Idle with no result (§3.2).</summary>
    public void Release()
    {
        _bar.Write32(Bar0.MailboxCompletionSequence, 0);
        _bar.Write32(Bar0.MailboxStatus, 0);
        _bar.Write32(Bar0.MailboxSyndrome, 0);
        _bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Idle);
    }
}
