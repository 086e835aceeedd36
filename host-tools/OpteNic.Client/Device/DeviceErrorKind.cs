namespace OpteNic.Client.Device;

/// <summary>Classes of failure a host tool reports differently (each maps to its own opteadm exit code).</summary>
public enum DeviceErrorKind
{
    /// <summary>The device path does not exist (no state directory, no BAR file, no sysfs resource).</summary>
    DeviceNotFound,
    /// <summary>The path exists but the caller may not open it (sysfs resources need root).</summary>
    PermissionDenied,
    /// <summary>The file is not an opte-nic BAR: too small or the signature register is wrong.</summary>
    NotACard,
    /// <summary>The card's mailbox ABI major, or the firmware's OPTE API version, differs from this tool's.</summary>
    AbiMismatch,
    /// <summary>The firmware state is not READY (booting, fatal or updating).</summary>
    NotReady,
    /// <summary>The mailbox slot is still owned by the firmware (an earlier command never completed), or its lock is held.</summary>
    Busy,
    /// <summary>The firmware did not complete the command in time. The slot stays owned until completion or reset.</summary>
    Timeout,
    /// <summary>The firmware answered with an error status (errno, syndrome and possibly an OPTE error body).</summary>
    CommandFailed,
    /// <summary>The device has no host DMA memory (a real BAR without a VFIO memory provider).</summary>
    NoHostMemory,
    /// <summary>The firmware broke the protocol (an impossible response length, a queue it refused to enable).</summary>
    ProtocolViolation,
}
