using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Tests;

/// <summary>Each header and data predicate against real parsed frames.</summary>
public sealed class PredicateTests
{
    private static readonly MacAddress Src = new(0x02_00_00_00_00_01);
    private static readonly MacAddress Dst = new(0x02_00_00_00_00_02);

    [Fact]
    public void Header_predicates_on_a_tcp_ipv4_frame()
    {
        (ParsedPacket p, byte[] _) = Tcp4("10.1.2.3", "192.168.7.9", 5555, 443);
        var meta = default(PacketMetadata);
        Assert.True(Predicate.InnerEtherType((ushort)EtherType.Arp, (ushort)EtherType.Ipv4).Matches(p, meta));
        Assert.False(Predicate.InnerEtherType((ushort)EtherType.Ipv6).Matches(p, meta));
        Assert.True(Predicate.InnerEtherSrc(Src.Value).Matches(p, meta));
        Assert.False(Predicate.InnerEtherDst(Predicate.MulticastMac).Matches(p, meta));
        Assert.True(Predicate.InnerSrcIp(IpPrefix.Parse("10.0.0.0/8")).Matches(p, meta));
        Assert.False(Predicate.InnerSrcIp(IpPrefix.Parse("10.1.3.0/24")).Matches(p, meta));
        Assert.False(Predicate.InnerSrcIp(IpPrefix.Parse("::/0")).Matches(p, meta));
        Assert.True(Predicate.InnerDstIp(IpPrefix.Parse("192.168.7.9")).Matches(p, meta));
        Assert.True(Predicate.InnerIpProtocol((byte)IpProtocol.Tcp).Matches(p, meta));
        Assert.True(Predicate.InnerSrcPortRanges((5000, 6000)).Matches(p, meta));
        Assert.True(Predicate.InnerDstPort(443).Matches(p, meta));
        Assert.False(Predicate.InnerDstPortRanges((1, 442), (444, 1000)).Matches(p, meta));
        Assert.False(Predicate.IcmpType((0, 255)).Matches(p, meta));
        Assert.True(Predicate.Not(Predicate.InnerDstPort(80)).Matches(p, meta));
        Assert.True(Predicate.Any(Predicate.InnerDstPort(80), Predicate.InnerDstPort(443)).Matches(p, meta));
        Assert.False(Predicate.All(Predicate.InnerDstPort(443), Predicate.InnerSrcPort(1)).Matches(p, meta));
        Assert.False(Predicate.Meta(1, 2).Matches(p, meta));
        meta.TrySet(1, 2);
        Assert.True(Predicate.Meta(1, 2).Matches(p, meta));
    }

    [Fact]
    public void Icmp_predicates_distinguish_families()
    {
        byte[] frame = new byte[128];
        var b = new FrameBuilder(frame);
        b.Ethernet(new EthernetHeader(Dst, Src, (ushort)EtherType.Ipv6));
        b.Ipv6(new Ipv6Header(IpAddr.Parse("fd00::1"), IpAddr.Parse("ff02::1"), IpProtocol.Icmpv6, 0));
        b.Icmp(new IcmpHeader(135, 0, 0));
        Assert.True(b.TryFinish(out int length));
        Assert.True(PacketParser.TryParse(frame.AsSpan(0, length), ParseMode.Outbound, out ParsedPacket p, out _));
        var meta = default(PacketMetadata);
        Assert.True(Predicate.Icmp6Type((133, 137)).Matches(p, meta));
        Assert.True(Predicate.Icmp6Code((0, 0)).Matches(p, meta));
        Assert.False(Predicate.IcmpType((0, 255)).Matches(p, meta));
        Assert.True(Predicate.InnerEtherDst(Predicate.MulticastMac).Matches(p, meta) == false);
        Assert.True(Predicate.InnerDstIp(IpPrefix.Parse("ff00::/8")).Matches(p, meta));
        Assert.False(Predicate.InnerDstPort(0).Matches(p, meta));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(5, false)]
    public void Dhcp_message_type_data_predicate(byte messageType, bool matches)
    {
        byte[] frame = new byte[512];
        var b = new FrameBuilder(frame);
        b.Ethernet(new EthernetHeader(MacAddress.Broadcast, Src, (ushort)EtherType.Ipv4));
        b.Ipv4(new Ipv4Header(IpAddr.Parse("0.0.0.0"), IpAddr.Parse("255.255.255.255"), IpProtocol.Udp, 0));
        b.Udp(68, 67);
        Span<byte> dhcp = b.Payload(244);
        dhcp.Clear();
        dhcp[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(dhcp.Slice(236), 0x63825363);
        dhcp[240] = 53;
        dhcp[241] = 1;
        dhcp[242] = messageType;
        dhcp[243] = 255;
        Assert.True(b.TryFinish(out int length));
        Assert.True(PacketParser.TryParse(frame.AsSpan(0, length), ParseMode.Outbound, out ParsedPacket p, out _));
        Assert.Equal(matches, DataPredicate.DhcpMessageType(1, 3).Matches(p, frame.AsSpan(0, length)));
        Assert.Equal(!matches, DataPredicate.Not(DataPredicate.DhcpMessageType(1, 3)).Matches(p, frame.AsSpan(0, length)));
        Assert.False(DataPredicate.Dhcpv6MessageType(1).Matches(p, frame.AsSpan(0, 60)));
    }

    [Fact]
    public void Truncated_dhcp_body_never_matches_or_throws()
    {
        (ParsedPacket p, byte[] frame) = Tcp4("10.0.0.1", "10.0.0.2", 68, 67);
        Assert.False(DataPredicate.DhcpMessageType(1).Matches(p, frame));
    }

    [Fact]
    public void Metadata_table_is_fixed_capacity_and_interner_reuses_ids()
    {
        var interner = new MetadataInterner();
        ushort a = interner.Intern("router-target");
        Assert.Equal(a, interner.Intern("router-target"));
        Assert.NotEqual(0, a);
        Assert.Equal("router-target", interner.NameOf(a));
        Assert.True(MetadataInterner.IsReservedKey("opte:internal-target"));
        var meta = default(PacketMetadata);
        for (ushort k = 1; k <= PacketMetadata.Capacity; k++)
        {
            Assert.True(meta.TrySet(k, k));
        }

        Assert.False(meta.TrySet(999, 1));
        Assert.True(meta.TrySet(3, 7));
        Assert.True(meta.Has(3, 7));
        Assert.True(meta.Remove(3));
        Assert.False(meta.TryGet(3, out _));
    }

    private static (ParsedPacket, byte[]) Tcp4(string src, string dst, ushort sport, ushort dport)
    {
        byte[] frame = new byte[128];
        var b = new FrameBuilder(frame);
        b.Ethernet(new EthernetHeader(Dst, Src, (ushort)EtherType.Ipv4));
        b.Ipv4(new Ipv4Header(IpAddr.Parse(src), IpAddr.Parse(dst), IpProtocol.Tcp, 0));
        b.Tcp(new TcpHeader(sport, dport, 1, 0, TcpFlags.Syn, 100));
        Assert.True(b.TryFinish(out int length));
        Assert.True(PacketParser.TryParse(frame.AsSpan(0, length), ParseMode.Outbound, out ParsedPacket p, out _));
        return (p, frame[..length]);
    }
}
