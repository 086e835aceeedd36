using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpTcpFlows"/> (30).
/// Wire form: <c>port_name</c> (String).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
public sealed record DumpTcpFlowsReq(
    string PortName) : IOpteRequest<DumpTcpFlowsReq, DumpTcpFlowsResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpTcpFlows;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpTcpFlows;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpTcpFlowsReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName))
        {
            return false;
        }

        value = new DumpTcpFlowsReq(fPortName);
        return true;
    }
}
