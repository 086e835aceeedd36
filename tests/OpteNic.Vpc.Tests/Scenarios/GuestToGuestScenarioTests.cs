using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>Guest ↔ guest in one VPC: routing, V2P, Geneve encapsulation and decapsulation, exact headers and counters.</summary>
public class GuestToGuestScenarioTests
{
    private readonly VpcScenario _s = new VpcScenario().WithStandardRoutes();

    [Fact]
    public void Udp_to_peer_is_encapsulated_to_peer_sled_with_own_vni()
    {
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, 53);
        var (result, output) = _s.AssertDeltas(() => _s.Outbound(frame), ("out_modified", 1), ("out_uft_miss", 1), ("uft_out_flows", 1), ("firewall.flows", 1));

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var encap = new UnderlayFrame(output);
        Assert.Equal(new byte[6], encap.OuterDstMac);
        Assert.Equal(new byte[6], encap.OuterSrcMac);
        Assert.Equal(0x86DD, encap.OuterEtherType);
        Assert.Equal(17, encap.NextHeader);
        Assert.Equal(IPAddress.Parse("fd00:aaaa::1"), encap.OuterSrc);
        Assert.Equal(IPAddress.Parse("fd00:bbbb::1"), encap.OuterDst);
        Assert.Equal(6081, encap.UdpDstPort);
        Assert.Equal(0, encap.UdpChecksum);
        Assert.Equal(0x6558, encap.GeneveProtocol);
        Assert.Equal(7777u, encap.Vni);
        Assert.Empty(encap.Options);
        var inner = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, encap.Inner);
        Assert.Equal(VpcScenario.PeerMac, inner.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GuestMac, inner.SourceHardwareAddress.GetAddressBytes());
        var ip = inner.Extract<IPv4Packet>();
        Assert.Equal(TestFrames.PrivateIpv4, ip.SourceAddress);
        Assert.Equal(VpcScenario.PeerIpv4, ip.DestinationAddress);
        Assert.True(ip.ValidIPChecksum);
        Assert.True(inner.Extract<UdpPacket>().ValidUdpChecksum);
        PcapFile.Write("scenario-guest-to-guest-udp", frame, output);

        // The second packet of the flow takes the fast path and produces the same bytes.
        var (again, output2) = _s.AssertDeltas(() => _s.Outbound(frame), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, again.Outcome);
        Assert.Equal(output, output2);
    }

    [Fact]
    public void Ipv6_udp_to_peer_is_encapsulated()
    {
        byte[] frame = OverlayFrames.UdpV6(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv6, VpcScenario.PeerIpv6, 5000, 53);
        var (result, output) = _s.Outbound(frame);
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var encap = new UnderlayFrame(output);
        Assert.Equal(IPAddress.Parse("fd00:bbbb::1"), encap.OuterDst);
        var inner = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, encap.Inner);
        Assert.Equal(VpcScenario.PeerMac, inner.DestinationHardwareAddress.GetAddressBytes());
        Assert.True(inner.Extract<UdpPacket>().ValidUdpChecksum);
        PcapFile.Write("scenario-guest-to-guest-udp6", frame, output);
    }

    [Fact]
    public void Tcp_to_peer_carries_mss_option()
    {
        byte[] syn = OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 40000, 22, OverlayFrames.Syn);
        var (result, output) = _s.Outbound(syn);
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var encap = new UnderlayFrame(output);
        var (type, body) = Assert.Single(encap.OxideOptions());
        Assert.Equal(2, type);
        Assert.Equal(new byte[] { 0, 0, 0x05, 0xB4 }, body); // 1500 − 40 = 1460
        PcapFile.Write("scenario-guest-to-guest-tcp-mss", syn, output);
    }

    [Fact]
    public void Missing_v2p_is_denied_by_overlay()
    {
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, IPAddress.Parse("172.30.0.77"), 5000, 53);
        var (result, _) = _s.AssertDeltas(() => _s.Outbound(frame),
            ("out_drop", 1), ("out_drop_layer", 1), ("overlay.out_deny", 1), ("out_uft_miss", 1), ("firewall.flows", 1));
        Assert.Equal("overlay", result.LayerName);
        Assert.Equal(1, _s.Port.Overlay.MissingVirt2Phys);
    }

    [Fact]
    public void Destination_without_route_is_denied_by_router()
    {
        var scenario = new VpcScenario();
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, 53);
        var (result, _) = scenario.AssertDeltas(() => scenario.Outbound(frame),
            ("out_drop", 1), ("out_drop_layer", 1), ("router.out_deny", 1), ("out_uft_miss", 1), ("firewall.flows", 1));
        Assert.Equal("router", result.LayerName);
    }

    [Fact]
    public void Inbound_from_peer_is_decapsulated_and_seen_from_gateway_mac_when_firewall_allows()
    {
        _s.AllowInbound();
        byte[] inner = OverlayFrames.UdpV4(VpcScenario.PeerMac, TestFrames.GuestMac, VpcScenario.PeerIpv4, TestFrames.PrivateIpv4, 53, 5000);
        byte[] wire = OverlayFrames.Geneve(inner, 7777, IPAddress.Parse("fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"));
        var (result, output) = _s.AssertDeltas(() => _s.Inbound(wire), ("in_modified", 1), ("in_uft_miss", 1), ("uft_in_flows", 1), ("firewall.flows", 1));

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, output);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        Assert.Equal(VpcScenario.PeerIpv4, ethernet.Extract<IPv4Packet>().SourceAddress);
        Assert.Equal(inner.Length, output.Length);
        PcapFile.Write("scenario-peer-to-guest", wire, output);
    }

    [Fact]
    public void Inbound_is_denied_by_default_firewall()
    {
        byte[] inner = OverlayFrames.UdpV4(VpcScenario.PeerMac, TestFrames.GuestMac, VpcScenario.PeerIpv4, TestFrames.PrivateIpv4, 53, 5000);
        byte[] wire = OverlayFrames.Geneve(inner, 7777, IPAddress.Parse("fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"));
        var (result, _) = _s.AssertDeltas(() => _s.Inbound(wire), ("in_drop", 1), ("in_drop_layer", 1), ("firewall.in_deny", 1), ("in_uft_miss", 1));
        Assert.Equal("firewall", result.LayerName);
    }

    [Fact]
    public void Reply_to_outbound_flow_passes_default_inbound_deny()
    {
        byte[] request = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, 53);
        Assert.Equal(ProcessOutcome.Modified, _s.Outbound(request).Result.Outcome);
        byte[] inner = OverlayFrames.UdpV4(VpcScenario.PeerMac, TestFrames.GuestMac, VpcScenario.PeerIpv4, TestFrames.PrivateIpv4, 53, 5000);
        byte[] wire = OverlayFrames.Geneve(inner, 7777, IPAddress.Parse("fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"));
        var (result, _) = _s.Inbound(wire);
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
    }

    [Fact]
    public void Custom_route_beats_system_route_of_same_length_and_longer_prefix_beats_both()
    {
        // A custom /22 via an instance acting as router (next hop 172.30.0.6) wins over the system /22.
        Assert.True(_s.Port.TryAddRouterEntry(IpCidr.Parse("172.30.0.0/22"), new RouterTarget.Ip(IpAddr.Parse("172.30.0.6")), RouterClass.Custom, out _));
        byte[] toOther = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, IPAddress.Parse("172.30.0.77"), 5000, 53);
        var (viaRouter, output) = _s.Outbound(toOther);
        Assert.Equal(ProcessOutcome.Modified, viaRouter.Outcome);
        var encap = new UnderlayFrame(output);
        Assert.Equal(IPAddress.Parse("fd00:bbbb::1"), encap.OuterDst);

        // A longer system /32 to a drop target beats the custom /22.
        Assert.True(_s.Port.TryAddRouterEntry(IpCidr.Parse("172.30.0.77/32"), new RouterTarget.Drop(), RouterClass.System, out _));
        var (dropped, _) = _s.Outbound(toOther);
        Assert.Equal(ProcessOutcome.Drop, dropped.Outcome);
        Assert.Equal("router", dropped.LayerName);

        // Deleting the /32 restores the custom route (the epoch changed, so the UFT entry is re-walked).
        Assert.True(_s.Port.TryDeleteRouterEntry(IpCidr.Parse("172.30.0.77/32"), new RouterTarget.Drop(), RouterClass.System));
        Assert.Equal(ProcessOutcome.Modified, _s.Outbound(toOther).Result.Outcome);
    }

    [Fact]
    public void Invalid_router_entries_are_rejected()
    {
        Assert.False(_s.Port.TryAddRouterEntry(IpCidr.Parse("224.0.0.0/4"), new RouterTarget.InternetGateway(null), RouterClass.System, out string? multicast));
        Assert.Contains("multicast", multicast, StringComparison.Ordinal);
        Assert.False(_s.Port.TryAddRouterEntry(IpCidr.Parse("10.0.0.0/8"), new RouterTarget.Ip(IpAddr.Parse("fd00::1")), RouterClass.Custom, out string? family));
        Assert.Contains("family", family, StringComparison.Ordinal);
    }
}
