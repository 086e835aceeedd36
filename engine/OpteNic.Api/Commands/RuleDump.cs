using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// A rule as shown by <c>dump-layer</c>: predicates and action in words.
/// Wire form: <c>priority</c> (u16 varint), <c>predicates</c> (Vec&lt;String&gt;), <c>data_predicates</c> (Vec&lt;String&gt;), <c>action</c> (String).
/// </summary>
/// <param name="Priority">Priority (lower first).</param>
/// <param name="Predicates">Header predicates, one per entry.</param>
/// <param name="DataPredicates">Body predicates.</param>
/// <param name="Action">The action in words.</param>
public sealed record RuleDump(
    ushort Priority,
    ValueArray<string> Predicates,
    ValueArray<string> DataPredicates,
    string Action) : IPostcardSerializable<RuleDump>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU16(Priority);
        writer.WriteStringSequence(Predicates);
        writer.WriteStringSequence(DataPredicates);
        writer.WriteString(Action);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out RuleDump value)
    {
        value = null;
        if (!reader.TryReadU16(out ushort fPriority) ||
            !reader.TryReadStringSequence(out ValueArray<string> fPredicates) ||
            !reader.TryReadStringSequence(out ValueArray<string> fDataPredicates) ||
            !reader.TryReadString(out string fAction))
        {
            return false;
        }

        value = new RuleDump(fPriority, fPredicates, fDataPredicates, fAction);
        return true;
    }
}
