using System.Net;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Hairpins;

public class DhcpV6HairpinTests
{
    private const byte Solicit = 1;
    private const byte Request = 3;
    private const byte Confirm = 4;
    private const byte Renew = 5;
    private const byte InformationRequest = 11;
    private static readonly byte[] s_rapidCommit = TestFrames.DhcpV6Option(14, []);
    private static readonly byte[] s_serverId = TestFrames.DhcpV6Option(2, [0, 3, 0, 1, .. TestFrames.GatewayMac]);
    private readonly GatewayResponder _gateway = StandardGateway.Create();

    private static readonly string[] s_fields =
    [
        "eth.dst", "eth.src", "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", "udp.checksum.status",
        "dhcpv6.msgtype", "dhcpv6.xid", "dhcpv6.option.type", "dhcpv6.duid.type", "dhcpv6.duidll.hwtype", "dhcpv6.duidll.link_layer_addr",
        "dhcpv6.duidllt.link_layer_addr", "dhcpv6.iaid", "dhcpv6.iaid.t1", "dhcpv6.iaid.t2", "dhcpv6.iaaddr.ip", "dhcpv6.iaaddr.pref_lifetime",
        "dhcpv6.iaaddr.valid_lifetime", "dhcpv6.dns_server", "dhcpv6.search_list_entry", "dhcpv6.client_domain", "dhcpv6.option_preference",
        "dhcpv6.status_code", "dhcpv6.clientfqdn.server.n", "dhcpv6.clientfqdn.server.s",
    ];

    [Fact]
    public void Solicit_gets_advertise_with_address_dns_domains_fqdn_and_preference()
    {
        byte[] request = TestFrames.DhcpV6(Solicit, 0xABCDEF, TestFrames.ClientIdOption, TestFrames.IaNaOption(), TestFrames.DhcpV6Option(8, [0, 0]));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv6Packet>();
        Assert.Equal(TestFrames.GatewayLinkLocal, ip.SourceAddress);
        Assert.Equal(TestFrames.GuestLinkLocal, ip.DestinationAddress);
        var udp = ethernet.Extract<UdpPacket>();
        Assert.True(udp.ValidUdpChecksum);
        Assert.Equal(547, udp.SourcePort);
        Assert.Equal(546, udp.DestinationPort);

        string pcap = PcapFile.Write("dhcp6-solicit-advertise", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("1", decoded["udp.checksum.status"]);
        Assert.Equal("2", decoded["dhcpv6.msgtype"]);
        Assert.Equal("0xabcdef", decoded["dhcpv6.xid"]);
        Assert.Equal("1,2,3,5,7,23,24,39", decoded["dhcpv6.option.type"]);
        Assert.Equal("1,3", decoded["dhcpv6.duid.type"]); // client DUID-LLT echoed, server DUID-LL
        Assert.Equal("a8:40:25:f0:00:05", decoded["dhcpv6.duidllt.link_layer_addr"]);
        Assert.Equal("1", decoded["dhcpv6.duidll.hwtype"]);
        Assert.Equal("a8:40:25:ff:77:77", decoded["dhcpv6.duidll.link_layer_addr"]);
        Assert.Equal("0a0b0c0d", decoded["dhcpv6.iaid"]);
        Assert.Equal("4294967295", decoded["dhcpv6.iaid.t1"]);
        Assert.Equal("4294967295", decoded["dhcpv6.iaid.t2"]);
        Assert.Equal("fd00:1122:3344:101::5", decoded["dhcpv6.iaaddr.ip"]);
        Assert.Equal("4294967295", decoded["dhcpv6.iaaddr.pref_lifetime"]);
        Assert.Equal("4294967295", decoded["dhcpv6.iaaddr.valid_lifetime"]);
        Assert.Equal("fd00:1122:3344:1::53", decoded["dhcpv6.dns_server"]);
        // Wireshark prints DHCPv6 names fully qualified (trailing root label).
        Assert.Equal(string.Join(',', StandardGateway.SearchDomains.Select(d => d + ".")), decoded["dhcpv6.search_list_entry"]);
        Assert.Equal("web1.vpc.oxide.internal.", decoded["dhcpv6.client_domain"]);
        Assert.Equal("255", decoded["dhcpv6.option_preference"]);
        Assert.Equal("1", decoded["dhcpv6.clientfqdn.server.n"]);
        Assert.Equal("0", decoded["dhcpv6.clientfqdn.server.s"]);
    }

    [Fact]
    public void Solicit_with_rapid_commit_gets_reply_at_once()
    {
        byte[] request = TestFrames.DhcpV6(Solicit, 0x010203, TestFrames.ClientIdOption, s_rapidCommit, TestFrames.IaNaOption());
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        string pcap = PcapFile.Write("dhcp6-solicit-rapid-commit", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("7", decoded["dhcpv6.msgtype"]);
        Assert.Equal("0x010203", decoded["dhcpv6.xid"]);
        Assert.Equal("1,2,3,5,14,23,24,39", decoded["dhcpv6.option.type"]);
        Assert.Equal("fd00:1122:3344:101::5", decoded["dhcpv6.iaaddr.ip"]);
    }

    [Fact]
    public void Request_with_our_server_id_gets_reply_with_address()
    {
        byte[] request = TestFrames.DhcpV6(Request, 0x0000FF, TestFrames.ClientIdOption, s_serverId, TestFrames.IaNaOption(TestFrames.PrivateIpv6));
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        string pcap = PcapFile.Write("dhcp6-request-reply", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        Assert.Equal("7", decoded["dhcpv6.msgtype"]);
        Assert.Equal("0x0000ff", decoded["dhcpv6.xid"]);
        Assert.Equal("fd00:1122:3344:101::5", decoded["dhcpv6.iaaddr.ip"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
    }

    [Fact]
    public void Request_for_another_server_is_not_answered()
    {
        byte[] otherServer = TestFrames.DhcpV6Option(2, [0, 3, 0, 1, 2, 0, 0, 0, 0, 1]);
        byte[] request = TestFrames.DhcpV6(Request, 1, TestFrames.ClientIdOption, otherServer, TestFrames.IaNaOption());
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Request_without_server_id_is_malformed()
    {
        byte[] request = TestFrames.DhcpV6(Request, 1, TestFrames.ClientIdOption, TestFrames.IaNaOption());
        Assert.Equal(HairpinVerdict.Malformed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Solicit_without_client_id_is_malformed()
    {
        byte[] request = TestFrames.DhcpV6(Solicit, 1, TestFrames.IaNaOption());
        Assert.Equal(HairpinVerdict.Malformed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Confirm_of_our_address_gets_success_and_of_another_gets_not_on_link()
    {
        byte[] ours = TestFrames.DhcpV6(Confirm, 5, TestFrames.ClientIdOption, TestFrames.IaNaOption(TestFrames.PrivateIpv6));
        byte[] theirs = TestFrames.DhcpV6(Confirm, 6, TestFrames.ClientIdOption, TestFrames.IaNaOption(IPAddress.Parse("fd00:9::9")));
        var (okResult, okReply) = StandardGateway.Answer(_gateway, ours);
        var (badResult, badReply) = StandardGateway.Answer(_gateway, theirs);

        Assert.True(okResult.IsReply);
        Assert.True(badResult.IsReply);
        string pcap = PcapFile.Write("dhcp6-confirm", ours, okReply, theirs, badReply);
        var ok = Tshark.DecodeSingleReply(pcap, 1, s_fields);
        var bad = Tshark.DecodeSingleReply(pcap, 3, s_fields);
        Assert.Equal("7", ok["dhcpv6.msgtype"]);
        Assert.Equal("1,2,13", ok["dhcpv6.option.type"]);
        Assert.Equal("0", ok["dhcpv6.status_code"]);
        Assert.Equal("4", bad["dhcpv6.status_code"]);
    }

    [Fact]
    public void Confirm_without_addresses_is_suppressed()
    {
        byte[] request = TestFrames.DhcpV6(Confirm, 5, TestFrames.ClientIdOption, TestFrames.IaNaOption());
        Assert.Equal(HairpinVerdict.Suppressed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Renew_and_information_request_get_replies()
    {
        byte[] renew = TestFrames.DhcpV6(Renew, 8, TestFrames.ClientIdOption, s_serverId, TestFrames.IaNaOption(TestFrames.PrivateIpv6));
        byte[] information = TestFrames.DhcpV6(InformationRequest, 9, TestFrames.ClientIdOption);
        var (renewResult, renewReply) = StandardGateway.Answer(_gateway, renew);
        var (infoResult, infoReply) = StandardGateway.Answer(_gateway, information);

        Assert.True(renewResult.IsReply);
        Assert.True(infoResult.IsReply);
        string pcap = PcapFile.Write("dhcp6-renew-information", renew, renewReply, information, infoReply);
        Assert.Equal("1,2,3,5,23,24,39", Tshark.DecodeSingleReply(pcap, 1, s_fields)["dhcpv6.option.type"]);
        Assert.Equal("1,2,23,24,39", Tshark.DecodeSingleReply(pcap, 3, s_fields)["dhcpv6.option.type"]);
    }

    [Fact]
    public void Solicit_truncated_at_every_length_never_replies()
    {
        byte[] request = TestFrames.DhcpV6(Solicit, 1, TestFrames.ClientIdOption, s_rapidCommit, TestFrames.IaNaOption());
        byte[] reply = new byte[1024];
        for (int length = 0; length < request.Length; length++)
        {
            Assert.NotEqual(HairpinVerdict.Reply, _gateway.Respond(request.AsSpan(0, length), reply).Verdict);
        }
    }
}
