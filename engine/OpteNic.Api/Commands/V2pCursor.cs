using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Paging position in a V2P dump (card extension): the key of the last mapping returned. The next page starts
/// strictly after it in dump order — VNI ascending, then IPv4 before IPv6, then address ascending — so a page is
/// never repeated or skipped even if mappings change between pages (changed ones may or may not appear).
/// Wire form: <c>vni</c> (Vni), <c>ip</c> (IpAddr).
/// </summary>
public readonly record struct V2pCursor(Vni Vni, IpAddr Ip) : IPostcardSerializable<V2pCursor>, IComparable<V2pCursor>
{
    /// <summary>Dump order.</summary>
    public int CompareTo(V2pCursor other)
    {
        int byVni = Vni.CompareTo(other.Vni);
        return byVni != 0 ? byVni : Ip.CompareTo(other.Ip);
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Vni.Write(ref writer);
        Ip.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out V2pCursor value)
    {
        value = default;
        if (!reader.TryRead(out Vni vni) || !reader.TryRead(out IpAddr ip))
        {
            return false;
        }

        value = new V2pCursor(vni, ip);
        return true;
    }
}
