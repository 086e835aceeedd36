using OpteNic.Api;
using OpteNic.Api.Abi;

namespace OpteNic.Firmware.Mailbox;

/// <summary>What the firmware writes back when a command ends (datasheet §4.4): status, syndrome and the envelope.</summary>
public readonly struct MailboxCompletion
{
    public MailboxCompletion(int status, MailboxSyndrome syndrome, OpteCmdIoctl envelope)
    {
        Status = status;
        Syndrome = syndrome;
        Envelope = envelope;
    }

    /// <summary>errno (0 = success).</summary>
    public int Status { get; }

    /// <summary>The exact check that failed.</summary>
    public MailboxSyndrome Syndrome { get; }

    /// <summary>The envelope with <c>flags</c> and <c>resp_len_actual</c> filled in.</summary>
    public OpteCmdIoctl Envelope { get; }
}
