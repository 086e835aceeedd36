using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>dump-v2p of a rack-sized table (datasheet §5.4): key-ordered pages through the mailbox, each within CapMaxResponse.</summary>
public sealed class V2pPagedDumpTests
{
    private static PhysNet PhysFor(uint i) => new(new MacAddr(0xA8_40_25_00_00_00UL | i), new Ipv6Addr(((UInt128)0xfd00_0000_0000_0000UL << 64) | (i >> 8)), OwnVni);

    [Fact]
    public void A_million_V2P_entries_dump_in_ordered_pages_each_entry_exactly_once()
    {
        const int Entries = 1_000_000;
        using var card = new CommandCard(SmallCard(v2pCapacity: 1 << 20));
        var table = card.Firmware.Registry.Network.Virt2Phys;
        for (uint i = 0; i < Entries; i++)
        {
            var vni = new Vni(i % 4);
            var phys = PhysFor(i);
            Assert.True(table.TrySet(vni, new Ipv4Addr(0x0A00_0000 + i).ToPacketIp(), new GuestPhysAddr(phys.Ether, phys.Ip)));
        }

        var seen = 0;
        var pages = 0;
        V2pCursor? after = null;
        V2pCursor? last = null;
        var changedMidway = false;
        do
        {
            var page = card.Ok(new DumpVirt2PhysReq(0, after, 20_000));
            pages++;
            foreach (var group in page.Mappings)
            {
                foreach (var entry in group.Ip4)
                {
                    var key = new V2pCursor(group.Vni, entry.Ip);
                    Assert.True(last is null || last.Value.CompareTo(key) < 0, $"{key} out of order after {last}");
                    last = key;
                    var i = entry.Ip.Value - 0x0A00_0000;
                    Assert.Equal(i % 4, group.Vni.Value);
                    Assert.Equal(new GuestPhysAddr(PhysFor(i).Ether, PhysFor(i).Ip), entry.Phys);
                    seen++;
                }
            }

            if (!changedMidway && pages == 10)
            {
                // Changes during the dump never make an entry that exists throughout repeat or vanish.
                card.Ok(new SetVirt2PhysReq(Ipv4Addr.Parse("192.168.0.1"), PhysFor(1)));
                card.Ok(new ClearVirt2PhysReq(new Ipv4Addr(0x0A00_0000), PhysFor(0)));
                changedMidway = true;
            }

            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(Entries, seen);
        Assert.Equal(50, pages);
    }

    [Fact]
    public void A_page_asked_for_more_than_fits_is_cut_to_the_card_maximum_response()
    {
        using var card = new CommandCard(SmallCard(maxResponseBytes: 4096));
        for (uint i = 0; i < 1000; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A00_0000 + i), PhysFor(i)));
        }

        var total = 0;
        V2pCursor? after = null;
        do
        {
            var reply = card.Run(new DumpVirt2PhysReq(0, after, 1_000_000));
            Assert.Null(reply.Error);
            var count = reply.Response!.Mappings.Sum(m => m.Ip4.Count);
            Assert.InRange(count, 1, 4096 / 26);
            total += count;
            after = reply.Response.Next;
        }
        while (after is not null);

        Assert.Equal(1000, total);
    }

    /// <summary>
    /// The firmware's side of a paged dump: the snapshot is one copy of the table (the table's own dump list, sorted in
    /// place: 64 B a mapping), and each page is encoded straight from it with no object per mapping.
    /// </summary>
    [Fact]
    public void Pages_are_encoded_from_the_snapshot_without_allocating_per_mapping()
    {
        const int Entries = 200_000;
        using var card = new CommandCard(SmallCard(v2pCapacity: 1 << 18));
        var table = card.Firmware.Registry.Network.Virt2Phys;
        for (uint i = 0; i < Entries; i++)
        {
            var phys = PhysFor(i);
            Assert.True(table.TrySet(new Vni(i % 4), new Ipv4Addr(0x0A00_0000 + i).ToPacketIp(), new GuestPhysAddr(phys.Ether, phys.Ip)));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var snapshot = OpteNic.Firmware.Ports.V2pDumpSnapshot.Take(table);
        var snapshotBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(snapshotBytes <= 65L * Entries, $"snapshot took {snapshotBytes / (double)Entries:0.0} B a mapping");

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        V2pCursor? after = null;
        long pageBytes = 0;
        var pages = 0;
        var seen = 0;
        do
        {
            buffer.ResetWrittenCount();
            var start = GC.GetAllocatedBytesForCurrentThread();
            var written = snapshot.WritePage(after, 4096, 1 << 20, buffer);
            pageBytes += GC.GetAllocatedBytesForCurrentThread() - start;
            Assert.True(OpteNic.Api.Wire.PostcardSerializer.TryDeserialize<DumpVirt2PhysResp>(buffer.WrittenSpan, out var page, out var error), error.ToString());
            Assert.Equal(written, page.EntryCount);
            seen += written;
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(Entries, seen);
        Assert.Equal((Entries + 4095) / 4096, pages);
        Assert.True(pageBytes <= 256L * pages, $"pages allocated {pageBytes} B in all ({pageBytes / (double)Entries:0.00} B a mapping)");
    }
}
