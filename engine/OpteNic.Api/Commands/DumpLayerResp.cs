using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpLayer"/>: a layer's rules, defaults with hit counts, and its LFTs.
/// Wire form: <c>name</c> (String), <c>rules_in</c> (Vec&lt;RuleTableEntryDump&gt;), <c>rules_out</c> (Vec&lt;RuleTableEntryDump&gt;), <c>default_in</c> (String), <c>default_out</c> (String), <c>default_in_hits</c> (u64 varint), <c>default_out_hits</c> (u64 varint), <c>ft_in</c> (Vec&lt;FlowEntryDump&gt;), <c>ft_out</c> (Vec&lt;FlowEntryDump&gt;).
/// </summary>
/// <param name="Name">Layer name.</param>
/// <param name="RulesIn">Inbound rules in evaluation order.</param>
/// <param name="RulesOut">Outbound rules in evaluation order.</param>
/// <param name="DefaultIn">Inbound default action.</param>
/// <param name="DefaultOut">Outbound default action.</param>
/// <param name="DefaultInHits">Packets that fell to the inbound default.</param>
/// <param name="DefaultOutHits">Packets that fell to the outbound default.</param>
/// <param name="FtIn">Inbound LFT.</param>
/// <param name="FtOut">Outbound LFT.</param>
public sealed record DumpLayerResp(
    string Name,
    ValueArray<RuleTableEntryDump> RulesIn,
    ValueArray<RuleTableEntryDump> RulesOut,
    string DefaultIn,
    string DefaultOut,
    ulong DefaultInHits,
    ulong DefaultOutHits,
    ValueArray<FlowEntryDump> FtIn,
    ValueArray<FlowEntryDump> FtOut) : IPostcardSerializable<DumpLayerResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(Name);
        writer.WriteSequence(RulesIn);
        writer.WriteSequence(RulesOut);
        writer.WriteString(DefaultIn);
        writer.WriteString(DefaultOut);
        writer.WriteU64(DefaultInHits);
        writer.WriteU64(DefaultOutHits);
        writer.WriteSequence(FtIn);
        writer.WriteSequence(FtOut);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpLayerResp value)
    {
        value = null;
        if (!reader.TryReadString(out string fName) ||
            !reader.TryReadSequence(out ValueArray<RuleTableEntryDump> fRulesIn, 6) ||
            !reader.TryReadSequence(out ValueArray<RuleTableEntryDump> fRulesOut, 6) ||
            !reader.TryReadString(out string fDefaultIn) ||
            !reader.TryReadString(out string fDefaultOut) ||
            !reader.TryReadU64(out ulong fDefaultInHits) ||
            !reader.TryReadU64(out ulong fDefaultOutHits) ||
            !reader.TryReadSequence(out ValueArray<FlowEntryDump> fFtIn, 14) ||
            !reader.TryReadSequence(out ValueArray<FlowEntryDump> fFtOut, 14))
        {
            return false;
        }

        value = new DumpLayerResp(fName, fRulesIn, fRulesOut, fDefaultIn, fDefaultOut, fDefaultInHits, fDefaultOutHits, fFtIn, fFtOut);
        return true;
    }
}
