namespace OpteNic.Api.Commands;

/// <summary>Result of a removal that may find nothing to remove (<c>DelRouterEntryResp</c>, <c>RemoveCidrResp</c>).
/// Wire form: enum <c>Ok = 0, NotFound = 1</c>.</summary>
public enum RemovalOutcome : byte
{
    /// <summary>The entry existed and was removed.</summary>
    Ok = 0,
    /// <summary>No such entry; nothing changed.</summary>
    NotFound = 1,
}
