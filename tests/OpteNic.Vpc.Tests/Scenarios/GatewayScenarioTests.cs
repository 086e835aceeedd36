using System.Net;
using OpteNic.Engine;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>Guest ↔ gateway: every hairpin through the whole port, with exact counter deltas.</summary>
public class GatewayScenarioTests
{
    private readonly VpcScenario _s = new();

    public static TheoryData<string, GatewayHairpinKind> Hairpins => new()
    {
        { "arp", GatewayHairpinKind.Arp },
        { "dhcp-discover", GatewayHairpinKind.DhcpV4 },
        { "dhcp-request", GatewayHairpinKind.DhcpV4 },
        { "ping4", GatewayHairpinKind.IcmpEchoV4 },
        { "ping6", GatewayHairpinKind.IcmpEchoV6 },
        { "rs", GatewayHairpinKind.RouterSolicitation },
        { "ns", GatewayHairpinKind.NeighborSolicitation },
        { "dhcp6-solicit", GatewayHairpinKind.DhcpV6 },
        { "dhcp6-request", GatewayHairpinKind.DhcpV6 },
    };

    public static byte[] Request(string name) => name switch
    {
        "arp" => TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4),
        "dhcp-discover" => TestFrames.DhcpV4(1, false, TestFrames.GuestMac, null, TestFrames.MessageType(1)),
        "dhcp-request" => TestFrames.DhcpV4(2, false, TestFrames.GuestMac, null, TestFrames.MessageType(3), (50, TestFrames.PrivateIpv4.GetAddressBytes())),
        "ping4" => TestFrames.PingV4(TestFrames.GatewayIpv4, 9, 1, new byte[32]),
        "ping6" => TestFrames.PingV6(TestFrames.GatewayLinkLocal, 9, 1, new byte[32]),
        "rs" => TestFrames.RouterSolicitation(TestFrames.GuestLinkLocal, withSourceLinkLayer: true),
        "ns" => TestFrames.NeighborSolicitation(TestFrames.GuestLinkLocal, TestFrames.SolicitedNode(TestFrames.GatewayLinkLocal), TestFrames.GatewayLinkLocal, true),
        "dhcp6-solicit" => TestFrames.DhcpV6(1, 1, TestFrames.ClientIdOption, TestFrames.IaNaOption()),
        "dhcp6-request" => TestFrames.DhcpV6(3, 2, TestFrames.ClientIdOption, TestFrames.DhcpV6Option(2, [0, 3, 0, 1, .. TestFrames.GatewayMac]), TestFrames.IaNaOption()),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Hairpins))]
    public void Hairpin_request_is_answered_by_the_port(string name, GatewayHairpinKind kind)
    {
        byte[] request = Request(name);
        // ARP is not IP: no UFT lookup. Every IP request misses the UFT (hairpins never create entries).
        (string, long)[] deltas = name == "arp" ? [("out_hairpin", 1)] : [("out_hairpin", 1), ("out_uft_miss", 1)];
        var (result, reply) = _s.AssertDeltas(() => _s.Outbound(request), deltas);
        Assert.Equal(0, _s.Port.Port.UftOut.Count);

        Assert.Equal(ProcessOutcome.Hairpin, result.Outcome);
        Assert.Equal(1, _s.Port.Hairpins.Replies(kind));
        // The port's reply equals what the responder builds on its own (checked field by field in Hairpins/).
        var (direct, expected) = StandardGateway.Answer(_s.Port.Responder, request);
        Assert.True(direct.IsReply);
        Assert.Equal(expected, reply);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        PcapFile.Write($"scenario-hairpin-{name}", request, reply);
    }

    [Fact]
    public void Arp_for_another_address_is_dropped_as_handle_packet()
    {
        byte[] request = TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, IPAddress.Parse("172.30.0.6"));
        var (result, _) = _s.AssertDeltas(() => _s.Outbound(request), ("out_drop", 1), ("out_drop_handle_pkt", 1));
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal(1, _s.Port.Hairpins.NoReply(HairpinVerdict.NotApplicable));
    }

    [Fact]
    public void Dad_for_guest_address_is_dropped_and_counted_as_suppressed()
    {
        byte[] request = TestFrames.NeighborSolicitation(IPAddress.IPv6Any, TestFrames.SolicitedNode(TestFrames.PrivateIpv6), TestFrames.PrivateIpv6, false);
        var (result, _) = _s.AssertDeltas(() => _s.Outbound(request), ("out_drop", 1), ("out_drop_handle_pkt", 1), ("out_uft_miss", 1));
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal(1, _s.Port.Hairpins.NoReply(HairpinVerdict.Suppressed));
    }

    [Fact]
    public void Router_advertisement_from_guest_is_denied_by_gateway()
    {
        byte[] ra = TestFrames.Ethernet([0x33, 0x33, 0, 0, 0, 1], TestFrames.GuestMac, 0x86DD,
            TestFrames.Ipv6(TestFrames.GuestLinkLocal, IPAddress.Parse("ff02::1"), 58, [134, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        var (result, _) = _s.AssertDeltas(() => _s.Outbound(ra), ("out_drop", 1), ("out_drop_layer", 1), ("gateway.out_deny", 1), ("out_uft_miss", 1));
        Assert.Equal("gateway", result.LayerName);
    }

    [Fact]
    public void Spoofed_source_ip_is_denied_by_gateway()
    {
        _s.WithStandardRoutes();
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, IPAddress.Parse("172.30.0.99"), VpcScenario.PeerIpv4, 5000, 53);
        var (result, _) = _s.AssertDeltas(() => _s.Outbound(frame), ("out_drop", 1), ("out_drop_layer", 1), ("gateway.out_deny", 1), ("out_uft_miss", 1));
        Assert.Equal("gateway", result.LayerName);
    }

    [Fact]
    public void Spoofed_source_mac_is_denied_by_gateway()
    {
        _s.WithStandardRoutes();
        byte[] frame = OverlayFrames.UdpV4([0xA8, 0x40, 0x25, 0xF0, 0x00, 0x99], TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, 53);
        var (result, _) = _s.AssertDeltas(() => _s.Outbound(frame), ("out_drop", 1), ("out_drop_layer", 1), ("gateway.out_deny", 1), ("out_uft_miss", 1));
        Assert.Equal("gateway", result.LayerName);
    }
}
