using System.Net;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Hairpins;

public class EchoHairpinTests
{
    private static readonly byte[] s_payload = [.. Enumerable.Range(0, 56).Select(i => (byte)i)];
    private readonly GatewayResponder _gateway = StandardGateway.Create();

    [Fact]
    public void Icmpv4_echo_to_gateway_gets_reply_with_same_id_sequence_and_data()
    {
        byte[] request = TestFrames.PingV4(TestFrames.GatewayIpv4, 0x4D2, 7, s_payload);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.Equal(HairpinResult.Replied(14 + 20 + 8 + 56), result);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.True(ip.ValidIPChecksum);
        Assert.Equal(TestFrames.GatewayIpv4, ip.SourceAddress);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.Equal(GatewayResponder.Ipv4Ttl, ip.TimeToLive);
        var icmp = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(IcmpV4TypeCode.EchoReply, icmp.TypeCode);
        Assert.True(icmp.ValidIcmpChecksum);
        Assert.Equal(0x4D2, icmp.Id);
        Assert.Equal(7, icmp.Sequence);
        Assert.Equal(s_payload, icmp.Data);

        string pcap = PcapFile.Write("icmp4-echo-gateway", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmp.type", "icmp.ident", "icmp.seq", "icmp.checksum.status", "ip.checksum.status", "ip.src", "ip.dst");
        Assert.Equal("0", decoded["icmp.type"]);
        Assert.Equal("1234", decoded["icmp.ident"]);
        Assert.Equal("7", decoded["icmp.seq"]);
        Assert.Equal("1", decoded["icmp.checksum.status"]);
        Assert.Equal("1", decoded["ip.checksum.status"]);
        Assert.Equal("172.30.0.1", decoded["ip.src"]);
        Assert.Equal("172.30.0.5", decoded["ip.dst"]);
    }

    [Fact]
    public void Icmpv4_echo_to_other_destination_is_not_answered()
    {
        byte[] request = TestFrames.PingV4(IPAddress.Parse("172.30.0.7"), 1, 1, s_payload);
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Icmpv6_echo_to_gateway_link_local_gets_reply()
    {
        byte[] request = TestFrames.PingV6(TestFrames.GatewayLinkLocal, 0x77, 3, s_payload);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.Equal(HairpinResult.Replied(14 + 40 + 8 + 56), result);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv6Packet>();
        Assert.Equal(TestFrames.GatewayLinkLocal, ip.SourceAddress);
        Assert.Equal(TestFrames.GuestLinkLocal, ip.DestinationAddress);
        Assert.Equal(255, ip.HopLimit);
        var icmp = ethernet.Extract<IcmpV6Packet>();
        Assert.Equal(IcmpV6Type.EchoReply, icmp.Type);
        Assert.True(icmp.ValidIcmpChecksum);

        string pcap = PcapFile.Write("icmp6-echo-gateway", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmpv6.type", "icmpv6.echo.identifier", "icmpv6.echo.sequence_number", "icmpv6.checksum.status", "ipv6.src");
        Assert.Equal("129", decoded["icmpv6.type"]);
        Assert.Equal("0x0077", decoded["icmpv6.echo.identifier"]);
        Assert.Equal("3", decoded["icmpv6.echo.sequence_number"]);
        Assert.Equal("1", decoded["icmpv6.checksum.status"]);
        Assert.Equal("fe80::aa40:25ff:feff:7777", decoded["ipv6.src"]);
    }

    [Fact]
    public void Gateway_link_local_is_eui64_of_gateway_mac()
    {
        Assert.Equal(TestFrames.GatewayLinkLocal.GetAddressBytes(), _gateway.GatewayLinkLocal.ToArray());
    }

    [Fact]
    public void Echo_truncated_at_every_length_never_replies()
    {
        byte[] request = TestFrames.PingV4(TestFrames.GatewayIpv4, 1, 1, s_payload);
        byte[] reply = new byte[256];
        for (int length = 0; length < request.Length; length++)
        {
            Assert.NotEqual(HairpinVerdict.Reply, _gateway.Respond(request.AsSpan(0, length), reply).Verdict);
        }

        byte[] request6 = TestFrames.PingV6(TestFrames.GatewayLinkLocal, 1, 1, s_payload);
        for (int length = 0; length < request6.Length; length++)
        {
            Assert.NotEqual(HairpinVerdict.Reply, _gateway.Respond(request6.AsSpan(0, length), reply).Verdict);
        }
    }
}
