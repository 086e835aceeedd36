using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>
/// ICMP errors through NAT carry their quoted packet translated back: to the private address under 1:1 NAT, to the
/// private address and the guest's own port or echo identifier under SNAT.
/// </summary>
public class IcmpErrorScenarioTests
{
    private static readonly byte[] s_boundaryMac = [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77];
    private static readonly IPAddress s_snat = IPAddress.Parse("203.0.113.10");

    private static VpcScenario SnatScenario()
        => new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, [])).WithStandardRoutes().AllowInbound();

    /// <summary>The IPv4 packet the guest's frame became on the internet (the encapsulated output's inner frame, minus Ethernet).</summary>
    private static byte[] AsSentToInternet(byte[] output) => new UnderlayFrame(output).Inner[14..];

    /// <summary>An ICMPv4 error from the internet host to <paramref name="destination"/> quoting <paramref name="quoted"/>, as boundary services deliver it.</summary>
    private static byte[] ErrorFromInternet(IPAddress destination, byte type, byte code, byte[] quoted)
    {
        byte[] icmp = [type, code, 0, 0, 0, 0, 0, 0, .. quoted];
        byte[] error = TestFrames.Ethernet(TestFrames.GuestMac, s_boundaryMac, 0x0800, TestFrames.Ipv4(VpcScenario.InternetHost, destination, 1, icmp));
        return OverlayFrames.Geneve(error, 99, IPAddress.Parse("fd00:99::1"), IPAddress.Parse("fd00:aaaa::1"), external: true);
    }

    [Fact]
    public void Port_unreachable_to_snat_ip_quotes_the_guests_address_and_port_with_valid_checksums()
    {
        var s = SnatScenario();
        byte[] datagram = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, 40000, 33434, new byte[12]);
        var (sent, output) = s.Outbound(datagram);
        Assert.Equal(ProcessOutcome.Modified, sent.Outcome);
        byte[] onInternet = AsSentToInternet(output);
        Assert.Equal(65535, ((UdpPacket)new IPv4Packet(new PacketDotNet.Utils.ByteArraySegment(onInternet)).PayloadPacket).SourcePort);
        byte[] wire = ErrorFromInternet(s_snat, 3, 3, onInternet);

        var (result, delivered) = s.AssertDeltas(() => s.Inbound(wire),
            ("in_modified", 1), ("in_uft_miss", 1), ("uft_in_flows", 1), ("nat.flows", 1), ("firewall.flows", 1));

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.Equal(VpcScenario.InternetHost, ip.SourceAddress);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.True(ip.ValidIPChecksum);
        var message = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(IcmpV4TypeCode.UnreachablePort, message.TypeCode);
        Assert.True(message.ValidIcmpChecksum);
        var quoted = new IPv4Packet(new PacketDotNet.Utils.ByteArraySegment(message.PayloadData));
        Assert.Equal(TestFrames.PrivateIpv4, quoted.SourceAddress);
        Assert.Equal(VpcScenario.InternetHost, quoted.DestinationAddress);
        Assert.True(quoted.ValidIPChecksum);
        var quotedUdp = (UdpPacket)quoted.PayloadPacket;
        Assert.Equal(40000, quotedUdp.SourcePort);
        Assert.Equal(33434, quotedUdp.DestinationPort);
        Assert.True(quotedUdp.ValidUdpChecksum);
        Assert.Equal(0, s.Port.Nat.IcmpErrorsUntranslated);

        string pcap = PcapFile.Write("scenario-icmp-error-snat", wire, delivered);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "ip.src", "ip.checksum.status", "icmp.checksum.status", "udp.srcport", "udp.checksum.status");
        Assert.Equal("198.51.100.77,172.30.0.5", decoded["ip.src"]); // outer source, then the quoted (translated) source
        Assert.Equal("1,1", decoded["ip.checksum.status"]);
        Assert.Equal("1", decoded["icmp.checksum.status"]);
        Assert.Equal("40000", decoded["udp.srcport"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
    }

    [Fact]
    public void Time_exceeded_for_a_snat_ping_quotes_the_guests_echo_identifier()
    {
        var s = SnatScenario();
        var (sent, output) = s.Outbound(TestFrames.PingV4(VpcScenario.InternetHost, 0x1234, 7, new byte[16]));
        Assert.Equal(ProcessOutcome.Modified, sent.Outcome);
        byte[] wire = ErrorFromInternet(s_snat, 11, 0, AsSentToInternet(output));

        var (result, delivered) = s.Inbound(wire);

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered);
        var message = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(0x0B00, (int)message.TypeCode); // time exceeded, TTL exceeded in transit
        Assert.True(message.ValidIcmpChecksum);
        var quoted = new IPv4Packet(new PacketDotNet.Utils.ByteArraySegment(message.PayloadData));
        Assert.Equal(TestFrames.PrivateIpv4, quoted.SourceAddress);
        Assert.True(quoted.ValidIPChecksum);
        var quotedEcho = (IcmpV4Packet)quoted.PayloadPacket;
        Assert.Equal(IcmpV4TypeCode.EchoRequest, quotedEcho.TypeCode);
        Assert.Equal(0x1234, quotedEcho.Id);
        Assert.Equal(7, quotedEcho.Sequence);
        Assert.True(quotedEcho.ValidIcmpChecksum);
        PcapFile.Write("scenario-icmp-error-snat-echo", wire, delivered);
    }

    [Fact]
    public void Errors_about_two_snat_flows_share_one_error_flow_yet_each_quotes_its_own_guest_port()
    {
        var s = SnatScenario();
        byte[] Error(ushort guestPort)
        {
            var (_, output) = s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4,
                VpcScenario.InternetHost, guestPort, 33434, new byte[12]));
            return ErrorFromInternet(s_snat, 3, 3, AsSentToInternet(output));
        }

        byte[] first = Error(40000);
        byte[] second = Error(40001);
        Assert.Equal(ProcessOutcome.Modified, s.Inbound(first).Result.Outcome);

        // Same remote, same ICMP type and code: the second error is a UFT hit on the first one's entry.
        var (result, delivered) = s.AssertDeltas(() => s.Inbound(second), ("in_modified", 1), ("in_uft_hit", 1));

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var message = ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered)).Extract<IcmpV4Packet>();
        Assert.True(message.ValidIcmpChecksum);
        var quoted = new IPv4Packet(new PacketDotNet.Utils.ByteArraySegment(message.PayloadData));
        Assert.Equal(TestFrames.PrivateIpv4, quoted.SourceAddress);
        var quotedUdp = (UdpPacket)quoted.PayloadPacket;
        Assert.Equal(40001, quotedUdp.SourcePort);
        Assert.True(quotedUdp.ValidUdpChecksum);
    }

    [Fact]
    public void Icmp_error_quoting_no_snat_flow_is_dropped_and_counted()
    {
        var s = SnatScenario();
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac,
            TestFrames.PrivateIpv4, VpcScenario.InternetHost, 40000, 33434, new byte[12])).Result.Outcome);
        // A datagram from the SNAT address on a port no flow holds.
        byte[] stray = TestFrames.Ipv4(s_snat, VpcScenario.InternetHost, 17, TestFrames.Udp(2000, 33434, new byte[12]));

        var (result, _) = s.Inbound(ErrorFromInternet(s_snat, 3, 3, stray));

        Assert.Equal(ProcessOutcome.Error, result.Outcome);
        Assert.Equal(1, s.Port.Nat.IcmpErrorsUntranslated);
    }

    [Fact]
    public void Port_unreachable_to_floating_ip_quotes_the_private_address_with_valid_checksums()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(null, null, [VpcScenario.FloatingIp])).WithStandardRoutes().AllowInbound();
        var floating = IPAddress.Parse("203.0.113.30");
        // What the guest's datagram looked like on the internet (after 1:1 NAT), as the remote host quotes it.
        byte[] quotedDatagram = TestFrames.Ipv4(floating, VpcScenario.InternetHost, 17, TestFrames.Udp(33434, 33435, new byte[12]));
        byte[] icmp = [3, 3, 0, 0, 0, 0, 0, 0, .. quotedDatagram];
        byte[] error = TestFrames.Ethernet(TestFrames.GuestMac, [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77], 0x0800,
            TestFrames.Ipv4(VpcScenario.InternetHost, floating, 1, icmp));
        byte[] wire = OverlayFrames.Geneve(error, 99, IPAddress.Parse("fd00:99::1"), IPAddress.Parse("fd00:aaaa::1"), external: true);

        var (result, delivered) = s.Inbound(wire);

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered);
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.True(ip.ValidIPChecksum);
        var message = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(IcmpV4TypeCode.UnreachablePort, message.TypeCode);
        Assert.True(message.ValidIcmpChecksum);

        string pcap = PcapFile.Write("scenario-icmp-error-1to1", wire, delivered);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "ip.src", "ip.checksum.status", "icmp.checksum.status", "udp.checksum.status");
        Assert.Equal("198.51.100.77,172.30.0.5", decoded["ip.src"]); // outer source, then the quoted (translated) source
        Assert.Equal("1,1", decoded["ip.checksum.status"]);
        Assert.Equal("1", decoded["icmp.checksum.status"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
    }
}
