using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Paging position in a V2P dump (card extension, datasheet §5.4): where the next page continues in the card's live
/// V2P table — the table's slot <see cref="Slot"/>, valid for slot layout <see cref="Layout"/> (the table's rebuild
/// count when the dump started; positions only move when a rebuild publishes a new slot array). The host treats it as
/// opaque: it sends back the <c>next</c> it received. A cursor whose layout is no longer current is answered
/// <c>BadState</c> ("restart the dump") rather than skipping or repeating entries.
/// Wire form: <c>layout</c> (u64), <c>slot</c> (u32).
/// </summary>
public readonly record struct V2pCursor(ulong Layout, uint Slot) : IPostcardSerializable<V2pCursor>, IComparable<V2pCursor>
{
    /// <summary>Paging order: by layout, then slot (a dump's cursors strictly increase).</summary>
    public int CompareTo(V2pCursor other)
    {
        int byLayout = Layout.CompareTo(other.Layout);
        return byLayout != 0 ? byLayout : Slot.CompareTo(other.Slot);
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU64(Layout);
        writer.WriteU32(Slot);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out V2pCursor value)
    {
        value = default;
        if (!reader.TryReadU64(out ulong layout) || !reader.TryReadU32(out uint slot))
        {
            return false;
        }

        value = new V2pCursor(layout, slot);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"layout {Layout} slot {Slot}";
}
