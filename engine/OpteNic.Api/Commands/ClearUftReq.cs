using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearUft"/> (40): drop every UFT entry of the port.
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
public sealed record ClearUftReq(
    string PortName) : IOpteRequest<ClearUftReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearUft;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearUft;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearUftReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new ClearUftReq(fPortName);
        return true;
    }
}
