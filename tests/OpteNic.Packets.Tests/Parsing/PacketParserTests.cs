using System.Buffers.Binary;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Tests.Parsing;

public class PacketParserTests
{
    private static ParsedPacket ParseOk(byte[] frame, ParseMode mode = ParseMode.Outbound)
    {
        bool ok = PacketParser.TryParse(frame, mode, out ParsedPacket packet, out ParseError error);
        Assert.True(ok, $"parse failed: {error}");
        Assert.Equal(ParseError.None, error);
        return packet;
    }

    private static ParseError ParseFail(byte[] frame, ParseMode mode = ParseMode.Outbound)
    {
        bool ok = PacketParser.TryParse(frame, mode, out _, out ParseError error);
        Assert.False(ok);
        Assert.NotEqual(ParseError.None, error);
        return error;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tcp_fields_and_offsets(bool v6)
    {
        byte[] frame = TestFrames.Tcp(v6, payloadLength: 25, srcPort: 40000, dstPort: 443, syn: true);
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(TestFrames.Mac(TestFrames.GuestMac), p.EtherSrc);
        Assert.Equal(TestFrames.Mac(TestFrames.PeerMac), p.EtherDst);
        Assert.Equal(v6 ? (ushort)0x86DD : (ushort)0x0800, p.EtherType);
        Assert.Equal(v6 ? 6 : 4, p.IpVersion);
        Assert.Equal(14, p.IpOffset);
        Assert.Equal(v6 ? 40 : 20, p.IpHeaderLength);
        Assert.Equal(TestFrames.Ip(v6 ? TestFrames.GuestV6 : TestFrames.GuestV4), p.SrcIp);
        Assert.Equal(TestFrames.Ip(v6 ? TestFrames.PeerV6 : TestFrames.PeerV4), p.DstIp);
        Assert.Equal(IpProtocol.Tcp, p.Protocol);
        Assert.True(p.IsTcp);
        Assert.Equal(40000, p.SrcPort);
        Assert.Equal(443, p.DstPort);
        Assert.Equal(1000u, p.TcpSeq);
        Assert.Equal(2000u, p.TcpAck);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, p.TcpFlags);
        Assert.Equal(65000, p.TcpWindow);
        Assert.Equal(14 + (v6 ? 40 : 20), p.UlpOffset);
        Assert.Equal(20, p.UlpLength);
        Assert.Equal(p.UlpOffset + 20, p.BodyOffset);
        Assert.Equal(25, p.BodyLength);
        Assert.Equal(TestFrames.Payload(25), p.Body(frame).ToArray());
        Assert.Equal(frame.Length, p.Length);
        Assert.False(p.IsEncapsulated);
        Assert.Equal(InnerFlowId.ForPorts(IpProtocol.Tcp, p.SrcIp, p.DstIp, 40000, 443), p.FlowId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Udp_body_is_the_datagram_payload(bool v6)
    {
        byte[] frame = TestFrames.Udp(v6, payloadLength: 300, srcPort: 68, dstPort: 67);
        ParsedPacket p = ParseOk(frame);
        Assert.True(p.IsUdp);
        Assert.Equal(68, p.SrcPort);
        Assert.Equal(67, p.DstPort);
        Assert.Equal(300, p.BodyLength);
        Assert.Equal(TestFrames.Payload(300), p.Body(frame).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Icmp_echo_fields_and_flow_id(bool v6)
    {
        byte[] frame = TestFrames.IcmpEcho(v6, id: 0xBEEF, sequence: 3);
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp, p.Protocol);
        Assert.Equal(v6 ? 128 : 8, p.IcmpType);
        Assert.Equal(0, p.IcmpCode);
        Assert.True(p.IsIcmpEcho);
        Assert.Equal(0xBEEF, p.IcmpEchoId);
        Assert.Equal(0, p.SrcPort);
        InnerFlowId flow = p.FlowId;
        Assert.Equal((ushort)((v6 ? 128 : 8) << 8), flow.SrcPort);
        Assert.Equal(0xBEEF, flow.DstPort);
    }

    [Fact]
    public void Non_echo_icmp_has_no_echo_id()
    {
        byte[] frame = TestFrames.IcmpEcho(v6: false, id: 0x4444);
        frame[34] = 3; // destination unreachable
        frame[35] = 4;
        ParsedPacket p = ParseOk(frame);
        Assert.False(p.IsIcmpEcho);
        Assert.Equal(0, p.IcmpEchoId);
        Assert.Equal(3, p.IcmpType);
        Assert.Equal(4, p.IcmpCode);
    }

    [Fact]
    public void Arp_stops_at_the_arp_body()
    {
        byte[] frame = TestFrames.Padded(TestFrames.Arp(), 60);
        ParsedPacket p = ParseOk(frame);
        Assert.True(p.IsArp);
        Assert.Equal(0x0806, p.EtherType);
        Assert.Equal(ArpOperation.Request, p.ArpOperation);
        // PacketDotNet's constructor takes the target first: a guest asking who has 10.0.0.1.
        Assert.Equal(TestFrames.Ip(TestFrames.GuestV4), p.ArpSenderIp);
        Assert.Equal(IpAddr.Parse("10.0.0.1"), p.ArpTargetIp);
        Assert.Equal(TestFrames.Mac(TestFrames.GuestMac), p.ArpSenderMac);
        Assert.Equal(MacAddress.Zero, p.ArpTargetMac);
        Assert.True(p.EtherDst.IsBroadcast);
        Assert.Equal(0, p.IpVersion);
        Assert.False(p.TryGetFlowId(out _));
        Assert.Equal(42, p.Length);
    }

    [Fact]
    public void Arp_with_wrong_hardware_type_is_illegal()
    {
        byte[] frame = TestFrames.Arp();
        frame[15] = 6; // hardware type 6 (IEEE 802)
        Assert.Equal(ParseError.IllegalValue, ParseFail(frame));
    }

    [Theory]
    [InlineData((ushort)0x8100)]
    [InlineData((ushort)0x88A8)]
    public void Vlan_tag_is_walked(ushort tpid)
    {
        byte[] frame = TestFrames.WithVlan(TestFrames.Tcp(false), tci: 0x2064, tpid);
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(1, p.VlanCount);
        Assert.Equal(0x2064, p.VlanTci);
        Assert.Equal(18, p.EtherLength);
        Assert.Equal(0x0800, p.EtherType);
        Assert.Equal(18, p.IpOffset);
        Assert.Equal(443, p.DstPort);
    }

    [Fact]
    public void Two_vlan_tags_are_accepted_three_are_rejected()
    {
        byte[] two = TestFrames.WithVlan(TestFrames.WithVlan(TestFrames.Udp(true), 5), 6, 0x88A8);
        ParsedPacket p = ParseOk(two);
        Assert.Equal(2, p.VlanCount);
        Assert.Equal(6, p.VlanTci);
        Assert.Equal(22, p.EtherLength);
        byte[] three = TestFrames.WithVlan(two, 7);
        Assert.Equal(ParseError.Reject, ParseFail(three));
    }

    [Fact]
    public void Unknown_ether_type_is_not_an_error()
    {
        byte[] frame = TestFrames.Padded(TestFrames.Tcp(false), 80);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x88CC); // LLDP
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(0x88CC, p.EtherType);
        Assert.Equal(0, p.IpVersion);
        Assert.Equal(14, p.BodyOffset);
        Assert.Equal(frame.Length - 14, p.BodyLength);
    }

    [Fact]
    public void Ipv4_padding_is_not_packet_data()
    {
        byte[] frame = TestFrames.Padded(TestFrames.Udp(false, payloadLength: 2), 60);
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(14 + 20 + 8 + 2, p.Length);
        Assert.Equal(2, p.BodyLength);
    }

    [Fact]
    public void Ipv4_options_are_skipped()
    {
        byte[] plain = TestFrames.Udp(false, payloadLength: 4);
        // Insert 4 bytes of options (NOP NOP NOP EOL) and fix IHL/total length.
        var frame = new byte[plain.Length + 4];
        plain.AsSpan(0, 34).CopyTo(frame);
        frame[34] = 1; frame[35] = 1; frame[36] = 1; frame[37] = 0;
        plain.AsSpan(34).CopyTo(frame.AsSpan(38));
        frame[14] = 0x46;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)(frame.Length - 14));
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(24, p.IpHeaderLength);
        Assert.Equal(38, p.UlpOffset);
        Assert.Equal(53, p.DstPort);
    }

    [Theory]
    [InlineData(0x35, ParseError.IllegalValue)] // version 3
    [InlineData(0x44, ParseError.IllegalValue)] // IHL 4
    public void Ipv4_bad_version_or_ihl(byte first, ParseError expected)
    {
        byte[] frame = TestFrames.Tcp(false);
        frame[14] = first;
        Assert.Equal(expected, ParseFail(frame));
    }

    [Fact]
    public void Ipv4_total_length_checks()
    {
        byte[] frame = TestFrames.Tcp(false);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), 19);
        Assert.Equal(ParseError.BadLength, ParseFail(frame));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)(frame.Length - 14 + 1));
        Assert.Equal(ParseError.BadLength, ParseFail(frame));
        // Total length cutting into the TCP header: the header straddles the datagram's end.
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), 30);
        Assert.Equal(ParseError.Straddled, ParseFail(frame));
    }

    [Fact]
    public void Ipv6_version_and_payload_length_checks()
    {
        byte[] frame = TestFrames.Udp(true);
        byte[] badVersion = (byte[])frame.Clone();
        badVersion[14] = 0x40;
        Assert.Equal(ParseError.IllegalValue, ParseFail(badVersion));
        byte[] tooLong = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(tooLong.AsSpan(18), (ushort)(frame.Length - 54 + 1));
        Assert.Equal(ParseError.BadLength, ParseFail(tooLong));
    }

    [Fact]
    public void Tcp_data_offset_below_five_is_illegal()
    {
        byte[] frame = TestFrames.Tcp(false);
        frame[14 + 20 + 12] = 0x40;
        Assert.Equal(ParseError.IllegalValue, ParseFail(frame));
    }

    [Fact]
    public void Tcp_options_are_part_of_the_header()
    {
        byte[] frame = TestFrames.Tcp(false, payloadLength: 12);
        frame[14 + 20 + 12] = 0x80; // data offset 8: 12 bytes of "options" taken from the payload
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(32, p.UlpLength);
        Assert.Equal(0, p.BodyLength);
    }

    [Fact]
    public void Udp_length_checks()
    {
        byte[] frame = TestFrames.Udp(false, payloadLength: 10);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(38), 7);
        Assert.Equal(ParseError.BadLength, ParseFail(frame));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(38), 19);
        Assert.Equal(ParseError.BadLength, ParseFail(frame));
    }

    private static byte[] Ipv6WithExtensions(byte[] extensions, byte firstType)
    {
        byte[] plain = TestFrames.Udp(true, payloadLength: 6);
        var frame = new byte[plain.Length + extensions.Length];
        plain.AsSpan(0, 54).CopyTo(frame);
        extensions.CopyTo(frame, 54);
        plain.AsSpan(54).CopyTo(frame.AsSpan(54 + extensions.Length));
        frame[20] = firstType;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(18), (ushort)(frame.Length - 54));
        return frame;
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked()
    {
        // Hop-by-hop (8) → routing (16) → destination options (8) → fragment (8, first fragment) → UDP.
        var ext = new byte[40];
        ext[0] = 43; ext[1] = 0;
        ext[8] = 60; ext[9] = 1;
        ext[24] = 44; ext[25] = 0;
        ext[32] = 17; BinaryPrimitives.WriteUInt16BigEndian(ext.AsSpan(34), 0x0001); // offset 0, M=1
        byte[] frame = Ipv6WithExtensions(ext, 0);
        ParsedPacket p = ParseOk(frame);
        Assert.Equal(IpProtocol.Udp, p.Protocol);
        Assert.Equal(80, p.IpHeaderLength);
        Assert.Equal(14 + 40 + 32, p.ProtocolFieldOffset);
        Assert.True(p.IsFragment);
        Assert.False(p.IsLaterFragment);
        Assert.True(p.IsUdp);
        Assert.Equal(53, p.DstPort);
    }

    [Fact]
    public void Ipv6_later_fragment_has_no_ports()
    {
        var ext = new byte[8];
        ext[0] = 17;
        BinaryPrimitives.WriteUInt16BigEndian(ext.AsSpan(2), 0x00A8); // offset 21 × 8
        byte[] frame = Ipv6WithExtensions(ext, 44);
        ParsedPacket p = ParseOk(frame);
        Assert.True(p.IsLaterFragment);
        Assert.False(p.HasUlp);
        Assert.Equal(0, p.DstPort);
        Assert.Equal(IpProtocol.Udp, p.Protocol);
    }

    [Fact]
    public void Ipv6_extension_header_past_payload_length_straddles()
    {
        var ext = new byte[16];
        ext[0] = 17; ext[1] = 1;
        byte[] frame = Ipv6WithExtensions(ext, 0);
        // Claim a payload length shorter than the extension header, leaving the rest as padding.
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(18), 8);
        Assert.Equal(ParseError.Straddled, ParseFail(frame));
    }

    [Fact]
    public void Ipv4_later_fragment_has_no_ports()
    {
        byte[] frame = TestFrames.Udp(false);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(20), 0x0010);
        frame[24] = frame[25] = 0; // checksum is not verified by the parser
        ParsedPacket p = ParseOk(frame);
        Assert.True(p.IsFragment);
        Assert.True(p.IsLaterFragment);
        Assert.False(p.HasUlp);
    }

    // ---- inbound ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Inbound_geneve_outer_and_inner()
    {
        byte[] inner = TestFrames.Tcp(false, payloadLength: 33);
        byte[] options = [.. TestFrames.Option(0x0129, 0, []), .. TestFrames.Option(0x0129, 2, [0, 0, 0x05, 0xA8])];
        byte[] frame = TestFrames.Encapsulate(inner, vni: 0x123456, options, entropy: 0xBEEF);
        ParsedPacket p = ParseOk(frame, ParseMode.Inbound);
        Assert.True(p.IsEncapsulated);
        Assert.Equal(14, p.OuterEtherLength);
        Assert.Equal(14, p.OuterIpOffset);
        Assert.Equal(40, p.OuterIpLength);
        Assert.Equal(6, p.OuterIpVersion);
        Assert.Equal(TestFrames.Ip(TestFrames.UnderlaySrc), p.OuterIpSrc);
        Assert.Equal(TestFrames.Ip(TestFrames.UnderlayDst), p.OuterIpDst);
        Assert.Equal(54, p.OuterUdpOffset);
        Assert.Equal(0xBEEF, p.OuterUdpSrcPort);
        Assert.Equal(62, p.GeneveOffset);
        Assert.Equal(8 + options.Length, p.GeneveLength);
        Assert.Equal(0x123456u, p.GeneveVni);
        Assert.True(p.GeneveOptions.External);
        Assert.True(p.GeneveOptions.HasMss);
        Assert.Equal(1448u, p.GeneveOptions.Mss);
        Assert.False(p.GeneveOptions.HasMulticast);
        int innerStart = 62 + 8 + options.Length;
        Assert.Equal(innerStart, p.EtherOffset);
        Assert.Equal(innerStart + 14, p.IpOffset);
        Assert.Equal(TestFrames.Ip(TestFrames.GuestV4), p.SrcIp);
        Assert.Equal(443, p.DstPort);
        Assert.Equal(33, p.BodyLength);
        Assert.Equal(frame.Length, p.Length);
    }

    [Theory]
    [InlineData(0, MulticastReplication.External)]
    [InlineData(1, MulticastReplication.Underlay)]
    [InlineData(2, MulticastReplication.Both)]
    public void Inbound_multicast_option_replication(int bits, MulticastReplication expected)
    {
        byte[] options = TestFrames.Option(0x0129, 1, [(byte)(bits << 6), 0, 0, 0]);
        ParsedPacket p = ParseOk(TestFrames.Encapsulate(TestFrames.Udp(true), options: options), ParseMode.Inbound);
        Assert.True(p.GeneveOptions.HasMulticast);
        Assert.Equal(expected, p.GeneveOptions.Replication);
    }

    [Fact]
    public void Inbound_multicast_replication_three_is_a_bad_option()
    {
        byte[] options = TestFrames.Option(0x0129, 1, [0xC0, 0, 0, 0]);
        Assert.Equal(ParseError.BadTunnelOption, ParseFail(TestFrames.Encapsulate(TestFrames.Udp(true), options: options), ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_unknown_options_skip_unless_critical()
    {
        byte[] skip = [.. TestFrames.Option(0x0129, 0x05, [1, 2, 3, 4]), .. TestFrames.Option(0x0101, 0x11, [])];
        ParsedPacket p = ParseOk(TestFrames.Encapsulate(TestFrames.Udp(true), options: skip), ParseMode.Inbound);
        Assert.Equal(GeneveOptions.None, p.GeneveOptions);
        byte[] criticalOxide = TestFrames.Option(0x0129, 0x85, []);
        Assert.Equal(ParseError.BadTunnelOption, ParseFail(TestFrames.Encapsulate(TestFrames.Udp(true), options: criticalOxide), ParseMode.Inbound));
        byte[] criticalOther = TestFrames.Option(0x0101, 0x80, []);
        Assert.Equal(ParseError.BadTunnelOption, ParseFail(TestFrames.Encapsulate(TestFrames.Udp(true), options: criticalOther), ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_known_option_with_wrong_length_is_bad()
    {
        byte[] options = TestFrames.Option(0x0129, 2, [0, 0, 0, 1, 0, 0, 0, 2]);
        Assert.Equal(ParseError.BadTunnelOption, ParseFail(TestFrames.Encapsulate(TestFrames.Udp(true), options: options), ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_option_running_past_option_area_is_bad()
    {
        byte[] options = TestFrames.Option(0x0129, 2, [0, 0, 0, 1]);
        options[3] = 2; // claims 8 body bytes, 4 present in the area
        Assert.Equal(ParseError.BadTunnelOption, ParseFail(TestFrames.Encapsulate(TestFrames.Udp(true), options: options), ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_outer_ipv6_extension_headers_are_walked()
    {
        var ext = new byte[8];
        ext[0] = 17;
        ParsedPacket p = ParseOk(TestFrames.Encapsulate(TestFrames.Udp(false), ipv6Extensions: ext, firstExtension: 60), ParseMode.Inbound);
        Assert.Equal(48, p.OuterIpLength);
        Assert.Equal(62, p.OuterUdpOffset);
        Assert.True(p.IsUdp);
    }

    [Fact]
    public void Inbound_protocol_mismatches_are_unwanted()
    {
        Assert.Equal(ParseError.UnwantedProtocol, ParseFail(TestFrames.Udp(false), ParseMode.Inbound));
        Assert.Equal(ParseError.UnwantedProtocol, ParseFail(TestFrames.Tcp(true), ParseMode.Inbound));
        Assert.Equal(ParseError.UnwantedProtocol, ParseFail(TestFrames.Udp(true), ParseMode.Inbound)); // dst port 53
        byte[] notEthernet = TestFrames.Encapsulate(TestFrames.Udp(true));
        BinaryPrimitives.WriteUInt16BigEndian(notEthernet.AsSpan(62 + 2), 0x0800);
        Assert.Equal(ParseError.UnwantedProtocol, ParseFail(notEthernet, ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_geneve_version_and_oam()
    {
        byte[] frame = TestFrames.Encapsulate(TestFrames.Udp(true));
        byte[] version = (byte[])frame.Clone();
        version[62] |= 0x40;
        Assert.Equal(ParseError.IllegalValue, ParseFail(version, ParseMode.Inbound));
        byte[] oam = (byte[])frame.Clone();
        oam[63] = 0x80;
        Assert.Equal(ParseError.Reject, ParseFail(oam, ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_udp_length_beyond_outer_payload_is_bad()
    {
        byte[] frame = TestFrames.Encapsulate(TestFrames.Udp(true));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(58), (ushort)(frame.Length - 54 + 1));
        Assert.Equal(ParseError.BadLength, ParseFail(frame, ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_inner_errors_are_reported()
    {
        byte[] inner = TestFrames.Tcp(false);
        inner[14] = 0x55;
        Assert.Equal(ParseError.IllegalValue, ParseFail(TestFrames.Encapsulate(inner), ParseMode.Inbound));
    }

    [Fact]
    public void Inbound_unencapsulated_parses_like_outbound()
    {
        ParsedPacket p = ParseOk(TestFrames.Tcp(true), ParseMode.InboundUnencapsulated);
        Assert.Equal(ParseMode.InboundUnencapsulated, p.Mode);
        Assert.False(p.IsEncapsulated);
        Assert.Equal(443, p.DstPort);
    }

    [Fact]
    public void Drop_counters_count_by_reason()
    {
        var drops = new ParseDropCounters();
        Assert.False(PacketParser.TryParse(new byte[5], ParseMode.Outbound, drops, out _));
        Assert.False(PacketParser.TryParse(TestFrames.Udp(false), ParseMode.Inbound, drops, out _));
        Assert.False(PacketParser.TryParse(TestFrames.Udp(false), ParseMode.Inbound, drops, out _));
        Assert.True(PacketParser.TryParse(TestFrames.Udp(false), ParseMode.Outbound, drops, out _));
        Assert.Equal(1, drops.Truncated);
        Assert.Equal(2, drops.UnwantedProtocol);
        Assert.Equal(0, drops.Reject);
        Assert.Equal(3, drops.Total);
        drops.Clear();
        Assert.Equal(0, drops.Total);
    }
}
