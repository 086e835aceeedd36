using System.Buffers;
using System.Runtime.InteropServices;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Vpc.Tables;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// A sorted copy of the V2P table taken when a dump-v2p starts, from which pages are cut (datasheet §5.4). Dump order
/// is the <see cref="V2pCursor"/> order: VNI ascending, IPv4 before IPv6, address ascending. A page starts strictly
/// after the cursor (binary search), so paging is O(page) after the O(n log n) snapshot, and an entry present for
/// the whole dump is returned exactly once. The snapshot is the table's own dump list sorted in place (one copy of
/// the table, 48 bytes a mapping, no second array); paging through the live table instead needs a slot-reading API
/// from the V2P table (firmware/NOTE-FOR-LEAD.md).
/// </summary>
public sealed class V2pDumpSnapshot
{
    // Worst-case encoded sizes (postcard): an IPv6 entry is 16 + 6 + 16 bytes; a VNI group header is the VNI (3)
    // and two counts (≤ 5 each); the response's own group count and Option<V2pCursor> fit in 32.
    private const int EntryBytesV6 = 38;
    private const int EntryBytesV4 = 26;
    private const int GroupHeaderBytes = 13;
    private const int ResponseOverheadBytes = 32;

    private readonly List<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> _entries;

    private V2pDumpSnapshot(List<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> entries) => _entries = entries;

    /// <summary>Mappings in the snapshot.</summary>
    public int Count => _entries.Count;

    private ReadOnlySpan<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> Entries => CollectionsMarshal.AsSpan(_entries);

    /// <summary>Copies the table once (its own dump list) and sorts that copy in place (control path).</summary>
    public static V2pDumpSnapshot Take(Virt2PhysTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var dump = table.Dump();
        CollectionsMarshal.AsSpan(dump).Sort(static (a, b) => Compare(a.Vni.Value, a.Address, b.Vni.Value, b.Address));
        return new V2pDumpSnapshot(dump);
    }

    /// <summary>Encoded size of the whole table as one response (OPTE's unpaged dump).</summary>
    public long WholeTableBytes()
    {
        long bytes = ResponseOverheadBytes;
        uint? vni = null;
        foreach (ref readonly var entry in Entries)
        {
            if (vni != entry.Vni.Value)
            {
                bytes += GroupHeaderBytes;
                vni = entry.Vni.Value;
            }

            bytes += entry.Address.IsIpv4 ? EntryBytesV4 : EntryBytesV6;
        }

        return bytes;
    }

    /// <summary>
    /// Encodes the page after <paramref name="after"/> (from the start when null) holding at most
    /// <paramref name="maxEntries"/> mappings (0 = no count limit) and at most <paramref name="maxBytes"/> encoded bytes
    /// straight into <paramref name="output"/>, in <see cref="DumpVirt2PhysResp"/>'s wire form (mappings grouped by VNI,
    /// then <c>next</c> when mappings remain). No object per mapping: the page is measured, then written, from the
    /// snapshot. Returns the number of mappings written.
    /// </summary>
    public int WritePage(V2pCursor? after, uint maxEntries, long maxBytes, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var entries = Entries;
        var start = after is { } cursor ? FirstAfter(cursor) : 0;
        var end = start;
        long bytes = ResponseOverheadBytes;
        uint? groupVni = null;
        for (; end < entries.Length; end++)
        {
            ref readonly var entry = ref entries[end];
            var cost = (entry.Address.IsIpv4 ? EntryBytesV4 : EntryBytesV6) + (groupVni == entry.Vni.Value ? 0 : GroupHeaderBytes);
            var taken = end - start;
            if ((maxEntries != 0 && taken == maxEntries) || (taken > 0 && bytes + cost > maxBytes))
            {
                break;
            }

            groupVni = entry.Vni.Value;
            bytes += cost;
        }

        V2pCursor? next = end < entries.Length && end > start ? ToCursor(entries[end - 1].Vni, entries[end - 1].Address) : null;
        var measure = new PostcardWriter(default);
        WriteRange(ref measure, entries[start..end], next);
        var size = checked((int)measure.BytesRequired);
        var writer = new PostcardWriter(output.GetSpan(size)[..size]);
        WriteRange(ref writer, entries[start..end], next);
        output.Advance(size);
        return end - start;
    }

    /// <summary><c>mappings: Vec&lt;VpcMapResp { vni, ip4, ip6 }&gt;</c> for a sorted range, then <c>next</c>.</summary>
    private static void WriteRange(ref PostcardWriter writer, ReadOnlySpan<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> range, V2pCursor? next)
    {
        var groups = 0;
        for (var i = 0; i < range.Length; i++)
        {
            if (i == 0 || range[i].Vni.Value != range[i - 1].Vni.Value)
            {
                groups++;
            }
        }

        writer.WriteLength(groups);
        var index = 0;
        while (index < range.Length)
        {
            var vni = range[index].Vni;
            var groupEnd = index;
            var firstIpv6 = -1;
            while (groupEnd < range.Length && range[groupEnd].Vni.Value == vni.Value)
            {
                if (firstIpv6 < 0 && !range[groupEnd].Address.IsIpv4)
                {
                    firstIpv6 = groupEnd;
                }

                groupEnd++;
            }

            // IPv4 sorts before IPv6 within a VNI, so each family is one run.
            var ipv6Start = firstIpv6 < 0 ? groupEnd : firstIpv6;
            vni.Write(ref writer);
            writer.WriteLength(ipv6Start - index);
            for (var i = index; i < ipv6Start; i++)
            {
                new Ipv4Addr(range[i].Address.Ipv4).Write(ref writer);
                range[i].Mapping.Write(ref writer);
            }

            writer.WriteLength(groupEnd - ipv6Start);
            for (var i = ipv6Start; i < groupEnd; i++)
            {
                new Ipv6Addr(new UInt128(range[i].Address.High, range[i].Address.Low)).Write(ref writer);
                range[i].Mapping.Write(ref writer);
            }

            index = groupEnd;
        }

        writer.WriteOption(next);
    }

    private int FirstAfter(V2pCursor cursor)
    {
        var vni = cursor.Vni.Value;
        var address = cursor.Ip.IsIpv4
            ? PacketIp.FromIpv4(cursor.Ip.Ipv4.Value)
            : new PacketIp((ulong)(cursor.Ip.Ipv6.Value >> 64), (ulong)cursor.Ip.Ipv6.Value);
        var entries = Entries;
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (Compare(entries[middle].Vni.Value, entries[middle].Address, vni, address) <= 0)
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

    /// <summary>Dump order: VNI ascending, IPv4 before IPv6, address ascending.</summary>
    private static int Compare(uint vniA, PacketIp a, uint vniB, PacketIp b)
    {
        var byVni = vniA.CompareTo(vniB);
        if (byVni != 0)
        {
            return byVni;
        }

        var byFamily = (a.IsIpv4 ? 0 : 1).CompareTo(b.IsIpv4 ? 0 : 1);
        if (byFamily != 0)
        {
            return byFamily;
        }

        var byHigh = a.High.CompareTo(b.High);
        return byHigh != 0 ? byHigh : a.Low.CompareTo(b.Low);
    }

    private static V2pCursor ToCursor(Vni vni, PacketIp address) => new(vni,
        address.IsIpv4 ? new IpAddr(new Ipv4Addr(address.Ipv4)) : new IpAddr(new Ipv6Addr(new UInt128(address.High, address.Low))));
}
