using System.Buffers;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Vpc.Tables;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// Pages of dump-v2p read straight from the live V2P table (datasheet §5.4), with no snapshot: each page is read with
/// <see cref="Virt2PhysTable.ReadSlots"/> (lock-free, per-slot sequence locks, so traffic and set-v2p/clear-v2p go on
/// meanwhile) into one page buffer allocated once, sorted in place so its mappings group by VNI (IPv4 before IPv6,
/// address ascending within a page), and encoded straight into the response in <see cref="DumpVirt2PhysResp"/>'s wire
/// form — no object per mapping. The cursor is (slot layout, next slot). Control path: the management loop only.
/// </summary>
public sealed class V2pPageWriter
{
    // Worst-case encoded sizes (postcard): an IPv6 entry is 16 + 6 + 16 bytes; a VNI group header is the VNI (3)
    // and two counts (≤ 5 each); the response's own group count and Option<V2pCursor> fit in 32.
    private const int EntryBytesV6 = 38;
    private const int EntryBytesV4 = 26;
    private const int GroupHeaderBytes = 13;
    private const int ResponseOverheadBytes = 32;

    private readonly Virt2PhysTable _table;
    private readonly (Vni Vni, PacketIp Address, GuestPhysAddr Mapping)[] _page;

    /// <summary>
    /// Creates the writer for <paramref name="table"/>; its page buffer holds as many mappings as the smallest encoding
    /// fits in <paramref name="maxResponseBytes"/> (the unpaged dump needs the whole table in one response).
    /// </summary>
    public V2pPageWriter(Virt2PhysTable table, int maxResponseBytes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResponseBytes, ResponseOverheadBytes + EntryBytesV6 + GroupHeaderBytes);
        _table = table;
        _page = new (Vni, PacketIp, GuestPhysAddr)[Math.Min(table.Capacity, (maxResponseBytes - ResponseOverheadBytes) / EntryBytesV4) + 1];
    }

    /// <summary>
    /// OPTE's unpaged dump: the whole table as one response, or <see cref="OpteError.SerCmdResp"/> asking for paging
    /// when it does not fit in <paramref name="maxBytes"/> (never a silently cut table).
    /// </summary>
    public OpteError? WriteWholeTable(long maxBytes, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = _table.ReadSlots(0, _page, out var next, out _);
        var entries = _page.AsSpan(0, count);
        var bytes = next >= 0 ? MinimumBytes(_table.Count) : Sort(entries);
        if (next >= 0 || bytes > maxBytes)
        {
            return new OpteError.SerCmdResp(
                $"{Math.Max(_table.Count, count)} V2P mappings need about {bytes} bytes, more than the card's maximum response of {maxBytes}; page the dump with max_entries");
        }

        Encode(entries, null, output);
        return null;
    }

    /// <summary>
    /// Encodes one page: at most <paramref name="maxEntries"/> mappings, and no more than fit in
    /// <paramref name="maxBytes"/>, starting at <paramref name="after"/> (the start of
    /// the table when null); <c>next</c> when slots remain. A cursor of an older slot layout (a rebuild happened between
    /// two pages) or outside the table is <see cref="OpteError.BadState"/> asking the host to restart the dump.
    /// <paramref name="written"/> is the number of mappings encoded.
    /// </summary>
    public OpteError? WritePage(V2pCursor? after, uint maxEntries, long maxBytes, IBufferWriter<byte> output, out int written)
    {
        ArgumentNullException.ThrowIfNull(output);
        written = 0;
        var start = 0;
        if (after is { } cursor)
        {
            if (cursor.Slot > (uint)_table.SlotCount)
            {
                return new OpteError.BadState($"v2p cursor {cursor} is outside the table; restart the dump");
            }

            start = (int)cursor.Slot;
        }

        // Read as many as the smallest encoding could fit; if the page's real encoding is larger (IPv6, many VNIs),
        // read it again with fewer (pages of one family and a few VNIs, the usual case, are read once).
        var limit = (int)Math.Min(maxEntries, (uint)_page.Length);
        int count, next;
        long layout;
        Span<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> entries;
        while (true)
        {
            count = _table.ReadSlots(start, _page.AsSpan(0, limit), out next, out layout);
            entries = _page.AsSpan(0, count);
            var bytes = Sort(entries);
            if (bytes <= maxBytes || count <= 1)
            {
                break;
            }

            limit = (int)Math.Max(1, Math.Min(count - 1, count * (maxBytes - ResponseOverheadBytes) / (bytes - ResponseOverheadBytes)));
        }

        if (after is { } previous && (ulong)layout != previous.Layout)
        {
            return new OpteError.BadState($"v2p table was rebuilt during the dump (layout {previous.Layout} → {layout}); restart the dump");
        }

        Encode(entries, next < 0 ? null : new V2pCursor((ulong)layout, (uint)next), output);
        written = count;
        return null;
    }

    /// <summary>Sorts a page into dump order and returns its encoded size (worst case of the group headers).</summary>
    private static long Sort(Span<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> entries)
    {
        entries.Sort(static (a, b) => Compare(a.Vni.Value, a.Address, b.Vni.Value, b.Address));
        long bytes = ResponseOverheadBytes;
        uint? vni = null;
        foreach (ref readonly var entry in entries)
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

    private static long MinimumBytes(int mappings) => ResponseOverheadBytes + GroupHeaderBytes + ((long)mappings * EntryBytesV4);

    /// <summary>Measures, then writes, a sorted range into <paramref name="output"/> (no intermediate objects).</summary>
    private static void Encode(ReadOnlySpan<(Vni Vni, PacketIp Address, GuestPhysAddr Mapping)> entries, V2pCursor? next, IBufferWriter<byte> output)
    {
        var measure = new PostcardWriter(default);
        WriteRange(ref measure, entries, next);
        var size = checked((int)measure.BytesRequired);
        var writer = new PostcardWriter(output.GetSpan(size)[..size]);
        WriteRange(ref writer, entries, next);
        output.Advance(size);
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
}
