using System.Net;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Hairpins;

public class ArpHairpinTests
{
    private readonly GatewayResponder _gateway = StandardGateway.Create();

    [Fact]
    public void Arp_request_for_gateway_gets_reply_with_gateway_mac()
    {
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.Equal(HairpinResult.Replied(42), result);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var arp = ethernet.Extract<ArpPacket>();
        Assert.Equal(ArpOperation.Response, arp.Operation);
        Assert.Equal(TestFrames.GatewayMac, arp.SenderHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayIpv4, arp.SenderProtocolAddress);
        Assert.Equal(TestFrames.GuestMac, arp.TargetHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.PrivateIpv4, arp.TargetProtocolAddress);

        string pcap = PcapFile.Write("arp-gateway", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "eth.dst", "eth.src", "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4");
        Assert.Equal("a8:40:25:f0:00:05", decoded["eth.dst"]);
        Assert.Equal("a8:40:25:ff:77:77", decoded["eth.src"]);
        Assert.Equal("2", decoded["arp.opcode"]);
        Assert.Equal("a8:40:25:ff:77:77", decoded["arp.src.hw_mac"]);
        Assert.Equal("172.30.0.1", decoded["arp.src.proto_ipv4"]);
        Assert.Equal("a8:40:25:f0:00:05", decoded["arp.dst.hw_mac"]);
        Assert.Equal("172.30.0.5", decoded["arp.dst.proto_ipv4"]);
    }

    [Fact]
    public void Arp_request_for_another_address_is_not_answered()
    {
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, IPAddress.Parse("172.30.0.9"));
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Arp_reply_from_guest_is_not_answered()
    {
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4, operation: 2);
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Arp_for_ipv6_only_port_is_not_configured()
    {
        var options = StandardGateway.Options();
        var v6Only = new GatewayResponder(new GatewayResponderOptions
        {
            GuestMac = options.GuestMac,
            GatewayMac = options.GatewayMac,
            PrivateIpv6 = options.PrivateIpv6,
        });
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4);
        Assert.Equal(HairpinVerdict.NotConfigured, StandardGateway.Answer(v6Only, request).Result.Verdict);
    }

    [Fact]
    public void Arp_truncated_at_every_length_never_replies()
    {
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4);
        byte[] reply = new byte[128];
        for (int length = 0; length < request.Length; length++)
        {
            Assert.Equal(HairpinVerdict.Malformed, _gateway.Respond(request.AsSpan(0, length), reply).Verdict);
        }
    }

    [Fact]
    public void Arp_reply_into_short_buffer_reports_buffer_too_small()
    {
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4);
        Assert.Equal(HairpinVerdict.BufferTooSmall, _gateway.Respond(request, new byte[41]).Verdict);
    }
}
