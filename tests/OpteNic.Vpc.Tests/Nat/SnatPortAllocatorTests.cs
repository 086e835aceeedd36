using CsCheck;
using OpteNic.Packets;
using OpteNic.Vpc.Nat;

namespace OpteNic.Vpc.Tests.Nat;

public class SnatPortAllocatorTests
{
    [Fact]
    public void Hands_out_highest_free_port_first()
    {
        var pool = new SnatPortAllocator(1024, 1030);
        var ports = new List<ushort>();
        while (pool.TryAllocate(out ushort port))
        {
            ports.Add(port);
        }

        Assert.Equal([1030, 1029, 1028, 1027, 1026, 1025, 1024], ports);
        Assert.Equal(7, pool.InUse);
    }

    [Fact]
    public void Exhaustion_is_counted_not_thrown()
    {
        var pool = new SnatPortAllocator(5000, 5001);
        Assert.True(pool.TryAllocate(out _));
        Assert.True(pool.TryAllocate(out _));
        Assert.False(pool.TryAllocate(out ushort none));
        Assert.False(pool.TryAllocate(out _));
        Assert.Equal(0, none);
        Assert.Equal(2, pool.Exhausted);
        Assert.Equal(2, pool.Allocations);
    }

    [Fact]
    public void Released_port_is_reused_when_it_is_the_highest_free()
    {
        var pool = new SnatPortAllocator(1, 65535);
        Assert.True(pool.TryAllocate(out ushort first));
        Assert.True(pool.TryAllocate(out ushort second));
        Assert.Equal(65535, first);
        Assert.Equal(65534, second);
        pool.Release(first);
        Assert.True(pool.TryAllocate(out ushort again));
        Assert.Equal(65535, again);
        pool.Release(second);
        Assert.True(pool.TryAllocate(out ushort third));
        Assert.Equal(65534, third);
    }

    [Fact]
    public void Double_release_and_foreign_port_are_counted_errors()
    {
        var pool = new SnatPortAllocator(100, 200);
        Assert.True(pool.TryAllocate(out ushort port));
        pool.Release(port);
        pool.Release(port);
        pool.Release(7);
        Assert.Equal(2, pool.ReleaseErrors);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Claim_takes_a_specific_port_for_state_import()
    {
        var pool = new SnatPortAllocator(100, 200);
        Assert.True(pool.TryClaim(200));
        Assert.False(pool.TryClaim(200));
        Assert.False(pool.TryClaim(99));
        Assert.True(pool.TryAllocate(out ushort next));
        Assert.Equal(199, next);
        Assert.True(pool.IsInUse(200));
    }

    [Fact]
    public void Inverted_range_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SnatPortAllocator(2000, 1999));
        Assert.Contains("inverted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pools_are_separate_per_protocol()
    {
        var pool = new SnatPool(IpAddr.Parse("203.0.113.5"), 1024, 1025);
        Assert.True(pool.For(IpProtocol.Tcp)!.TryAllocate(out ushort tcp));
        Assert.True(pool.For(IpProtocol.Udp)!.TryAllocate(out ushort udp));
        Assert.True(pool.For(IpProtocol.Icmp)!.TryAllocate(out ushort icmp));
        Assert.Equal(1025, tcp);
        Assert.Equal(1025, udp);
        Assert.Equal(1025, icmp);
        Assert.Same(pool.IcmpEcho, pool.For(IpProtocol.Icmpv6));
        Assert.Null(pool.For((IpProtocol)47));
    }

    [Fact]
    public void Allocation_and_release_do_not_allocate_memory()
    {
        var pool = new SnatPortAllocator(1024, 65535);
        pool.TryAllocate(out ushort warm);
        pool.Release(warm);
        long allocated = Support.Allocations.QuietestWindow(window =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                pool.TryAllocate(out ushort port);
                if ((i & 1) == 0)
                {
                    pool.Release(port);
                }
            }
        });

        Assert.Equal(0, allocated);
    }

    /// <summary>Against a model (a sorted set of free ports), any sequence of operations gives the model's answers.</summary>
    [Fact]
    public void Matches_a_sorted_set_model_under_random_operations()
    {
        Gen.Select(Gen.UShort[0, 300], Gen.Int[1, 200], Gen.Bool.Array[1, 400])
            .Sample((first, width, operations) =>
            {
                ushort last = (ushort)(first + width - 1);
                var pool = new SnatPortAllocator(first, last);
                var free = new SortedSet<ushort>(Enumerable.Range(first, width).Select(p => (ushort)p));
                var used = new List<ushort>();
                int seed = 0;
                foreach (bool allocate in operations)
                {
                    if (allocate || used.Count == 0)
                    {
                        bool ok = pool.TryAllocate(out ushort port);
                        if (free.Count == 0)
                        {
                            return !ok;
                        }

                        if (!ok || port != free.Max)
                        {
                            return false;
                        }

                        free.Remove(port);
                        used.Add(port);
                    }
                    else
                    {
                        int index = (seed++ * 7919) % used.Count;
                        pool.Release(used[index]);
                        free.Add(used[index]);
                        used.RemoveAt(index);
                    }
                }

                return pool.InUse == used.Count;
            }, iter: 300);
    }
}
