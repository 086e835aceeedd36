using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// A TCP-table row: the outbound flow id and its entry (a map entry in OPTE).
/// Wire form: <c>flow</c> (InnerFlowId), <c>entry</c> (TcpFlowEntryDump).
/// </summary>
/// <param name="Flow">Flow id (guest's view).</param>
/// <param name="Entry">The entry.</param>
public sealed record TcpFlowDump(
    InnerFlowId Flow,
    TcpFlowEntryDump Entry) : IPostcardSerializable<TcpFlowDump>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Flow.Write(ref writer);
        Entry.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out TcpFlowDump value)
    {
        value = null;
        if (!reader.TryRead(out InnerFlowId fFlow) ||
            !reader.TryRead(out TcpFlowEntryDump fEntry))
        {
            return false;
        }

        value = new TcpFlowDump(fFlow, fEntry);
        return true;
    }
}
