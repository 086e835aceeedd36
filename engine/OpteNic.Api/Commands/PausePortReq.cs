using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.PausePort"/> (202, card extension): pause the port: frames to or from it are dropped (counted <c>process_err</c>) and rule changes answer <c>BadState</c> until <see cref="OpteCmd.StartPort"/>; dumps still work.
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
public sealed record PausePortReq(
    string PortName) : IOpteRequest<PausePortReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.PausePort;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.PausePort;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out PausePortReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new PausePortReq(fPortName);
        return true;
    }
}
