using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc.Tables;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Tests.Tables;

public class Virt2BoundaryTableTests
{
    private static readonly TunnelEndpoint s_switch0 = new(Ipv6Addr.Parse("fd00:99::1"), new Vni(99));
    private static readonly TunnelEndpoint s_switch1 = new(Ipv6Addr.Parse("fd00:99::2"), new Vni(99));
    private static readonly TunnelEndpoint s_special = new(Ipv6Addr.Parse("fd00:99::77"), new Vni(99));

    [Fact]
    public void Longest_prefix_wins_and_families_do_not_mix()
    {
        var table = new Virt2BoundaryTable();
        table.Set(IpCidr.Parse("0.0.0.0/0"), [s_switch0]);
        table.Set(IpCidr.Parse("203.0.113.0/24"), [s_special]);
        table.Set(IpCidr.Parse("::/0"), [s_switch1]);

        Assert.True(table.TryLookup(PacketIp.Parse("203.0.113.9"), 0, out var special));
        Assert.Equal(s_special, special);
        Assert.True(table.TryLookup(PacketIp.Parse("198.51.100.1"), 0, out var v4Default));
        Assert.Equal(s_switch0, v4Default);
        Assert.True(table.TryLookup(PacketIp.Parse("2001:db8::1"), 0, out var v6Default));
        Assert.Equal(s_switch1, v6Default);
    }

    [Fact]
    public void Endpoint_is_chosen_by_flow_hash_and_spreads_over_all()
    {
        var table = new Virt2BoundaryTable();
        table.Set(IpCidr.Parse("0.0.0.0/0"), [s_switch1, s_switch0]);
        var seen = new HashSet<TunnelEndpoint>();
        for (uint hash = 0; hash < 16; hash++)
        {
            Assert.True(table.TryLookup(PacketIp.Parse("198.51.100.1"), hash, out var a));
            Assert.True(table.TryLookup(PacketIp.Parse("198.51.100.1"), hash, out var b));
            Assert.Equal(a, b);
            seen.Add(a);
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Clear_removes_endpoints_then_the_prefix()
    {
        var table = new Virt2BoundaryTable();
        var prefix = IpCidr.Parse("0.0.0.0/0");
        table.Set(prefix, [s_switch0, s_switch1]);
        Assert.True(table.Clear(prefix, [s_switch0]));
        Assert.Equal([s_switch1], Assert.Single(table.Dump()).Endpoints);
        Assert.True(table.Clear(prefix, [s_switch1]));
        Assert.Equal(0, table.Count);
        Assert.False(table.TryLookup(PacketIp.Parse("198.51.100.1"), 0, out _));
        Assert.False(table.Clear(prefix, [s_switch1]));
    }

    [Fact]
    public void Lookup_does_not_allocate()
    {
        var table = new Virt2BoundaryTable();
        table.Set(IpCidr.Parse("0.0.0.0/0"), [s_switch0, s_switch1]);
        table.Set(IpCidr.Parse("10.0.0.0/8"), [s_special]);
        var destination = PacketIp.Parse("198.51.100.1");
        table.TryLookup(destination, 1, out _);
        long allocated = Support.Allocations.QuietestWindow(window =>
        {
            for (uint i = 0; i < 10_000; i++)
            {
                table.TryLookup(destination, i, out _);
            }
        });

        Assert.Equal(0, allocated);
    }
}
