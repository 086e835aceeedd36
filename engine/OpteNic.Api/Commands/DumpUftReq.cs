using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpUft"/> (32).
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
public sealed record DumpUftReq(
    string PortName) : IOpteRequest<DumpUftReq, DumpUftResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpUft;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpUft;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpUftReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new DumpUftReq(fPortName);
        return true;
    }
}
