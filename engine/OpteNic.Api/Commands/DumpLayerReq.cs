using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpLayer"/> (31).
/// Wire form: <c>port_name</c> (String), <c>name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Name">Layer name.</param>
public sealed record DumpLayerReq(
    string PortName,
    string Name) : IOpteRequest<DumpLayerReq, DumpLayerResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpLayer;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpLayer;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteString(Name);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpLayerReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadString(out string fName))
        {
            return false;
        }

        value = new DumpLayerReq(fPortName, fName);
        return true;
    }
}
