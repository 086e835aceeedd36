using OpteNic.Api.Net;
using OpteNic.Vpc.Tables;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Tests.Tables;

public class Mcast2PhysTableTests
{
    [Fact]
    public void Maps_overlay_groups_to_admin_local_underlay_groups()
    {
        var table = new Mcast2PhysTable();
        Assert.True(table.TrySet(IpAddr.Parse("239.1.1.1"), Ipv6Addr.Parse("ff04::e001:101"), out _));
        Assert.True(table.TrySet(IpAddr.Parse("ff0e::1:2"), Ipv6Addr.Parse("ff04::1:2"), out _));
        Assert.True(table.TryLookup(PacketIp.Parse("239.1.1.1"), out var underlay));
        Assert.Equal(Ipv6Addr.Parse("ff04::e001:101"), underlay);
        Assert.False(table.TryLookup(PacketIp.Parse("239.1.1.2"), out _));
        Assert.Equal(2, table.Dump().Count);
        Assert.True(table.Remove(IpAddr.Parse("239.1.1.1")));
        Assert.False(table.TryLookup(PacketIp.Parse("239.1.1.1"), out _));
    }

    [Theory]
    [InlineData("10.0.0.1", "ff04::1", "not a multicast address")]
    [InlineData("239.1.1.1", "ff05::1", "ff04::/16")]
    [InlineData("239.1.1.1", "fd00::1", "ff04::/16")]
    public void Rejects_unicast_groups_and_underlay_outside_admin_local_scope(string group, string underlay, string message)
    {
        var table = new Mcast2PhysTable();
        Assert.False(table.TrySet(IpAddr.Parse(group), Ipv6Addr.Parse(underlay), out string? error));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(0, table.Count);
    }
}
