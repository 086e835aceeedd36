using OpteNic.Api.Abi;

namespace OpteNic.Client.Device;

/// <summary>
/// A failure talking to the card, classified by <see cref="Kind"/> with an errno where one applies. The message is
/// written for the operator: it names the path, the state, the versions or the command involved.
/// </summary>
public sealed class OpteDeviceException : Exception
{
    /// <summary>Creates an error of <paramref name="kind"/>.</summary>
    public OpteDeviceException(DeviceErrorKind kind, string message, int errno = 0, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Errno = errno;
    }

    /// <summary>What kind of failure this is.</summary>
    public DeviceErrorKind Kind { get; }

    /// <summary>Linux errno for the failure (0 when none applies).</summary>
    public int Errno { get; }

    /// <summary>The firmware's syndrome when it answered (<see cref="MailboxSyndrome.None"/> otherwise).</summary>
    public MailboxSyndrome Syndrome { get; init; }

    /// <summary>The firmware state when the failure was <see cref="DeviceErrorKind.NotReady"/>.</summary>
    public FirmwareState? State { get; init; }

    /// <summary>The serialized <c>OpteError</c> the firmware wrote, when its flag said it wrote one.</summary>
    public byte[]? ErrorBody { get; init; }

    /// <summary>The decoded <c>OpteError</c>, when the body decoded.</summary>
    public Api.OpteError? OpteError { get; init; }
}
