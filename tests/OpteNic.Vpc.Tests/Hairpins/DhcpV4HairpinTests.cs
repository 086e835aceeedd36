using System.Net;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Hairpins;

public class DhcpV4HairpinTests
{
    private const byte Discover = 1;
    private const byte Request = 3;
    private readonly GatewayResponder _gateway = StandardGateway.Create();

    private static readonly string[] s_fields =
    [
        "eth.dst", "ip.src", "ip.dst", "ip.checksum.status", "udp.srcport", "udp.dstport", "udp.checksum.status",
        "dhcp.type", "dhcp.id", "dhcp.flags.bc", "dhcp.ip.your", "dhcp.hw.mac_addr", "dhcp.cookie", "dhcp.option.type", "dhcp.option.dhcp",
        "dhcp.option.dhcp_server_id", "dhcp.option.ip_address_lease_time", "dhcp.option.subnet_mask", "dhcp.option.router",
        "dhcp.option.domain_name_server", "dhcp.option.hostname", "dhcp.option.domain_name",
        "dhcp.option.dhcp_dns_domain_search_list_fqdn", "dhcp.option.classless_static_route", "dhcp.option.end",
    ];

    [Fact]
    public void Discover_gets_offer_with_every_option_in_order()
    {
        byte[] request = TestFrames.DhcpV4(0xDEADBEEF, broadcast: false, TestFrames.GuestMac, null, TestFrames.MessageType(Discover), (55, [1, 3, 6, 12, 15, 119, 121]));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.True(ip.ValidIPChecksum);
        Assert.Equal(TestFrames.GatewayIpv4, ip.SourceAddress);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        var udp = ethernet.Extract<UdpPacket>();
        Assert.True(udp.ValidUdpChecksum);
        Assert.Equal(67, udp.SourcePort);
        Assert.Equal(68, udp.DestinationPort);
        var dhcp = ethernet.Extract<DhcpV4Packet>();
        Assert.Equal(DhcpV4Operation.BootReply, dhcp.Operation);
        Assert.Equal(0xDEADBEEFu, dhcp.TransactionId);
        Assert.Equal(DhcpV4MessageType.Offer, dhcp.MessageType);
        Assert.Equal(TestFrames.PrivateIpv4, dhcp.YourAddress);
        Assert.Equal(IPAddress.Any, dhcp.ClientAddress);
        Assert.Equal(TestFrames.GuestMac, dhcp.ClientHardwareAddress.GetAddressBytes());
        Assert.True(udp.Length - 8 >= GatewayResponder.MinimumBootpLength);

        string pcap = PcapFile.Write("dhcp4-discover-offer", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("1", decoded["ip.checksum.status"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
        Assert.Equal("67", decoded["udp.srcport"]);
        Assert.Equal("68", decoded["udp.dstport"]);
        Assert.Equal("2", decoded["dhcp.type"]);
        Assert.Equal("0xdeadbeef", decoded["dhcp.id"]);
        Assert.Equal("172.30.0.5", decoded["dhcp.ip.your"]);
        Assert.Equal("a8:40:25:f0:00:05", decoded["dhcp.hw.mac_addr"]);
        // End (255) is reported in its own field; the 0 after it is the padding up to 300 bytes.
        Assert.Equal("53,54,51,1,3,121,6,12,15,119,0", decoded["dhcp.option.type"]);
        Assert.Equal("255", decoded["dhcp.option.end"]);
        Assert.Equal("2", decoded["dhcp.option.dhcp"]);
        Assert.Equal("172.30.0.1", decoded["dhcp.option.dhcp_server_id"]);
        Assert.Equal("86400", decoded["dhcp.option.ip_address_lease_time"]);
        Assert.Equal("255.255.255.255", decoded["dhcp.option.subnet_mask"]);
        Assert.Equal("172.30.0.1", decoded["dhcp.option.router"]);
        Assert.Equal("172.30.0.53,172.30.0.54", decoded["dhcp.option.domain_name_server"]);
        Assert.Equal("web1", decoded["dhcp.option.hostname"]);
        Assert.Equal("vpc.oxide.internal", decoded["dhcp.option.domain_name"]);
        Assert.Equal(string.Join(',', StandardGateway.SearchDomains), decoded["dhcp.option.dhcp_dns_domain_search_list_fqdn"]);
    }

    [Fact]
    public void Offer_classless_routes_put_gateway_on_link_then_default_via_gateway()
    {
        byte[] request = TestFrames.DhcpV4(1, broadcast: false, TestFrames.GuestMac, null, TestFrames.MessageType(Discover));
        var (_, reply) = StandardGateway.Answer(_gateway, request);
        var dhcp = ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply)).Extract<DhcpV4Packet>();
        var routes = dhcp.GetOptions().Single(o => (int)o.OptionType == 121);
        Assert.Equal(new byte[] { 32, 172, 30, 0, 1, 0, 0, 0, 0, 0, 172, 30, 0, 1 }, routes.Data);

        string pcap = PcapFile.Write("dhcp4-classless-routes", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "dhcp.option.classless_static_route");
// Wireshark splits the option into its two routes (width, significant destination octets, router).
        Assert.Equal("20ac1e000100000000,00ac1e0001", decoded["dhcp.option.classless_static_route"]);
    }

    [Fact]
    public void Request_gets_ack_with_same_options()
    {
        byte[] request = TestFrames.DhcpV4(0x01020304, broadcast: false, TestFrames.GuestMac, null,
            TestFrames.MessageType(Request), (50, TestFrames.PrivateIpv4.GetAddressBytes()), (54, TestFrames.GatewayIpv4.GetAddressBytes()));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var dhcp = ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply)).Extract<DhcpV4Packet>();
        Assert.Equal(DhcpV4MessageType.Ack, dhcp.MessageType);
        Assert.Equal(TestFrames.PrivateIpv4, dhcp.YourAddress);

        string pcap = PcapFile.Write("dhcp4-request-ack", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("5", decoded["dhcp.option.dhcp"]);
        // End (255) is reported in its own field; the 0 after it is the padding up to 300 bytes.
        Assert.Equal("53,54,51,1,3,121,6,12,15,119,0", decoded["dhcp.option.type"]);
        Assert.Equal("255", decoded["dhcp.option.end"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
    }

    [Fact]
    public void Broadcast_flag_gets_broadcast_reply()
    {
        byte[] request = TestFrames.DhcpV4(7, broadcast: true, TestFrames.GuestMac, null, TestFrames.MessageType(Discover));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.BroadcastMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(IPAddress.Broadcast, ethernet.Extract<IPv4Packet>().DestinationAddress);
        Assert.True(ethernet.Extract<UdpPacket>().ValidUdpChecksum);

        string pcap = PcapFile.Write("dhcp4-broadcast", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("1", decoded["dhcp.flags.bc"]);
        Assert.Equal("255.255.255.255", decoded["ip.dst"]);
    }

    [Fact]
    public void Renewal_from_client_address_gets_unicast_ack_echoing_ciaddr()
    {
        byte[] request = TestFrames.DhcpV4(9, broadcast: false, TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.MessageType(Request));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        var dhcp = ethernet.Extract<DhcpV4Packet>();
        Assert.Equal(DhcpV4MessageType.Ack, dhcp.MessageType);
        Assert.Equal(TestFrames.PrivateIpv4, dhcp.ClientAddress);
        Assert.Equal(TestFrames.PrivateIpv4, ethernet.Extract<IPv4Packet>().DestinationAddress);
    }

    [Fact]
    public void Request_for_another_address_gets_nak_broadcast()
    {
        byte[] request = TestFrames.DhcpV4(11, broadcast: false, TestFrames.GuestMac, null,
            TestFrames.MessageType(Request), (50, [192, 168, 7, 7]));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.BroadcastMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        var dhcp = ethernet.Extract<DhcpV4Packet>();
        Assert.Equal(DhcpV4MessageType.Nak, dhcp.MessageType);
        Assert.Equal(IPAddress.Any, dhcp.YourAddress);

        string pcap = PcapFile.Write("dhcp4-nak", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("53,54,0", decoded["dhcp.option.type"]);
        Assert.Equal("255", decoded["dhcp.option.end"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
    }

    [Fact]
    public void Request_naming_another_server_is_not_answered()
    {
        byte[] request = TestFrames.DhcpV4(12, broadcast: false, TestFrames.GuestMac, null,
            TestFrames.MessageType(Request), (54, [172, 30, 0, 99]));
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Theory]
    [InlineData(4)] // decline
    [InlineData(7)] // release
    [InlineData(8)] // inform
    public void Other_message_types_are_not_answered(byte messageType)
    {
        byte[] request = TestFrames.DhcpV4(13, broadcast: false, TestFrames.GuestMac, null, TestFrames.MessageType(messageType));
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Bootp_without_message_type_is_malformed()
    {
        byte[] request = TestFrames.DhcpV4(14, broadcast: false, TestFrames.GuestMac, null);
        Assert.Equal(HairpinVerdict.Malformed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Discover_truncated_at_every_length_never_replies()
    {
        byte[] request = TestFrames.DhcpV4(15, broadcast: false, TestFrames.GuestMac, null, TestFrames.MessageType(Discover));
        byte[] reply = new byte[1024];
        for (int length = 0; length < request.Length; length++)
        {
            Assert.NotEqual(HairpinVerdict.Reply, _gateway.Respond(request.AsSpan(0, length), reply).Verdict);
        }
    }

    [Fact]
    public void Search_list_uses_rfc1035_compression_pointers()
    {
        byte[] request = TestFrames.DhcpV4(16, broadcast: false, TestFrames.GuestMac, null, TestFrames.MessageType(Discover));
        var (_, reply) = StandardGateway.Answer(_gateway, request);
        var dhcp = ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply)).Extract<DhcpV4Packet>();
        byte[] search = dhcp.GetOptions().Single(o => (int)o.OptionType == 119).Data;
        // vpc.oxide.internal written out (20 bytes); "sys" + pointer to offset 0; "oxide.internal" = pointer to 4;
        // example.test written out.
        byte[] expected =
        [
            3, (byte)'v', (byte)'p', (byte)'c', 5, (byte)'o', (byte)'x', (byte)'i', (byte)'d', (byte)'e',
            8, (byte)'i', (byte)'n', (byte)'t', (byte)'e', (byte)'r', (byte)'n', (byte)'a', (byte)'l', 0,
            3, (byte)'s', (byte)'y', (byte)'s', 0xC0, 0,
            0xC0, 4,
            7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0,
        ];
        Assert.Equal(expected, search);
    }

    [Fact]
    public void Options_that_do_not_fit_a_576_byte_reply_are_rejected_at_configuration()
    {
        var options = StandardGateway.Options();
        var tooMany = new GatewayResponderOptions
        {
            GuestMac = options.GuestMac,
            GatewayMac = options.GatewayMac,
            PrivateIpv4 = options.PrivateIpv4,
            GatewayIpv4 = options.GatewayIpv4,
            SearchDomains = [.. Enumerable.Range(0, 20).Select(i => $"domain{i}.tenant{i}.example")],
        };
        var error = Assert.Throws<ArgumentException>(() => new GatewayResponder(tooMany));
        Assert.Contains("548", error.Message, StringComparison.Ordinal);
    }
}
