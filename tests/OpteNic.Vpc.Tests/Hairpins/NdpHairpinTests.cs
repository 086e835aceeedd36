using System.Net;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;
using PacketDotNet.Ndp;

namespace OpteNic.Vpc.Tests.Hairpins;

public class NdpHairpinTests
{
    private static readonly IPAddress s_allNodes = IPAddress.Parse("ff02::1");
    private readonly GatewayResponder _gateway = StandardGateway.Create(mtu: 9000);

    [Fact]
    public void Router_solicitation_gets_managed_advertisement_with_mtu_and_gateway_mac()
    {
        byte[] request = TestFrames.RouterSolicitation(TestFrames.GuestLinkLocal, withSourceLinkLayer: true);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.Equal(HairpinResult.Replied(GatewayResponder.RouterAdvertisementLength), result);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv6Packet>();
        Assert.Equal(TestFrames.GatewayLinkLocal, ip.SourceAddress);
        Assert.Equal(TestFrames.GuestLinkLocal, ip.DestinationAddress);
        Assert.Equal(255, ip.HopLimit);
        var icmp = ethernet.Extract<IcmpV6Packet>();
        Assert.True(icmp.ValidIcmpChecksum);
        var ra = ethernet.Extract<NdpRouterAdvertisementPacket>();
        Assert.NotNull(ra);
        Assert.Equal(255, ra.CurrentHopLimit);
        Assert.True(ra.ManagedAddressConfiguration);
        Assert.False(ra.OtherConfiguration);
        Assert.Equal(9000, ra.RouterLifetime);
        Assert.Equal(0u, ra.ReachableTime);
        Assert.Equal(0u, ra.RetransmitTimer);
        Assert.Collection(ra.OptionsCollection,
            o => Assert.Equal(TestFrames.GatewayMac, Assert.IsType<NdpLinkLayerAddressOption>(o).LinkLayerAddress.GetAddressBytes()),
            o => Assert.Equal(9000u, Assert.IsType<NdpMtuOption>(o).Mtu));

        string pcap = PcapFile.Write("ndp-rs-ra", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmpv6.type", "icmpv6.checksum.status", "ipv6.hlim", "icmpv6.nd.ra.cur_hop_limit",
            "icmpv6.nd.ra.flag.m", "icmpv6.nd.ra.flag.o", "icmpv6.nd.ra.router_lifetime", "icmpv6.opt.type", "icmpv6.opt.linkaddr", "icmpv6.opt.mtu");
        Assert.Equal("134", decoded["icmpv6.type"]);
        Assert.Equal("1", decoded["icmpv6.checksum.status"]);
        Assert.Equal("255", decoded["ipv6.hlim"]);
        Assert.Equal("255", decoded["icmpv6.nd.ra.cur_hop_limit"]);
        Assert.Equal("1", decoded["icmpv6.nd.ra.flag.m"]);
        Assert.Equal("0", decoded["icmpv6.nd.ra.flag.o"]);
        Assert.Equal("9000", decoded["icmpv6.nd.ra.router_lifetime"]);
        Assert.Equal("1,5", decoded["icmpv6.opt.type"]);
        Assert.Equal("a8:40:25:ff:77:77", decoded["icmpv6.opt.linkaddr"]);
        Assert.Equal("9000", decoded["icmpv6.opt.mtu"]);
    }

    [Fact]
    public void Router_solicitation_from_unspecified_address_gets_advertisement_to_all_nodes()
    {
        byte[] request = TestFrames.RouterSolicitation(IPAddress.IPv6Any, withSourceLinkLayer: false);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal([0x33, 0x33, 0, 0, 0, 1], ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(s_allNodes, ethernet.Extract<IPv6Packet>().DestinationAddress);
        Assert.True(ethernet.Extract<IcmpV6Packet>().ValidIcmpChecksum);
        PcapFile.Write("ndp-rs-unspecified", request, reply);
    }

    [Theory]
    [InlineData(64, true)] // hop limit must be 255: the solicitation may have crossed a router
    [InlineData(255, false)] // an unspecified source must not carry a source link-layer option
    public void Invalid_router_solicitation_is_malformed(byte hopLimit, bool unspecifiedWithOption)
    {
        byte[] request = unspecifiedWithOption
            ? TestFrames.RouterSolicitation(TestFrames.GuestLinkLocal, withSourceLinkLayer: true, hopLimit)
            : TestFrames.RouterSolicitation(IPAddress.IPv6Any, withSourceLinkLayer: true, hopLimit);
        Assert.Equal(HairpinVerdict.Malformed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Neighbor_solicitation_for_gateway_gets_solicited_router_override_advertisement()
    {
        byte[] request = TestFrames.NeighborSolicitation(TestFrames.GuestLinkLocal, TestFrames.SolicitedNode(TestFrames.GatewayLinkLocal),
            TestFrames.GatewayLinkLocal, withSourceLinkLayer: true);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.Equal(HairpinResult.Replied(GatewayResponder.NeighborAdvertisementLength), result);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv6Packet>();
        Assert.Equal(TestFrames.GuestLinkLocal, ip.DestinationAddress);
        Assert.Equal(255, ip.HopLimit);
        var na = ethernet.Extract<NdpNeighborAdvertisementPacket>();
        Assert.True(na.Router);
        Assert.True(na.Solicited);
        Assert.True(na.Override);
        Assert.Equal(TestFrames.GatewayLinkLocal, na.TargetAddress);
        var option = Assert.IsType<NdpLinkLayerAddressOption>(Assert.Single(na.OptionsCollection));
        Assert.Equal(2, (int)option.Type);
        Assert.Equal(TestFrames.GatewayMac, option.LinkLayerAddress.GetAddressBytes());

        string pcap = PcapFile.Write("ndp-ns-na", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmpv6.type", "icmpv6.checksum.status", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s",
            "icmpv6.nd.na.flag.o", "icmpv6.nd.na.target_address", "icmpv6.opt.type", "icmpv6.opt.linkaddr");
        Assert.Equal("136", decoded["icmpv6.type"]);
        Assert.Equal("1", decoded["icmpv6.checksum.status"]);
        Assert.Equal("1", decoded["icmpv6.nd.na.flag.r"]);
        Assert.Equal("1", decoded["icmpv6.nd.na.flag.s"]);
        Assert.Equal("1", decoded["icmpv6.nd.na.flag.o"]);
        Assert.Equal("fe80::aa40:25ff:feff:7777", decoded["icmpv6.nd.na.target_address"]);
        Assert.Equal("2", decoded["icmpv6.opt.type"]);
        Assert.Equal("a8:40:25:ff:77:77", decoded["icmpv6.opt.linkaddr"]);
    }

    [Fact]
    public void Dad_probe_for_gateway_address_gets_unsolicited_advertisement_to_all_nodes()
    {
        byte[] request = TestFrames.NeighborSolicitation(IPAddress.IPv6Any, TestFrames.SolicitedNode(TestFrames.GatewayLinkLocal),
            TestFrames.GatewayLinkLocal, withSourceLinkLayer: false);
        var (result, reply) = StandardGateway.Answer(_gateway, request);

        Assert.True(result.IsReply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal([0x33, 0x33, 0, 0, 0, 1], ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(s_allNodes, ethernet.Extract<IPv6Packet>().DestinationAddress);
        var na = ethernet.Extract<NdpNeighborAdvertisementPacket>();
        Assert.True(na.Router);
        Assert.False(na.Solicited);
        Assert.True(na.Override);
        Assert.True(ethernet.Extract<IcmpV6Packet>().ValidIcmpChecksum);

        string pcap = PcapFile.Write("ndp-dad-gateway", request, reply);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "icmpv6.nd.na.flag.s", "icmpv6.checksum.status", "ipv6.dst");
        Assert.Equal("0", decoded["icmpv6.nd.na.flag.s"]);
        Assert.Equal("ff02::1", decoded["ipv6.dst"]);
    }

    [Fact]
    public void Dad_probe_for_guest_own_address_is_suppressed()
    {
        byte[] request = TestFrames.NeighborSolicitation(IPAddress.IPv6Any, TestFrames.SolicitedNode(TestFrames.PrivateIpv6),
            TestFrames.PrivateIpv6, withSourceLinkLayer: false);
        Assert.Equal(HairpinVerdict.Suppressed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Neighbor_solicitation_for_other_address_is_not_answered()
    {
        IPAddress other = IPAddress.Parse("fd00:1122:3344:101::9");
        byte[] request = TestFrames.NeighborSolicitation(TestFrames.GuestLinkLocal, TestFrames.SolicitedNode(other), other, withSourceLinkLayer: true);
        Assert.Equal(HairpinVerdict.NotApplicable, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Neighbor_solicitation_with_low_hop_limit_is_malformed()
    {
        byte[] request = TestFrames.NeighborSolicitation(TestFrames.GuestLinkLocal, TestFrames.SolicitedNode(TestFrames.GatewayLinkLocal),
            TestFrames.GatewayLinkLocal, withSourceLinkLayer: true, hopLimit: 254);
        Assert.Equal(HairpinVerdict.Malformed, StandardGateway.Answer(_gateway, request).Result.Verdict);
    }

    [Fact]
    public void Ndp_truncated_at_every_length_never_replies()
    {
        byte[] reply = new byte[256];
        byte[][] requests =
        [
            TestFrames.RouterSolicitation(TestFrames.GuestLinkLocal, withSourceLinkLayer: true),
            TestFrames.NeighborSolicitation(TestFrames.GuestLinkLocal, TestFrames.SolicitedNode(TestFrames.GatewayLinkLocal), TestFrames.GatewayLinkLocal, true),
        ];
        foreach (byte[] request in requests)
        {
            for (int length = 0; length < request.Length; length++)
            {
                Assert.NotEqual(HairpinVerdict.Reply, _gateway.Respond(request.AsSpan(0, length), reply).Verdict);
            }
        }
    }
}
