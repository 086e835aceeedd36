using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetXdeUnderlay"/> (72): the two underlay (wire) ports the card sends on.
/// Wire form: <c>u1</c> (String), <c>u2</c> (String).
/// </summary>
/// <param name="U1">First underlay port name.</param>
/// <param name="U2">Second underlay port name.</param>
public sealed record SetXdeUnderlayReq(
    string U1,
    string U2) : IOpteRequest<SetXdeUnderlayReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetXdeUnderlay;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetXdeUnderlay;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(U1);
        writer.WriteString(U2);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetXdeUnderlayReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fU1) ||
            !reader.TryReadString(out string fU2))
        {
            return false;
        }

        value = new SetXdeUnderlayReq(fU1, fU2);
        return true;
    }
}
