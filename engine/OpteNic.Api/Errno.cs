namespace OpteNic.Api;

/// <summary>
/// errno values the card reports in the mailbox status register (Linux numbering, because the host side of this card
/// is Linux; OPTE on illumos used that system's numbers for the same names).
/// </summary>
public static class Errno
{
    /// <summary>No such entry (port, layer, rule).</summary>
    public const int ENOENT = 2;
    /// <summary>Bad address: a request or response buffer could not be copied.</summary>
    public const int EFAULT = 14;
    /// <summary>The object already exists.</summary>
    public const int EEXIST = 17;
    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;
    /// <summary>A table is at its capacity.</summary>
    public const int ENFILE = 23;
    /// <summary>A request or response did not (de)serialize.</summary>
    public const int ENOMSG = 42;
    /// <summary>API version mismatch.</summary>
    public const int EPROTO = 71;
    /// <summary>The command code is not one this firmware knows.</summary>
    public const int EOPNOTSUPP = 95;
    /// <summary>The response buffer is too small; the needed size is reported.</summary>
    public const int ENOBUFS = 105;
}
