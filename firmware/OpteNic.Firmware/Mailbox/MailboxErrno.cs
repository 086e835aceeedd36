using OpteNic.Api;

namespace OpteNic.Firmware.Mailbox;

/// <summary>
/// The errno values the mailbox status carries (datasheet §9, Linux numbering): the command errors of
/// <see cref="Errno"/> plus the transport's own.
/// </summary>
public static class MailboxErrno
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Request longer than CapMaxRequest.</summary>
    public const int E2BIG = 7;

    /// <summary>Request or response buffer outside host memory.</summary>
    public const int EFAULT = Errno.EFAULT;

    /// <summary>Firmware not READY.</summary>
    public const int EBUSY = 16;

    /// <summary>Request bytes do not decode.</summary>
    public const int ENOMSG = Errno.ENOMSG;

    /// <summary>OPTE API version mismatch.</summary>
    public const int EPROTO = Errno.EPROTO;

    /// <summary>No handler for the command code.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Response buffer too small.</summary>
    public const int ENOBUFS = Errno.ENOBUFS;

    /// <summary>A handler failed in a way it did not describe (a firmware bug), reported instead of dying.</summary>
    public const int EIO = 5;
}
