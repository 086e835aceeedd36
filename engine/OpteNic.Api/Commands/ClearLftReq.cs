using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearLft"/> (41): drop every LFT entry of one layer.
/// Wire form: <c>port_name</c> (String), <c>layer_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="LayerName">Layer name.</param>
public sealed record ClearLftReq(
    string PortName,
    string LayerName) : IOpteRequest<ClearLftReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearLft;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearLft;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteString(LayerName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearLftReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadString(out string fLayerName))
        {
            return false;
        }

        value = new ClearLftReq(fPortName, fLayerName);
        return true;
    }
}
