namespace OpteNic.Client.Mailbox;

/// <summary>
/// Linux errno values seen on the host side: those the mailbox status register carries (datasheet §4.4, see
/// <c>OpteNic.Api.Errno</c>) and those the client reports itself (EBUSY, ETIMEDOUT), with their names for messages.
/// </summary>
public static class HostErrno
{
    public const int None = 0;
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int E2BIG = 7;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int ENOMSG = 42;
    public const int EPROTO = 71;
    public const int EOPNOTSUPP = 95;
    public const int ENOBUFS = 105;
    public const int ETIMEDOUT = 110;

    /// <summary>The symbolic name of <paramref name="errno"/> (or the number).</summary>
    public static string Name(int errno) => errno switch
    {
        None => "OK",
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
