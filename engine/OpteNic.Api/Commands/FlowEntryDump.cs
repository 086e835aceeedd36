using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One flow-table entry (LFT or UFT) in a dump: its flow id, hits and what it does.
/// Wire form: <c>flow</c> (InnerFlowId), <c>hits</c> (u64 varint), <c>summary</c> (String).
/// </summary>
/// <param name="Flow">The flow as the table keys it.</param>
/// <param name="Hits">Packets that hit it.</param>
/// <param name="Summary">The cached action or transformations in words.</param>
public sealed record FlowEntryDump(
    InnerFlowId Flow,
    ulong Hits,
    string Summary) : IPostcardSerializable<FlowEntryDump>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Flow.Write(ref writer);
        writer.WriteU64(Hits);
        writer.WriteString(Summary);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out FlowEntryDump value)
    {
        value = null;
        if (!reader.TryRead(out InnerFlowId fFlow) ||
            !reader.TryReadU64(out ulong fHits) ||
            !reader.TryReadString(out string fSummary))
        {
            return false;
        }

        value = new FlowEntryDump(fFlow, fHits, fSummary);
        return true;
    }
}
