using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Firmware.Mailbox.Commands;
using OpteNic.Vpc;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// dump-v2p of a rack-sized table (datasheet §5.4): pages read from the live V2P table through the mailbox (no
/// snapshot), each within CapMaxResponse and sorted within itself; an entry present for the whole dump is returned
/// exactly once; a slot-layout change between pages asks the host to restart.
/// </summary>
public sealed class V2pPagedDumpTests
{
    private static PhysNet PhysFor(uint i) => new(new MacAddr(0xA8_40_25_00_00_00UL | i), new Ipv6Addr(((UInt128)0xfd00_0000_0000_0000UL << 64) | (i >> 8)), OwnVni);

    private static void Fill(CommandCard card, int entries)
    {
        var table = card.Firmware.Registry.Network.Virt2Phys;
        for (uint i = 0; i < entries; i++)
        {
            var phys = PhysFor(i);
            Assert.True(table.TrySet(new Vni(i % 4), new Ipv4Addr(0x0A00_0000 + i).ToPacketIp(), new GuestPhysAddr(phys.Ether, phys.Ip)));
        }
    }

    [Fact]
    public void A_million_V2P_entries_dump_in_live_pages_each_entry_present_throughout_exactly_once()
    {
        const int Entries = 1_000_000;
        using var card = new CommandCard(SmallCard(v2pCapacity: 1 << 20));
        Fill(card, Entries);

        var seen = new bool[Entries];
        var seenCount = 0;
        var pages = 0;
        V2pCursor? after = null;
        var changedMidway = false;
        do
        {
            var page = card.Ok(new DumpVirt2PhysReq(0, after, 20_000));
            pages++;
            Assert.True(page.EntryCount <= 20_000);
            var previousVni = -1L;
            foreach (var group in page.Mappings)
            {
                Assert.True(group.Vni.Value > previousVni, $"page {pages}: VNI {group.Vni} not in order within the page");
                previousVni = group.Vni.Value;
                var previousIp = -1L;
                foreach (var entry in group.Ip4)
                {
                    Assert.True(entry.Ip.Value > previousIp, $"page {pages}: {entry.Ip} not in order within its VNI");
                    previousIp = entry.Ip.Value;
                    if (entry.Ip == Ipv4Addr.Parse("192.168.0.1"))
                    {
                        continue;   // set mid-dump: may or may not appear
                    }

                    var i = entry.Ip.Value - 0x0A00_0000;
                    Assert.Equal(i % 4, group.Vni.Value);
                    Assert.Equal(new GuestPhysAddr(PhysFor(i).Ether, PhysFor(i).Ip), entry.Phys);
                    Assert.False(seen[i], $"{entry.Ip} returned twice");
                    seen[i] = true;
                    seenCount++;
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

        // Every entry but the one cleared mid-dump (10.0.0.0, which may or may not have been returned) exactly once.
        Assert.True(seenCount is Entries or Entries - 1, $"{seenCount} entries returned");
        Assert.All(Enumerable.Range(1, Entries - 1), i => Assert.True(seen[i], $"entry {i} missing"));
        Assert.InRange(pages, 50, 51);
    }

    [Fact]
    public void A_page_asked_for_more_than_fits_is_cut_to_the_card_maximum_response()
    {
        using var card = new CommandCard(SmallCard(maxResponseBytes: 4096));
        for (uint i = 0; i < 1000; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A00_0000 + i), PhysFor(i)));
        }

        var keys = new HashSet<uint>();
        V2pCursor? after = null;
        do
        {
            var reply = card.Run(new DumpVirt2PhysReq(0, after, 1_000_000));
            Assert.Null(reply.Error);
            var count = reply.Response!.Mappings.Sum(m => m.Ip4.Count);
            Assert.InRange(count, 0, 4096 / 26);
            Assert.All(reply.Response.Mappings.SelectMany(m => m.Ip4), e => Assert.True(keys.Add(e.Ip.Value)));
            after = reply.Response.Next;
        }
        while (after is not null);

        Assert.Equal(1000, keys.Count);
    }

    [Fact]
    public void Pages_of_IPv6_mappings_in_many_VNIs_are_cut_to_fit_the_card_maximum_response()
    {
        using var card = new CommandCard(SmallCard(maxResponseBytes: 4096));
        var table = card.Firmware.Registry.Network.Virt2Phys;
        for (uint i = 0; i < 300; i++)
        {
            var phys = PhysFor(i);
            Assert.True(table.TrySet(new Vni(i), OpteNic.Packets.IpAddr.Parse($"fd00:77::{i:x}"), new GuestPhysAddr(phys.Ether, phys.Ip)));
        }

        var keys = new HashSet<(uint, UInt128)>();
        var pages = 0;
        for (V2pCursor? after = null; ;)
        {
            var reply = card.Run(new DumpVirt2PhysReq(0, after, 1_000_000));
            Assert.Null(reply.Error);
            pages++;
            Assert.All(reply.Response!.Mappings.SelectMany(m => m.Ip6.Select(e => (m.Vni.Value, e.Ip.Value))), k => Assert.True(keys.Add(k)));
            if ((after = reply.Response.Next) is null)
            {
                break;
            }
        }

        Assert.Equal(300, keys.Count);
        Assert.True(pages >= 300 * (38 + 9) / 4096, $"{pages} pages");
    }

    [Fact]
    public void A_rebuild_between_two_pages_is_BadState_asking_for_a_restart_and_a_fresh_dump_sees_everything()
    {
        using var card = new CommandCard(SmallCard(v2pCapacity: 1024));
        for (uint i = 0; i < 100; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A00_0000 + i), PhysFor(i)));
        }

        var first = card.Ok(new DumpVirt2PhysReq(0, null, 10));
        Assert.NotNull(first.Next);

        // Churn keys until tombstones make the table publish a fresh slot array.
        var table = card.Firmware.Registry.Network.Virt2Phys;
        var rebuilds = table.Rebuilds;
        for (uint i = 0; table.Rebuilds == rebuilds; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0B00_0000 + i), PhysFor(i)));
            card.Ok(new ClearVirt2PhysReq(new Ipv4Addr(0x0B00_0000 + i), PhysFor(i)));
        }

        var error = Assert.IsType<OpteError.BadState>(card.Fail(new DumpVirt2PhysReq(0, first.Next, 10)));
        Assert.Contains("restart the dump", error.State, StringComparison.Ordinal);

        var keys = new HashSet<uint>();
        for (V2pCursor? after = null; ;)
        {
            var page = card.Ok(new DumpVirt2PhysReq(0, after, 10));
            Assert.All(page.Mappings.SelectMany(m => m.Ip4), e => Assert.True(keys.Add(e.Ip.Value)));
            if ((after = page.Next) is null)
            {
                break;
            }
        }

        Assert.Equal(100, keys.Count);
        Assert.IsType<OpteError.BadState>(card.Fail(new DumpVirt2PhysReq(0, new V2pCursor((ulong)table.Rebuilds, uint.MaxValue), 10)));
    }

    /// <summary>
    /// The firmware's side of a paged dump: no snapshot, one page buffer allocated once, and each page read from the
    /// live table and encoded straight into the response with no object per mapping.
    /// </summary>
    [Fact]
    public void Pages_are_read_from_the_live_table_and_encoded_without_allocating_per_mapping()
    {
        const int Entries = 200_000;
        using var card = new CommandCard(SmallCard(v2pCapacity: 1 << 18));
        Fill(card, Entries);
        var handler = new DumpVirt2PhysHandler(card.Firmware.Registry, 1 << 20);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        Assert.Null(handler.Execute(PostcardSerializer.SerializeToArray(new DumpVirt2PhysReq(0, null, 1)), buffer));   // allocates the page buffer

        V2pCursor? after = null;
        long allocated = 0;
        var pages = 0;
        var seen = 0;
        do
        {
            var request = PostcardSerializer.SerializeToArray(new DumpVirt2PhysReq(0, after, 4096));
            buffer.ResetWrittenCount();
            var start = GC.GetAllocatedBytesForCurrentThread();
            Assert.Null(handler.Execute(request, buffer));
            allocated += GC.GetAllocatedBytesForCurrentThread() - start;
            Assert.True(PostcardSerializer.TryDeserialize<DumpVirt2PhysResp>(buffer.WrittenSpan, out var page, out var error), error.ToString());
            seen += page.EntryCount;
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(Entries, seen);
        Assert.InRange(pages, Entries / 4096, (Entries / 4096) + 2);
        Assert.True(allocated <= 256L * pages, $"pages allocated {allocated} B in all ({allocated / (double)Entries:0.000} B a mapping)");
    }
}
