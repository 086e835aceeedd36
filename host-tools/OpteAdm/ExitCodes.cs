using OpteNic.Client.Device;

namespace OpteAdm;

/// <summary>
/// opteadm's exit codes: one per class of failure so scripts can tell them apart (table in host-tools/README.md).
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug, or an I/O error outside the classes below).</summary>
    public const int Failure = 1;
    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
    public const int DeviceNotFound = 3;
    public const int PermissionDenied = 4;
    public const int NotACard = 5;
    public const int AbiMismatch = 6;
    public const int NotReady = 7;
    public const int Busy = 8;
    public const int Timeout = 9;
    /// <summary>The firmware answered the command with an error (errno + OpteError).</summary>
    public const int CommandFailed = 10;
    public const int NoHostMemory = 11;
    public const int ProtocolViolation = 12;
    /// <summary>An input file (pcap) is missing, unreadable or malformed.</summary>
    public const int BadInput = 13;
    /// <summary>Frames were sent but not all completed Ok (dropped, faulted, or the card stalled).</summary>
    public const int Incomplete = 14;

    /// <summary>The exit code for a classified device failure.</summary>
    public static int For(DeviceErrorKind kind) => kind switch
    {
        DeviceErrorKind.DeviceNotFound => DeviceNotFound,
        DeviceErrorKind.PermissionDenied => PermissionDenied,
        DeviceErrorKind.NotACard => NotACard,
        DeviceErrorKind.AbiMismatch => AbiMismatch,
        DeviceErrorKind.NotReady => NotReady,
        DeviceErrorKind.Busy => Busy,
        DeviceErrorKind.Timeout => Timeout,
        DeviceErrorKind.CommandFailed => CommandFailed,
        DeviceErrorKind.NoHostMemory => NoHostMemory,
        DeviceErrorKind.ProtocolViolation => ProtocolViolation,
        _ => Failure,
    };
}
