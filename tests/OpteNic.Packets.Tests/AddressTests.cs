namespace OpteNic.Packets.Tests;

public class AddressTests
{
    [Fact]
    public void Mac_round_trips_and_knows_multicast()
    {
        MacAddress mac = MacAddress.Parse("a8:40:25:ff:77:77");
        Assert.Equal(0xA84025FF7777UL, mac.Value);
        Assert.Equal("a8:40:25:ff:77:77", mac.ToString());
        Span<byte> bytes = stackalloc byte[6];
        mac.WriteTo(bytes);
        Assert.Equal(mac, MacAddress.Read(bytes));
        Assert.False(mac.IsMulticast);
        Assert.True(MacAddress.Parse("01:00:5e:00:00:01").IsMulticast);
        Assert.True(MacAddress.Broadcast.IsBroadcast && MacAddress.Broadcast.IsMulticast);
        Assert.False(MacAddress.TryParse("a8:40:25:ff:77", out _));
        Assert.False(MacAddress.TryParse("a8:40:25:ff:77:zz", out _));
    }

    [Theory]
    [InlineData("10.0.0.1", true, 4)]
    [InlineData("fd00::1", false, 16)]
    [InlineData("::", false, 16)]
    public void IpAddr_families(string text, bool isIpv4, int wireLength)
    {
        IpAddr address = IpAddr.Parse(text);
        Assert.Equal(isIpv4, address.IsIpv4);
        Assert.Equal(wireLength, address.WireLength);
        Assert.Equal(text, address.ToString());
        Span<byte> bytes = stackalloc byte[16];
        address.WriteTo(bytes);
        Assert.Equal(address, isIpv4 ? IpAddr.ReadIpv4(bytes) : IpAddr.ReadIpv6(bytes));
    }

    [Fact]
    public void IpAddr_prefixes_and_multicast()
    {
        Assert.True(IpAddr.Parse("10.1.2.3").IsInPrefix(IpAddr.Parse("10.0.0.0"), 8));
        Assert.False(IpAddr.Parse("11.1.2.3").IsInPrefix(IpAddr.Parse("10.0.0.0"), 8));
        Assert.True(IpAddr.Parse("11.1.2.3").IsInPrefix(IpAddr.Parse("0.0.0.0"), 0));
        Assert.False(IpAddr.Parse("fd00::1").IsInPrefix(IpAddr.Parse("0.0.0.0"), 0));
        Assert.True(IpAddr.Parse("fd00:1:2:3:4::1").IsInPrefix(IpAddr.Parse("fd00:1:2:3::"), 64));
        Assert.True(IpAddr.Parse("fd00:1:2:3:4::1").IsInPrefix(IpAddr.Parse("fd00:1:2:3:4::"), 80));
        Assert.False(IpAddr.Parse("fd00:1:2:3:5::1").IsInPrefix(IpAddr.Parse("fd00:1:2:3:4::"), 80));
        Assert.True(IpAddr.Parse("fd00::1").IsInPrefix(IpAddr.Parse("fd00::1"), 128));
        Assert.True(IpAddr.Parse("224.0.0.251").IsMulticast);
        Assert.True(IpAddr.Parse("ff04::1").IsMulticast);
        Assert.False(IpAddr.Parse("10.0.0.1").IsMulticast);
    }

    [Fact]
    public void Flow_id_equality_hash_and_mirror()
    {
        IpAddr a = IpAddr.Parse("10.0.0.1");
        IpAddr b = IpAddr.Parse("10.0.0.2");
        var tcp = InnerFlowId.ForPorts(IpProtocol.Tcp, a, b, 1234, 80);
        Assert.Equal(tcp, InnerFlowId.ForPorts(IpProtocol.Tcp, a, b, 1234, 80));
        Assert.Equal(tcp.Hash(), InnerFlowId.ForPorts(IpProtocol.Tcp, a, b, 1234, 80).Hash());
        Assert.NotEqual(tcp, InnerFlowId.ForPorts(IpProtocol.Udp, a, b, 1234, 80));
        Assert.NotEqual(tcp.Hash(), InnerFlowId.ForPorts(IpProtocol.Tcp, a, b, 1235, 80).Hash());
        InnerFlowId mirrored = tcp.Mirror();
        Assert.Equal(b, mirrored.Src);
        Assert.Equal(a, mirrored.Dst);
        Assert.Equal(80, mirrored.SrcPort);
        Assert.Equal(1234, mirrored.DstPort);
        Assert.Equal(tcp, mirrored.Mirror());

        var echo = InnerFlowId.ForIcmp(IpProtocol.Icmp, a, b, 8, 0, 77);
        InnerFlowId reply = echo.Mirror();
        Assert.Equal(InnerFlowId.ForIcmp(IpProtocol.Icmp, b, a, 0, 0, 77), reply);
        var echo6 = InnerFlowId.ForIcmp(IpProtocol.Icmpv6, IpAddr.Parse("fd00::1"), IpAddr.Parse("fd00::2"), 128, 0, 5);
        Assert.Equal(InnerFlowId.ForIcmp(IpProtocol.Icmpv6, IpAddr.Parse("fd00::2"), IpAddr.Parse("fd00::1"), 129, 0, 5), echo6.Mirror());
        Assert.NotEqual(0, tcp.Entropy());
    }

    [Fact]
    public void Flow_hash_spreads_over_buckets()
    {
        // 64k sequential flows into 1024 buckets: no bucket should hold more than a few times the mean (64).
        var buckets = new int[1024];
        IpAddr dst = IpAddr.Parse("10.9.9.9");
        for (int i = 0; i < 65536; i++)
        {
            var flow = InnerFlowId.ForPorts(IpProtocol.Tcp, IpAddr.FromIpv4(0x0A000000u + (uint)(i >> 8)), dst, (ushort)(1024 + (i & 0xFF)), 443);
            buckets[flow.Hash() & 1023]++;
        }

        Assert.True(buckets.Max() < 64 * 3, $"max bucket {buckets.Max()}");
        Assert.True(buckets.Min() > 64 / 3, $"min bucket {buckets.Min()}");
    }
}
