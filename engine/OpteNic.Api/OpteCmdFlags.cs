namespace OpteNic.Api;

/// <summary>Bits of <see cref="OpteCmdIoctl.Flags"/> (set by the firmware on completion).</summary>
[Flags]
public enum OpteCmdFlags : ulong
{
    /// <summary>Nothing was written to the response buffer.</summary>
    None = 0,
    /// <summary>
    /// The response buffer holds postcard bytes: the command's response on success (status 0), or a serialized
    /// <see cref="OpteError"/> on failure. Without it a failing command carries only its errno.
    /// </summary>
    ResponseWritten = OpteCmdIoctl.FlagResponseWritten,
}
