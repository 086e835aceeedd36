namespace OpteNic.Api;

/// <summary>Versions both sides of the command path check.</summary>
public static class ApiVersion
{
    /// <summary>
    /// OPTE API version carried in every <see cref="OpteCmdIoctl"/>; a mismatch is answered with
    /// <c>OpteError.BadApiVersion</c> (EPROTO). Follows OPTE's numbering (41 is the version the behaviour is taken from).
    /// </summary>
    public const ulong Current = 41;
}
