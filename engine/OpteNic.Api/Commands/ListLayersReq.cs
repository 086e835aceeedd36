using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ListLayers"/> (33).
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
public sealed record ListLayersReq(
    string PortName) : IOpteRequest<ListLayersReq, ListLayersResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ListLayers;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ListLayers;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ListLayersReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new ListLayersReq(fPortName);
        return true;
    }
}
