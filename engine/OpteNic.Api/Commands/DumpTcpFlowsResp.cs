using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpTcpFlows"/>.
/// Wire form: <c>flows</c> (Vec&lt;TcpFlowDump&gt;).
/// </summary>
/// <param name="Flows">Every tracked TCP flow.</param>
public sealed record DumpTcpFlowsResp(
    ValueArray<TcpFlowDump> Flows) : IPostcardSerializable<DumpTcpFlowsResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Flows);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpTcpFlowsResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<TcpFlowDump> fFlows, 24))
        {
            return false;
        }

        value = new DumpTcpFlowsResp(fFlows);
        return true;
    }
}
