using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ExportPortState"/> (204, card extension): export the flows of a paused port so it can
/// move to another card (datasheet §5.7).
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0"; it must be Paused.</param>
public sealed record ExportPortStateReq(
    string PortName) : IOpteRequest<ExportPortStateReq, ExportPortStateResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ExportPortState;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ExportPortState;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ExportPortStateReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new ExportPortStateReq(fPortName);
        return true;
    }
}
