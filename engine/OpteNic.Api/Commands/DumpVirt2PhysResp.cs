using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpVirt2Phys"/>: mappings grouped by VNI, in dump order. Wire form:
/// <c>mappings</c> (Vec&lt;VpcMapResp&gt;), then — card extension — <c>next</c> (Option&lt;V2pCursor&gt;). An OPTE
/// client ignores the trailing extension (postcard's <c>from_bytes</c> does not require the input to be consumed);
/// this decoder accepts a response without it (<see cref="Next"/> = null).
/// </summary>
/// <param name="Mappings">This page's mappings.</param>
/// <param name="Next">When more mappings remain, the cursor to send as the next request's <c>after</c>; null when
/// this page ends the table.</param>
public sealed record DumpVirt2PhysResp(ValueArray<VpcMapResp> Mappings, V2pCursor? Next = null)
    : IPostcardSerializable<DumpVirt2PhysResp>
{
    /// <summary>Number of IP mappings in this page (over every VNI).</summary>
    public int EntryCount
    {
        get
        {
            int count = 0;
            foreach (VpcMapResp map in Mappings.AsSpan())
            {
                count += map.Ip4.Count + map.Ip6.Count;
            }

            return count;
        }
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Mappings);
        writer.WriteOption(Next);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpVirt2PhysResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<VpcMapResp> mappings, 5))
        {
            return false;
        }

        if (reader.Remaining == 0)
        {
            value = new DumpVirt2PhysResp(mappings);
            return true;
        }

        if (!reader.TryReadOptionValue(out V2pCursor? next))
        {
            return false;
        }

        value = new DumpVirt2PhysResp(mappings, next);
        return true;
    }
}
