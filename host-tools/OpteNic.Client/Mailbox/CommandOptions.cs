namespace OpteNic.Client.Mailbox;

/// <summary>Per-command knobs of <see cref="MailboxClient.Execute"/>.</summary>
public sealed record CommandOptions
{
    /// <summary>The first response buffer size (OPTE's rule: start at 16 KiB).</summary>
    public const int DefaultInitialResponseBytes = 16 * 1024;

    /// <summary>Tries in all when the firmware answers ENOBUFS (OPTE's rule: at most 3).</summary>
    public const int DefaultMaxTries = 3;

    /// <summary>Overrides the card's <c>CapDefaultTimeoutMs</c> when set.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How long to wait for another host process's command to finish before giving up with EBUSY. Defaults to
    /// <see cref="LockWaitTimeouts"/> command timeouts: waiting behind a queue of processes on a busy host is normal,
    /// and only a process that holds the mailbox far longer than any command may take is reported.
    /// </summary>
    public TimeSpan? LockWait { get; init; }

    /// <summary>Default lock wait, in command timeouts.</summary>
    public const int LockWaitTimeouts = 10;

    /// <summary>The lock wait that applies for a command <paramref name="timeout"/>.</summary>
    public TimeSpan EffectiveLockWait(TimeSpan timeout) => LockWait ?? timeout * LockWaitTimeouts;

    /// <summary>Size of the first response buffer.</summary>
    public int InitialResponseBytes { get; init; } = DefaultInitialResponseBytes;

    /// <summary>Tries in all (the first plus the ENOBUFS retries).</summary>
    public int MaxTries { get; init; } = DefaultMaxTries;

    /// <summary>The OPTE API version written into the envelope (tests change it to provoke EPROTO).</summary>
    public ulong ApiVersion { get; init; } = Api.ApiVersion.Current;

    /// <summary>Defaults.</summary>
    public static CommandOptions Default { get; } = new();
}
