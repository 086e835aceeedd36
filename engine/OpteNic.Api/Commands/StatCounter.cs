using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One named counter in a <c>stats</c> response.
/// Wire form: <c>name</c> (String), <c>value</c> (u64 varint).
/// </summary>
/// <param name="Name">Counter name as in behaviour §1 (e.g. "in_uft_hit", "lft_full").</param>
/// <param name="Value">Count since boot or port creation.</param>
public sealed record StatCounter(
    string Name,
    ulong Value) : IPostcardSerializable<StatCounter>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(Name);
        writer.WriteU64(Value);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out StatCounter value)
    {
        value = null;
        if (!reader.TryReadString(out string fName) ||
            !reader.TryReadU64(out ulong fValue))
        {
            return false;
        }

        value = new StatCounter(fName, fValue);
        return true;
    }
}
