namespace OpteNic.Api.Wire;

/// <summary>
/// A decode failure: what went wrong, at which byte offset of the input, and (for discriminant and value errors) which
/// type or field. <see cref="Context"/> is always a constant string so reporting an error allocates nothing.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Offset">Offset of the first byte of the value that failed.</param>
/// <param name="Context">The type or field involved, or null.</param>
public readonly record struct PostcardError(PostcardErrorKind Kind, int Offset, string? Context)
{
    /// <summary>True when this describes an actual failure.</summary>
    public bool IsError => Kind != PostcardErrorKind.None;

    /// <summary>Human-readable form used in <c>DeserCmdReq</c>/<c>DeserCmdErr</c> messages.</summary>
    public override string ToString() =>
        Context is null ? $"{Kind} at offset {Offset}" : $"{Kind} at offset {Offset} ({Context})";
}
