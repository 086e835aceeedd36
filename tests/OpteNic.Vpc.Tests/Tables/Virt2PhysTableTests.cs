using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc.Tables;
using IpAddr = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Tests.Tables;

public class Virt2PhysTableTests
{
    private static readonly Vni s_vni = new(7777);

    private static GuestPhysAddr Phys(ulong n) => new(new MacAddr(0xA8_40_25_00_00_00UL | (n & 0xFF_FFFF)), new Ipv6Addr(new UInt128(0xFD00_0000_0000_0000UL, n)));

    private static IpAddr V4(uint n) => IpAddr.FromIpv4(0x0A00_0000u | n);

    [Fact]
    public void Set_then_lookup_returns_mapping_per_family_and_vni()
    {
        var table = new Virt2PhysTable(64);
        var v6 = IpAddr.Parse("fd00:1::5");
        Assert.True(table.TrySet(s_vni, V4(5), Phys(1)));
        Assert.True(table.TrySet(s_vni, v6, Phys(2)));
        Assert.True(table.TrySet(new Vni(99), V4(5), Phys(3)));

        Assert.True(table.TryLookup(s_vni, V4(5), out var a));
        Assert.Equal(Phys(1), a);
        Assert.True(table.TryLookup(s_vni, v6, out var b));
        Assert.Equal(Phys(2), b);
        Assert.True(table.TryLookup(new Vni(99), V4(5), out var c));
        Assert.Equal(Phys(3), c);
        Assert.False(table.TryLookup(new Vni(98), V4(5), out _));
        Assert.False(table.TryLookup(s_vni, V4(6), out _));
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void Set_replaces_and_remove_deletes()
    {
        var table = new Virt2PhysTable(16);
        table.TrySet(s_vni, V4(1), Phys(1));
        table.TrySet(s_vni, V4(1), Phys(9));
        Assert.Equal(1, table.Count);
        Assert.True(table.TryLookup(s_vni, V4(1), out var replaced));
        Assert.Equal(Phys(9), replaced);

        Assert.True(table.Remove(s_vni, V4(1)));
        Assert.False(table.Remove(s_vni, V4(1)));
        Assert.False(table.TryLookup(s_vni, V4(1), out _));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Full_table_refuses_new_keys_but_accepts_replacements()
    {
        var table = new Virt2PhysTable(100);
        for (uint i = 0; i < 100; i++)
        {
            Assert.True(table.TrySet(s_vni, V4(i), Phys(i)));
        }

        Assert.False(table.TrySet(s_vni, V4(100), Phys(100)));
        Assert.True(table.TrySet(s_vni, V4(50), Phys(5000)));
        Assert.True(table.Remove(s_vni, V4(0)));
        Assert.True(table.TrySet(s_vni, V4(100), Phys(100)));
        Assert.Equal(100, table.Count);
    }

    [Fact]
    public void Churn_through_tombstones_rebuilds_and_keeps_every_live_key()
    {
        var table = new Virt2PhysTable(1000);
        var live = new HashSet<uint>();
        var random = new Random(42);
        for (int step = 0; step < 50_000; step++)
        {
            uint key = (uint)random.Next(3000);
            if (live.Contains(key))
            {
                Assert.True(table.Remove(s_vni, V4(key)));
                live.Remove(key);
            }
            else if (live.Count < 1000)
            {
                Assert.True(table.TrySet(s_vni, V4(key), Phys(key)));
                live.Add(key);
            }
        }

        Assert.True(table.Rebuilds > 0, "removals should have forced at least one tombstone purge");
        Assert.Equal(live.Count, table.Count);
        for (uint key = 0; key < 3000; key++)
        {
            bool found = table.TryLookup(s_vni, V4(key), out var mapping);
            Assert.Equal(live.Contains(key), found);
            if (found)
            {
                Assert.Equal(Phys(key), mapping);
            }
        }
    }

    [Fact]
    public void Holds_a_million_entries_and_looks_up_without_allocating()
    {
        const int entries = 1_000_000;
        var table = new Virt2PhysTable(entries);
        for (uint i = 0; i < entries; i++)
        {
            Assert.True(table.TrySet(new Vni(i % 16), V4(i), Phys(i)));
        }

        Assert.Equal(entries, table.Count);
        int found = 0;
        bool missFound = false;
        long allocated = Support.Allocations.QuietestWindow(window =>
        {
            found = 0;
            for (uint i = 0; i < entries; i += 7)
            {
                if (table.TryLookup(new Vni(i % 16), V4(i), out var mapping) && mapping.Ip.Value == new UInt128(0xFD00_0000_0000_0000UL, i))
                {
                    found++;
                }
            }

            missFound |= table.TryLookup(new Vni(3), V4(entries + 5), out _);
        });

        Assert.Equal((entries + 6) / 7, found);
        Assert.False(missFound);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Dump_lists_live_entries()
    {
        var table = new Virt2PhysTable(16);
        table.TrySet(s_vni, V4(1), Phys(1));
        table.TrySet(s_vni, V4(2), Phys(2));
        table.Remove(s_vni, V4(1));
        var dump = Assert.Single(table.Dump());
        Assert.Equal((s_vni, V4(2), Phys(2)), dump);
    }

    /// <summary>
    /// Readers on one thread, a writer on another: every lookup of a stable key must succeed, and every value read must
    /// be exactly one of the two values the writer alternates between (a torn slot would mix them).
    /// </summary>
    [Fact]
    public void Readers_never_see_torn_or_missing_entries_while_writer_updates()
    {
        const int stableKeys = 512;
        var table = new Virt2PhysTable(4096);
        for (uint k = 0; k < stableKeys; k++)
        {
            table.TrySet(s_vni, V4(k), ValueA(k));
        }

        using var done = new ManualResetEventSlim();
        long reads = 0;
        string? failure = null;
        var reader = new Thread(() =>
        {
            while (!done.IsSet && failure is null)
            {
                for (uint k = 0; k < stableKeys; k++)
                {
                    if (!table.TryLookup(s_vni, V4(k), out var value))
                    {
                        failure = $"stable key {k} missing";
                        return;
                    }

                    if (value != ValueA(k) && value != ValueB(k))
                    {
                        failure = $"torn value for {k}: {value}";
                        return;
                    }

                    reads++;
                }
            }
        });
        reader.Start();

        // The writer flips every stable key between A and B and churns other keys to force tombstones and rebuilds.
        var churned = new Queue<uint>();
        uint nextChurn = 100_000;
        for (int round = 0; round < 200 && failure is null; round++)
        {
            for (uint k = 0; k < stableKeys; k++)
            {
                table.TrySet(s_vni, V4(k), (round & 1) == 0 ? ValueB(k) : ValueA(k));
            }

            for (int c = 0; c < 1000; c++)
            {
                Assert.True(table.TrySet(s_vni, V4(nextChurn), Phys(nextChurn)));
                churned.Enqueue(nextChurn++);
                if (churned.Count > 2000)
                {
                    Assert.True(table.Remove(s_vni, V4(churned.Dequeue())));
                }
            }
        }

        done.Set();
        reader.Join();
        Assert.Null(failure);
        Assert.True(reads > 0);
        Assert.True(table.Rebuilds > 0, "the churn should have rebuilt the slot array while the reader ran");
    }

    private static GuestPhysAddr ValueA(uint k) => new(new MacAddr(0x0200_0000_0000UL | k), new Ipv6Addr(new UInt128(0xAAAA_AAAA_AAAA_AAAAUL, k)));

    private static GuestPhysAddr ValueB(uint k) => new(new MacAddr(0x0200_0100_0000UL | k), new Ipv6Addr(new UInt128(0xBBBB_BBBB_BBBB_BBBBUL, ~(ulong)k)));

    private static List<(Vni Vni, IpAddr Address, GuestPhysAddr Mapping)> PageThrough(Virt2PhysTable table, int pageSize, out long layout)
    {
        var page = new (Vni, IpAddr, GuestPhysAddr)[pageSize];
        var all = new List<(Vni, IpAddr, GuestPhysAddr)>();
        int start = 0;
        layout = -1;
        while (start >= 0)
        {
            int count = table.ReadSlots(start, page, out int next, out long pageLayout);
            Assert.True(layout < 0 || layout == pageLayout);
            layout = pageLayout;
            Assert.True(next < 0 || next > start, $"next {next} does not advance past {start}");
            all.AddRange(page.AsSpan(0, count).ToArray());
            start = next;
        }

        return all;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void ReadSlots_pages_through_every_live_mapping_exactly_once(int pageSize)
    {
        var table = new Virt2PhysTable(2000);
        var expected = new Dictionary<(uint, IpAddr), GuestPhysAddr>();
        for (uint i = 0; i < 1500; i++)
        {
            var vni = new Vni(i % 3);
            IpAddr address = i % 5 == 0 ? IpAddr.Parse($"fd00:1::{i:x}") : V4(i);
            Assert.True(table.TrySet(vni, address, Phys(i)));
            expected[(vni.Value, address)] = Phys(i);
        }

        for (uint i = 1; i < 1500; i += 10)
        {
            IpAddr address = i % 5 == 0 ? IpAddr.Parse($"fd00:1::{i:x}") : V4(i);
            Assert.True(table.Remove(new Vni(i % 3), address));
            expected.Remove((i % 3, address));
        }

        var read = PageThrough(table, pageSize, out long layout);

        Assert.Equal(table.Rebuilds, layout);
        Assert.Equal(expected.Count, read.Count);
        Assert.Equal(expected.Count, read.Select(e => (e.Vni.Value, e.Address)).Distinct().Count());
        foreach (var (vni, address, mapping) in read)
        {
            Assert.Equal(expected[(vni.Value, address)], mapping);
        }

        Assert.Equal(table.Dump(), read);
    }

    [Fact]
    public void ReadSlots_reports_a_new_layout_after_a_rebuild()
    {
        var table = new Virt2PhysTable(16);
        var page = new (Vni, IpAddr, GuestPhysAddr)[4];
        table.ReadSlots(0, page, out _, out long before);
        Assert.Equal(0, before);

        // Churn distinct keys: tombstones accumulate until a rebuild publishes a fresh slot array.
        for (uint i = 0; table.Rebuilds == 0; i++)
        {
            Assert.True(table.TrySet(s_vni, V4(i), Phys(i)));
            Assert.True(table.Remove(s_vni, V4(i)));
        }

        table.ReadSlots(0, page, out _, out long after);
        Assert.Equal(table.Rebuilds, after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void ReadSlots_allocates_nothing()
    {
        var table = new Virt2PhysTable(20_000);
        for (uint i = 0; i < 20_000; i++)
        {
            Assert.True(table.TrySet(new Vni(i % 4), V4(i), Phys(i)));
        }

        var page = new (Vni, IpAddr, GuestPhysAddr)[512];
        table.ReadSlots(0, page, out _, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int seen = 0;
        for (int start = 0; start >= 0;)
        {
            seen += table.ReadSlots(start, page, out start, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        Assert.Equal(20_000, seen);
    }

    [Fact]
    public async Task ReadSlots_while_a_writer_flips_values_returns_each_stable_key_once_with_a_whole_value()
    {
        var table = new Virt2PhysTable(4096);
        for (uint i = 0; i < 3000; i++)
        {
            Assert.True(table.TrySet(s_vni, V4(i), Phys(i)));
        }

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (ulong round = 0; !stop.IsCancellationRequested; round++)
            {
                uint key = (uint)(round % 3000);
                table.TrySet(s_vni, V4(key), (round & 1) == 0 ? Phys(key + 100_000) : Phys(key));
            }
        });

        try
        {
            for (int pass = 0; pass < 20; pass++)
            {
                var read = PageThrough(table, 64, out _);
                Assert.Equal(3000, read.Count);
                Assert.Equal(3000, read.Select(e => e.Address).Distinct().Count());
                foreach (var (_, address, mapping) in read)
                {
                    uint key = address.Ipv4 & 0xFFFF;
                    Assert.True(mapping == Phys(key) || mapping == Phys(key + 100_000), $"torn value for {address}: {mapping}");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }
}
