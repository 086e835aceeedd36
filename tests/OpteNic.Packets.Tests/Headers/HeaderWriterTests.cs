using System.Net;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using PacketDotNet;
using ArpPacket = OpteNic.Packets.Headers.ArpPacket;
using ArpOperation = OpteNic.Packets.Headers.ArpOperation;

namespace OpteNic.Packets.Tests.Headers;

/// <summary>Frames written by our header writers, decoded by PacketDotNet: fields and checksums must agree.</summary>
public class HeaderWriterTests
{
    private static readonly MacAddress A = MacAddress.Parse("a8:40:25:00:00:01");
    private static readonly MacAddress B = MacAddress.Parse("a8:40:25:ff:77:77");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Udp_frame_decodes_in_packetdotnet(bool v6)
    {
        var frame = new byte[200];
        var b = new FrameBuilder(frame);
        IpAddr src = IpAddr.Parse(v6 ? "fe80::1" : "10.0.0.1");
        IpAddr dst = IpAddr.Parse(v6 ? "fe80::2" : "10.0.0.2");
        b.Ethernet(new EthernetHeader(A, B, v6 ? (ushort)0x86DD : (ushort)0x0800));
        if (v6)
        {
            b.Ipv6(new Ipv6Header(src, dst, IpProtocol.Udp, 0) { HopLimit = 255 });
        }
        else
        {
            b.Ipv4(new Ipv4Header(src, dst, IpProtocol.Udp, 0) { Ttl = 255, Identification = 7, Flags = Ipv4Header.DontFragment });
        }

        b.Udp(547, 546);
        b.Append(TestFrames.Payload(33));
        Assert.True(b.TryFinish(out int length));

        var packet = Packet.ParsePacket(LinkLayers.Ethernet, frame.AsSpan(0, length).ToArray());
        var eth = (EthernetPacket)packet;
        Assert.Equal(A.ToString().Replace(":", "", StringComparison.Ordinal).ToUpperInvariant(), eth.DestinationHardwareAddress.ToString());
        var ip = packet.Extract<IPPacket>();
        Assert.Equal(src.ToIPAddress(), ip.SourceAddress);
        Assert.Equal(dst.ToIPAddress(), ip.DestinationAddress);
        var udp = packet.Extract<UdpPacket>();
        Assert.Equal(547, udp.SourcePort);
        Assert.Equal(546, udp.DestinationPort);
        Assert.Equal(41, udp.Length);
        Assert.Equal(TestFrames.Payload(33), udp.PayloadData);
        TestFrames.AssertChecksumsValid(frame.AsSpan(0, length));
        if (!v6)
        {
            Assert.Equal(7, ((IPv4Packet)ip).Id);
            Assert.Equal(255, ip.TimeToLive);
        }
    }

    [Fact]
    public void Tcp_and_icmp_frames_have_valid_checksums()
    {
        foreach (bool v6 in new[] { false, true })
        {
            var frame = new byte[200];
            var b = new FrameBuilder(frame);
            IpAddr src = IpAddr.Parse(v6 ? "fd00::1" : "10.0.0.1");
            IpAddr dst = IpAddr.Parse(v6 ? "fd00::2" : "10.0.0.2");
            b.Ethernet(new EthernetHeader(A, B, v6 ? (ushort)0x86DD : (ushort)0x0800));
            if (v6)
            {
                b.Ipv6(new Ipv6Header(src, dst, IpProtocol.Tcp, 0));
            }
            else
            {
                b.Ipv4(new Ipv4Header(src, dst, IpProtocol.Tcp, 0));
            }

            b.Tcp(new TcpHeader(80, 5000, 1, 2, TcpFlags.Syn | TcpFlags.Ack, 1000));
            b.Append(TestFrames.Payload(7));
            Assert.True(b.TryFinish(out int length));
            TestFrames.AssertChecksumsValid(frame.AsSpan(0, length));
            var tcp = Packet.ParsePacket(LinkLayers.Ethernet, frame.AsSpan(0, length).ToArray()).Extract<TcpPacket>();
            Assert.True(tcp.Synchronize && tcp.Acknowledgment);
            Assert.Equal(80, tcp.SourcePort);

            frame = new byte[200];
            b = new FrameBuilder(frame);
            b.Ethernet(new EthernetHeader(A, B, v6 ? (ushort)0x86DD : (ushort)0x0800));
            if (v6)
            {
                b.Ipv6(new Ipv6Header(src, dst, IpProtocol.Icmpv6, 0));
                b.Icmp(IcmpHeader.Echo(IcmpHeader.Echo6Reply, 9, 10));
            }
            else
            {
                b.Ipv4(new Ipv4Header(src, dst, IpProtocol.Icmp, 0));
                b.Icmp(IcmpHeader.Echo(IcmpHeader.EchoReply, 9, 10));
            }

            b.Append(TestFrames.Payload(5));
            Assert.True(b.TryFinish(out length));
            TestFrames.AssertChecksumsValid(frame.AsSpan(0, length));
            Assert.True(PacketParser.TryParse(frame.AsSpan(0, length), ParseMode.Outbound, out ParsedPacket p, out _));
            Assert.Equal(9, p.IcmpEchoId);
            Assert.Equal(v6 ? 129 : 0, p.IcmpType);
        }
    }

    [Fact]
    public void Arp_reply_decodes_in_packetdotnet()
    {
        var frame = new byte[64];
        var b = new FrameBuilder(frame);
        b.Ethernet(new EthernetHeader(A, B, (ushort)EtherType.Arp));
        b.Arp(new ArpPacket(ArpOperation.Reply, B, IpAddr.Parse("10.0.0.1"), A, IpAddr.Parse("10.0.0.5")));
        Assert.True(b.TryFinish(out int length));
        Assert.Equal(42, length);
        var arp = Packet.ParsePacket(LinkLayers.Ethernet, frame.AsSpan(0, length).ToArray()).Extract<PacketDotNet.ArpPacket>();
        Assert.Equal(PacketDotNet.ArpOperation.Response, arp.Operation);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), arp.SenderProtocolAddress);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), arp.TargetProtocolAddress);
    }

    [Fact]
    public void Vlan_header_round_trips()
    {
        var header = new EthernetHeader(A, B, 0x0800) { HasVlan = true, VlanTci = 0x3005 };
        var bytes = new byte[18];
        Assert.Equal(18, header.WriteTo(bytes));
        Assert.True(EthernetHeader.TryRead(bytes, out EthernetHeader read));
        Assert.True(read.HasVlan);
        Assert.Equal(0x3005, read.VlanTci);
        Assert.Equal(0x0800, read.EtherType);
        Assert.Equal(B, read.Src);
    }

    [Fact]
    public void Geneve_header_with_options_parses_back()
    {
        var options = new GeneveOptions { External = true, HasMulticast = true, Replication = MulticastReplication.Both, HasMss = true, Mss = 8948 };
        var header = new GeneveHeader(0xABCDEF, options);
        var bytes = new byte[header.Length];
        Assert.Equal(8 + 4 + 8 + 8, header.WriteTo(bytes));
        byte[] frame = TestFrames.Encapsulate(TestFrames.Udp(false), vni: 0xABCDEF, options: bytes.AsSpan(8));
        Assert.True(PacketParser.TryParse(frame, ParseMode.Inbound, out ParsedPacket p, out ParseError error), error.ToString());
        Assert.Equal(options, p.GeneveOptions);
        Assert.Equal(bytes, frame.AsSpan(62, bytes.Length).ToArray());
    }

    [Fact]
    public void Builder_overflow_is_reported_not_thrown()
    {
        var frame = new byte[30];
        var b = new FrameBuilder(frame);
        b.Ethernet(new EthernetHeader(A, B, 0x0800));
        b.Ipv4(new Ipv4Header(IpAddr.Parse("1.1.1.1"), IpAddr.Parse("2.2.2.2"), IpProtocol.Udp, 0));
        Assert.True(b.Overflowed);
        Assert.False(b.TryFinish(out _));
    }

    [Fact]
    public void Header_readers_round_trip()
    {
        var ip4 = new Ipv4Header(IpAddr.Parse("1.2.3.4"), IpAddr.Parse("5.6.7.8"), IpProtocol.Tcp, 60) { Identification = 9, Flags = 2, FragmentOffset = 3, Ttl = 17, TypeOfService = 0xB8 };
        var bytes = new byte[40];
        ip4.WriteTo(bytes);
        Assert.True(Ipv4Header.TryRead(bytes, out Ipv4Header r4));
        Assert.Equal((ip4.Src, ip4.Dst, ip4.Protocol, ip4.TotalLength, ip4.Identification, ip4.Flags, ip4.FragmentOffset, ip4.Ttl, ip4.TypeOfService),
            (r4.Src, r4.Dst, r4.Protocol, r4.TotalLength, r4.Identification, r4.Flags, r4.FragmentOffset, r4.Ttl, r4.TypeOfService));
        var ip6 = new Ipv6Header(IpAddr.Parse("fd00::1"), IpAddr.Parse("fd00::2"), IpProtocol.Udp, 99) { TrafficClass = 0x12, FlowLabel = 0xABCDE, HopLimit = 3 };
        ip6.WriteTo(bytes);
        Assert.True(Ipv6Header.TryRead(bytes, out Ipv6Header r6));
        Assert.Equal((ip6.Src, ip6.Dst, ip6.NextHeader, ip6.PayloadLength, ip6.TrafficClass, ip6.FlowLabel, ip6.HopLimit),
            (r6.Src, r6.Dst, r6.NextHeader, r6.PayloadLength, r6.TrafficClass, r6.FlowLabel, r6.HopLimit));
        var tcp = new TcpHeader(1, 2, 3, 4, TcpFlags.Fin | TcpFlags.Ack, 5) { Checksum = 6, UrgentPointer = 7 };
        tcp.WriteTo(bytes);
        Assert.True(TcpHeader.TryRead(bytes, out TcpHeader rt));
        Assert.Equal((tcp.SrcPort, tcp.DstPort, tcp.Seq, tcp.Ack, tcp.Flags, tcp.Window, tcp.Checksum, tcp.UrgentPointer, 20),
            (rt.SrcPort, rt.DstPort, rt.Seq, rt.Ack, rt.Flags, rt.Window, rt.Checksum, rt.UrgentPointer, rt.HeaderLength));
        var udp = new UdpHeader(1, 2, 3, 4);
        udp.WriteTo(bytes);
        Assert.True(UdpHeader.TryRead(bytes, out UdpHeader ru));
        Assert.Equal((1, 2, 3, 4), (ru.SrcPort, ru.DstPort, ru.DatagramLength, ru.Checksum));
        var icmp = IcmpHeader.Echo(8, 0x1234, 0x5678);
        icmp.WriteTo(bytes);
        Assert.True(IcmpHeader.TryRead(bytes, out IcmpHeader ri));
        Assert.Equal((8, 0x1234, 0x5678), (ri.Type, ri.EchoId, ri.EchoSequence));
    }
}
