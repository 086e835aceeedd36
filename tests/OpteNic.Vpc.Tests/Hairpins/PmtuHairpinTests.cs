using System.Net;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Hairpins;

/// <summary>Beyond OPTE: packets larger than the path get an ICMP error from the gateway instead of a silent drop.</summary>
public class PmtuHairpinTests
{
    private readonly GatewayResponder _gateway = StandardGateway.Create();

    private static byte[] BigUdpV4(bool dontFragment)
    {
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, IPAddress.Parse("198.51.100.7"), 5000, 9, new byte[1472]);
        if (dontFragment)
        {
            frame[20] = 0x40;
            frame[24] = 0;
            frame[25] = 0;
            uint sum = 0;
            for (int i = 14; i < 34; i += 2)
            {
                sum += (uint)(frame[i] << 8 | frame[i + 1]);
            }

            sum = (sum & 0xFFFF) + (sum >> 16);
            sum = (sum & 0xFFFF) + (sum >> 16);
            frame[24] = (byte)(~sum >> 8);
            frame[25] = (byte)~sum;
        }

        return frame;
    }

    [Fact]
    public void Oversized_ipv4_with_dont_fragment_gets_fragmentation_needed_with_mtu()
    {
        byte[] request = BigUdpV4(dontFragment: true);
        byte[] reply = new byte[2048];
        HairpinResult result = _gateway.RespondPacketTooBig(request, 1400, reply);

        Assert.Equal(HairpinResult.Replied(14 + 576), result);
        byte[] frame = reply.AsSpan(0, result.Length).ToArray();
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, frame);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.Equal(TestFrames.GatewayIpv4, ip.SourceAddress);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.True(ip.ValidIPChecksum);
        var icmp = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(IcmpV4TypeCode.UnreachableFragmentationNeeded, icmp.TypeCode);
        Assert.True(icmp.ValidIcmpChecksum);

        string pcap = PcapFile.Write("pmtu-ipv4-frag-needed", request, frame);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmp.type", "icmp.code", "icmp.mtu", "icmp.checksum.status", "ip.dst");
        Assert.Equal("3", decoded["icmp.type"]);
        Assert.Equal("4", decoded["icmp.code"]);
        Assert.Equal("1400", decoded["icmp.mtu"]);
        Assert.Equal("1", decoded["icmp.checksum.status"]);
        // The quoted packet is the guest's own: its destination appears as the second ip.dst.
        Assert.Equal("172.30.0.5,198.51.100.7", decoded["ip.dst"]);
    }

    [Fact]
    public void Oversized_ipv6_gets_packet_too_big()
    {
        byte[] request = OverlayFrames.UdpV6(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv6, IPAddress.Parse("2001:db8::7"), 5000, 9, new byte[1452]);
        byte[] reply = new byte[2048];
        HairpinResult result = _gateway.RespondPacketTooBig(request, 1400, reply);

        Assert.Equal(HairpinResult.Replied(14 + 1280), result);
        byte[] frame = reply.AsSpan(0, result.Length).ToArray();
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, frame);
        Assert.Equal(TestFrames.PrivateIpv6, ethernet.Extract<IPv6Packet>().DestinationAddress);
        Assert.True(ethernet.Extract<IcmpV6Packet>().ValidIcmpChecksum);

        string pcap = PcapFile.Write("pmtu-ipv6-packet-too-big", request, frame);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmpv6.type", "icmpv6.mtu", "icmpv6.checksum.status");
        Assert.Equal("2", decoded["icmpv6.type"]);
        Assert.Equal("1400", decoded["icmpv6.mtu"]);
        Assert.Equal("1", decoded["icmpv6.checksum.status"]);
    }

    [Fact]
    public void Fitting_packets_and_ipv4_without_dont_fragment_are_not_applicable()
    {
        byte[] reply = new byte[2048];
        Assert.Equal(HairpinVerdict.NotApplicable, _gateway.RespondPacketTooBig(BigUdpV4(dontFragment: true), 1500, reply).Verdict);
        Assert.Equal(HairpinVerdict.NotApplicable, _gateway.RespondPacketTooBig(BigUdpV4(dontFragment: false), 1400, reply).Verdict);
    }
}
