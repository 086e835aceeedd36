using OpteNic.Api;

namespace OpteAdm.Opte;

/// <summary>
/// Exit codes for the OPTE subcommands, extending <see cref="ExitCodes"/> (0–14, the device and mailbox classes) from
/// 20 up: one per class of <see cref="OpteError"/>, so a script can tell "no such port" from "already exists" from
/// "table full" without parsing messages. A firmware error whose body does not decode keeps
/// <see cref="ExitCodes.CommandFailed"/> (10). Table in host-tools/README.md, section "OPTE subcommands".
/// </summary>
internal static class OpteExitCodes
{
    /// <summary>No such port, layer or rule; or a removal found nothing to remove (del-router-entry, remove-cidr).</summary>
    public const int NotFound = 20;

    /// <summary>The port, MAC (on that VNI) or flow already exists.</summary>
    public const int AlreadyExists = 21;

    /// <summary>The firmware rejected a value: bad name, layer position, router entry, underlay multicast address,
    /// IP configuration, or port creation.</summary>
    public const int Rejected = 22;

    /// <summary>The port is not in a state that allows the command.</summary>
    public const int WrongState = 23;

    /// <summary>A table is at its capacity.</summary>
    public const int NoCapacity = 24;

    /// <summary>The response stayed larger than the buffer the host can offer after the ENOBUFS retries.</summary>
    public const int ResponseTooLarge = 25;

    /// <summary>A request, response or error did not cross the mailbox intact (copy-in/out, encode, decode, missing
    /// body): opteadm and the firmware disagree on the wire format, or one of them has a bug.</summary>
    public const int WireFormat = 26;

    /// <summary>The firmware reported a system error (an errno without a more specific class).</summary>
    public const int SystemError = 27;

    /// <summary>The firmware does not implement the command (System error EOPNOTSUPP).</summary>
    public const int Unsupported = 28;

    /// <summary>The class of <paramref name="error"/>. <see cref="OpteError.BadApiVersion"/> shares
    /// <see cref="ExitCodes.AbiMismatch"/> with the mailbox ABI check: both mean "this opteadm cannot talk to this
    /// firmware".</summary>
    public static int For(OpteError error) => error switch
    {
        OpteError.BadApiVersion => ExitCodes.AbiMismatch,
        OpteError.PortNotFound or OpteError.LayerNotFound or OpteError.RuleNotFound => NotFound,
        OpteError.PortExists or OpteError.MacExists or OpteError.FlowExists => AlreadyExists,
        OpteError.BadLayerPos or OpteError.BadName or OpteError.InvalidRouterEntry or OpteError.InvalidUnderlayMulticast
            or OpteError.PortCreate or OpteError.InvalidIpCfg => Rejected,
        OpteError.BadState => WrongState,
        OpteError.MaxCapacity => NoCapacity,
        OpteError.RespTooLarge => ResponseTooLarge,
        OpteError.CopyinReq or OpteError.CopyoutResp or OpteError.DeserCmdErr or OpteError.DeserCmdReq
            or OpteError.SerCmdErr or OpteError.SerCmdResp or OpteError.NoRequestBody => WireFormat,
        OpteError.System { SystemErrno: Errno.EOPNOTSUPP } => Unsupported,
        OpteError.System => SystemError,
        _ => ExitCodes.CommandFailed,
    };
}
