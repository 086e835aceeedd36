using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc.Tables;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// A sorted copy of the V2P table taken when a dump-v2p starts, from which pages are cut (datasheet §5.4). Dump order
/// is the <see cref="V2pCursor"/> order: VNI ascending, IPv4 before IPv6, address ascending. A page starts strictly
/// after the cursor (binary search), so paging is O(page) after the O(n log n) snapshot, and an entry present for
/// the whole dump is returned exactly once.
/// </summary>
public sealed class V2pDumpSnapshot
{
    // Worst-case encoded sizes (postcard): an IPv6 entry is 16 + 6 + 16 bytes; a VNI group header is the VNI (3)
    // and two counts (≤ 5 each); the response's own group count and Option<V2pCursor> fit in 32.
    private const int EntryBytesV6 = 38;
    private const int EntryBytesV4 = 26;
    private const int GroupHeaderBytes = 13;
    private const int ResponseOverheadBytes = 32;

    private readonly Entry[] _entries;

    private V2pDumpSnapshot(Entry[] entries) => _entries = entries;

    /// <summary>Mappings in the snapshot.</summary>
    public int Count => _entries.Length;

    /// <summary>Copies and sorts the table (control path).</summary>
    public static V2pDumpSnapshot Take(Virt2PhysTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var dump = table.Dump();
        var entries = new Entry[dump.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var (vni, address, mapping) = dump[i];
            entries[i] = address.IsIpv4
                ? new Entry(vni.Value, false, address.Ipv4, mapping)
                : new Entry(vni.Value, true, new UInt128(address.High, address.Low), mapping);
        }

        Array.Sort(entries, static (a, b) => Compare(a, b));
        return new V2pDumpSnapshot(entries);
    }

    /// <summary>Encoded size of the whole table as one response (OPTE's unpaged dump).</summary>
    public long WholeTableBytes()
    {
        long bytes = ResponseOverheadBytes;
        uint? vni = null;
        foreach (ref readonly var entry in _entries.AsSpan())
        {
            if (vni != entry.Vni)
            {
                bytes += GroupHeaderBytes;
                vni = entry.Vni;
            }

            bytes += entry.IsIpv6 ? EntryBytesV6 : EntryBytesV4;
        }

        return bytes;
    }

    /// <summary>
    /// The page after <paramref name="after"/> (from the start when null) holding at most
    /// <paramref name="maxEntries"/> mappings (0 = no count limit) and at most <paramref name="maxBytes"/> encoded
    /// bytes; <c>Next</c> is set when mappings remain.
    /// </summary>
    public DumpVirt2PhysResp Page(V2pCursor? after, uint maxEntries, long maxBytes)
    {
        var start = after is { } cursor ? FirstAfter(cursor) : 0;
        var groups = new List<VpcMapResp>();
        var ip4 = new List<V2pEntry4>();
        var ip6 = new List<V2pEntry6>();
        uint? groupVni = null;
        long bytes = ResponseOverheadBytes;
        var taken = 0;
        var index = start;
        for (; index < _entries.Length; index++)
        {
            ref readonly var entry = ref _entries[index];
            var cost = (entry.IsIpv6 ? EntryBytesV6 : EntryBytesV4) + (groupVni == entry.Vni ? 0 : GroupHeaderBytes);
            if ((maxEntries != 0 && taken == maxEntries) || (taken > 0 && bytes + cost > maxBytes))
            {
                break;
            }

            if (groupVni != entry.Vni)
            {
                Flush(groups, groupVni, ip4, ip6);
                groupVni = entry.Vni;
            }

            if (entry.IsIpv6)
            {
                ip6.Add(new V2pEntry6(new Ipv6Addr(entry.Address), entry.Mapping));
            }
            else
            {
                ip4.Add(new V2pEntry4(new Ipv4Addr((uint)entry.Address), entry.Mapping));
            }

            bytes += cost;
            taken++;
        }

        Flush(groups, groupVni, ip4, ip6);
        V2pCursor? next = index < _entries.Length && taken > 0 ? _entries[index - 1].ToCursor() : null;
        return new DumpVirt2PhysResp([.. groups], next);
    }

    private static void Flush(List<VpcMapResp> groups, uint? vni, List<V2pEntry4> ip4, List<V2pEntry6> ip6)
    {
        if (vni is { } value && (ip4.Count > 0 || ip6.Count > 0))
        {
            groups.Add(new VpcMapResp(new Vni(value), [.. ip4], [.. ip6]));
        }

        ip4.Clear();
        ip6.Clear();
    }

    private int FirstAfter(V2pCursor cursor)
    {
        var key = new Entry(cursor.Vni.Value, !cursor.Ip.IsIpv4,
            cursor.Ip.IsIpv4 ? cursor.Ip.Ipv4.Value : cursor.Ip.Ipv6.Value, default);
        int low = 0, high = _entries.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (Compare(_entries[middle], key) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int Compare(in Entry a, in Entry b)
    {
        var byVni = a.Vni.CompareTo(b.Vni);
        if (byVni != 0)
        {
            return byVni;
        }

        var byFamily = a.IsIpv6.CompareTo(b.IsIpv6);
        return byFamily != 0 ? byFamily : a.Address.CompareTo(b.Address);
    }

    /// <summary>One mapping; IPv4 addresses are held as their 32-bit value so families sort apart.</summary>
    private readonly record struct Entry(uint Vni, bool IsIpv6, UInt128 Address, GuestPhysAddr Mapping)
    {
        public V2pCursor ToCursor() => new(new Vni(Vni),
            IsIpv6 ? new IpAddr(new Ipv6Addr(Address)) : new IpAddr(new Ipv4Addr((uint)Address)));
    }
}
