namespace OpteNic.Engine.Metadata;

/// <summary>Outcome of <see cref="MetadataInterner.TryIntern"/>.</summary>
public enum MetadataInternResult : byte
{
    /// <summary>The id was found or created.</summary>
    Ok,
    /// <summary>A new string did not fit: every id is taken. Report it as "no space" for the command that asked.</summary>
    Full,
}
