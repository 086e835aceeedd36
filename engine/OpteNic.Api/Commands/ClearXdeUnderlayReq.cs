using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearXdeUnderlay"/> (73); refused while ports exist.
/// Wire form: nothing (zero bytes).
/// </summary>
public sealed record ClearXdeUnderlayReq : IOpteRequest<ClearXdeUnderlayReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearXdeUnderlay;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearXdeUnderlay;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearXdeUnderlayReq value)
    {
        value = new();
        return true;
    }
}
