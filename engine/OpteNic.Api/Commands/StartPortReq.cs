using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.StartPort"/> (203, card extension): start a paused port again.
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
public sealed record StartPortReq(
    string PortName) : IOpteRequest<StartPortReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.StartPort;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.StartPort;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out StartPortReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new StartPortReq(fPortName);
        return true;
    }
}
