using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DumpVirt2Phys"/> (51). OPTE's form is one placeholder field; this card appends an
/// optional paging extension so a million-entry table can be dumped in pages of bounded size.
/// Wire form: <c>unused</c> (u64 varint), then — card extension, absent in OPTE's form — <c>after</c>
/// (Option&lt;V2pCursor&gt;) and <c>max_entries</c> (u32 varint). A request that ends after <c>unused</c> decodes as
/// "everything from the start" (<see cref="After"/> = null, <see cref="MaxEntries"/> = 0).
/// </summary>
/// <param name="Unused">OPTE's placeholder; always 0.</param>
/// <param name="After">Continue where the previous page stopped (its <see cref="DumpVirt2PhysResp.Next"/>), or null
/// to start at the beginning.</param>
/// <param name="MaxEntries">Most IP mappings to return in this page; 0 = no limit (the whole table, which may need a
/// large buffer and the ENOBUFS retry).</param>
public sealed record DumpVirt2PhysReq(ulong Unused = 0, V2pCursor? After = null, uint MaxEntries = 0)
    : IOpteRequest<DumpVirt2PhysReq, DumpVirt2PhysResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DumpVirt2Phys;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DumpVirt2Phys;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU64(Unused);
        writer.WriteOption(After);
        writer.WriteU32(MaxEntries);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpVirt2PhysReq value)
    {
        value = null;
        if (!reader.TryReadU64(out ulong unused))
        {
            return false;
        }

        if (reader.Remaining == 0)
        {
            value = new DumpVirt2PhysReq(unused);
            return true;
        }

        if (!reader.TryReadOptionValue(out V2pCursor? after) || !reader.TryReadU32(out uint maxEntries))
        {
            return false;
        }

        value = new DumpVirt2PhysReq(unused, after, maxEntries);
        return true;
    }
}
