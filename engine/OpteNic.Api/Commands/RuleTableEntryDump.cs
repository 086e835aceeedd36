using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One rule of a layer's table with its id and hit count.
/// Wire form: <c>id</c> (u64 varint), <c>hits</c> (u64 varint), <c>rule</c> (RuleDump).
/// </summary>
/// <param name="Id">Rule id (per layer and direction, never reused).</param>
/// <param name="Hits">Packets that matched it.</param>
/// <param name="Rule">The rule.</param>
public sealed record RuleTableEntryDump(
    ulong Id,
    ulong Hits,
    RuleDump Rule) : IPostcardSerializable<RuleTableEntryDump>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU64(Id);
        writer.WriteU64(Hits);
        Rule.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out RuleTableEntryDump value)
    {
        value = null;
        if (!reader.TryReadU64(out ulong fId) ||
            !reader.TryReadU64(out ulong fHits) ||
            !reader.TryRead(out RuleDump fRule))
        {
            return false;
        }

        value = new RuleTableEntryDump(fId, fHits, fRule);
        return true;
    }
}
