namespace OpteNic.Api;

/// <summary>
/// errno values on the command path (datasheet §9): what the mailbox status register carries and what the host client
/// reports itself. Linux numbering, because the host side of this card is Linux; OPTE on illumos used that system's
/// numbers for the same names.
/// </summary>
public static class Errno
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>No such entry (port, layer, rule), or no card at the given path.</summary>
    public const int ENOENT = 2;
    /// <summary>A handler failed in a way it did not describe (a firmware bug), reported instead of dying.</summary>
    public const int EIO = 5;
    /// <summary>Request longer than the card's maximum request size.</summary>
    public const int E2BIG = 7;
    /// <summary>Bad address: a request or response buffer could not be copied (outside host memory).</summary>
    public const int EFAULT = 14;
    /// <summary>Firmware not READY, or the mailbox slot is still owned by the firmware.</summary>
    public const int EBUSY = 16;
    /// <summary>The object already exists.</summary>
    public const int EEXIST = 17;
    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;
    /// <summary>A table is at its capacity.</summary>
    public const int ENFILE = 23;
    /// <summary>A request or response did not (de)serialize.</summary>
    public const int ENOMSG = 42;
    /// <summary>API or mailbox ABI version mismatch.</summary>
    public const int EPROTO = 71;
    /// <summary>The command code is not one this firmware knows.</summary>
    public const int EOPNOTSUPP = 95;
    /// <summary>The response buffer is too small; the needed size is reported.</summary>
    public const int ENOBUFS = 105;
    /// <summary>The firmware did not complete the command in time (host side).</summary>
    public const int ETIMEDOUT = 110;

    /// <summary>The symbolic name of <paramref name="errno"/> (or the number).</summary>
    public static string Name(int errno) => errno switch
    {
        Ok => "OK",
        ENOENT => "ENOENT",
        EIO => "EIO",
        E2BIG => "E2BIG",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        EINVAL => "EINVAL",
        ENFILE => "ENFILE",
        ENOMSG => "ENOMSG",
        EPROTO => "EPROTO",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOBUFS => "ENOBUFS",
        ETIMEDOUT => "ETIMEDOUT",
        _ => $"errno {errno}",
    };
}
