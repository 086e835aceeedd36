using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>Guest → internet through SNAT, ephemeral and floating IPs, and the replies back.</summary>
public class InternetScenarioTests
{
    private static readonly IPAddress s_boundary = IPAddress.Parse("fd00:99::1");

    private static ExternalIpCfg<Ipv4Addr> Snat(ushort first = 1024, ushort last = 65535) => new(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, first, last), null, []);

    private static byte[] TcpOut(ushort sourcePort, byte flags = OverlayFrames.Syn)
        => OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, sourcePort, 443, flags);

    private static (IPv4Packet Ip, EthernetPacket Ethernet, UnderlayFrame Encap) Decode(byte[] output)
    {
        var encap = new UnderlayFrame(output);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, encap.Inner);
        return (ethernet.Extract<IPv4Packet>(), ethernet, encap);
    }

    [Fact]
    public void Snat_tcp_uses_highest_free_port_and_goes_to_boundary_services()
    {
        var s = new VpcScenario(Snat()).WithStandardRoutes();
        var (result, output) = s.AssertDeltas(() => s.Outbound(TcpOut(40000)),
            ("out_modified", 1), ("out_uft_miss", 1), ("uft_out_flows", 1), ("firewall.flows", 1), ("nat.flows", 1));

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var (ip, ethernet, encap) = Decode(output);
        Assert.Equal(99u, encap.Vni);
        Assert.Equal(s_boundary, encap.OuterDst);
        Assert.Equal([0xA8, 0x40, 0x25, 0x77, 0x77, 0x77], ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(IPAddress.Parse("203.0.113.10"), ip.SourceAddress);
        Assert.Equal(VpcScenario.InternetHost, ip.DestinationAddress);
        Assert.True(ip.ValidIPChecksum);
        var tcp = ethernet.Extract<TcpPacket>();
        Assert.Equal(65535, tcp.SourcePort);
        Assert.True(tcp.ValidTcpChecksum);
        Assert.Empty(encap.Options); // no MSS option towards boundary services
        PcapFile.Write("scenario-snat-tcp", TcpOut(40000), output);

        var (_, second) = s.Outbound(TcpOut(40001));
        Assert.Equal(65534, Decode(second).Ethernet.Extract<TcpPacket>().SourcePort);
    }

    [Fact]
    public void Snat_reply_is_translated_back_to_the_guest()
    {
        var s = new VpcScenario(Snat()).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpOut(40000)).Result.Outcome);
        byte[] synAck = OverlayFrames.TcpV4([0xA8, 0x40, 0x25, 0x77, 0x77, 0x77], TestFrames.GuestMac, VpcScenario.InternetHost,
            IPAddress.Parse("203.0.113.10"), 443, 65535, OverlayFrames.Syn | OverlayFrames.Ack, seq: 9000, ack: 1001);
        byte[] wire = OverlayFrames.Geneve(synAck, 99, s_boundary, IPAddress.Parse("fd00:aaaa::1"), external: true);
        var (result, output) = s.AssertDeltas(() => s.Inbound(wire), ("in_modified", 1), ("in_uft_miss", 1), ("uft_in_flows", 1));

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, output);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        var tcp = ethernet.Extract<TcpPacket>();
        Assert.Equal(40000, tcp.DestinationPort);
        Assert.True(tcp.ValidTcpChecksum);
        PcapFile.Write("scenario-snat-reply", wire, output);
    }

    [Fact]
    public void Snat_icmp_echo_rewrites_identifier()
    {
        var s = new VpcScenario(Snat()).WithStandardRoutes();
        byte[] ping = TestFrames.PingV4(VpcScenario.InternetHost, 0x1234, 1, new byte[16]);
        var (result, output) = s.Outbound(ping);
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var icmp = Decode(output).Ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(65535, icmp.Id);
        Assert.True(icmp.ValidIcmpChecksum);
    }

    [Fact]
    public void Snat_exhaustion_drops_the_new_flow_and_counts_it()
    {
        var s = new VpcScenario(Snat(2000, 2001)).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpOut(40000)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpOut(40001)).Result.Outcome);
        var (result, _) = s.Outbound(TcpOut(40002));
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal("nat", result.LayerName);
        Assert.Equal(1, s.Port.Nat.SnatExhausted);
        Assert.Equal(1, s.Port.Nat.Current.SnatV4!.Tcp.Exhausted);
    }

    [Fact]
    public void Ephemeral_ip_is_preferred_over_snat()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), VpcScenario.EphemeralIp, [])).WithStandardRoutes();
        var (_, output) = s.Outbound(TcpOut(40000));
        var (ip, ethernet, _) = Decode(output);
        Assert.Equal(IPAddress.Parse("203.0.113.20"), ip.SourceAddress);
        Assert.Equal(40000, ethernet.Extract<TcpPacket>().SourcePort);
    }

    [Fact]
    public void Floating_ip_is_preferred_over_ephemeral_and_inbound_to_it_reaches_the_guest()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(null, VpcScenario.EphemeralIp, [VpcScenario.FloatingIp])).WithStandardRoutes().AllowInbound();
        var (_, output) = s.Outbound(TcpOut(40000));
        Assert.Equal(IPAddress.Parse("203.0.113.30"), Decode(output).Ip.SourceAddress);

        byte[] syn = OverlayFrames.TcpV4([0xA8, 0x40, 0x25, 0x77, 0x77, 0x77], TestFrames.GuestMac, VpcScenario.InternetHost,
            IPAddress.Parse("203.0.113.30"), 50000, 80, OverlayFrames.Syn);
        byte[] wire = OverlayFrames.Geneve(syn, 99, s_boundary, IPAddress.Parse("fd00:aaaa::1"), external: true);
        var (result, delivered) = s.Inbound(wire);
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered);
        Assert.Equal(TestFrames.PrivateIpv4, ethernet.Extract<IPv4Packet>().DestinationAddress);
        Assert.True(ethernet.Extract<TcpPacket>().ValidTcpChecksum);
        PcapFile.Write("scenario-floating-inbound", wire, delivered);
    }

    [Fact]
    public void Internet_bound_without_external_ip_is_denied_by_nat()
    {
        var s = new VpcScenario().WithStandardRoutes();
        var (result, _) = s.AssertDeltas(() => s.Outbound(TcpOut(40000)),
            ("out_drop", 1), ("out_drop_layer", 1), ("nat.out_deny", 1), ("out_uft_miss", 1), ("firewall.flows", 1));
        Assert.Equal("nat", result.LayerName);
    }

    [Fact]
    public void Missing_boundary_route_is_denied_by_overlay()
    {
        var s = new VpcScenario(Snat()).WithStandardRoutes();
        s.Network.Virt2Boundary.Clear(IpCidr.Parse("0.0.0.0/0"), [VpcScenario.Boundary]);
        var (result, _) = s.Outbound(TcpOut(40000));
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal("overlay", result.LayerName);
    }

    [Fact]
    public void Reconfiguring_external_ips_keeps_flows_whose_address_remains_and_moves_the_others()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), VpcScenario.EphemeralIp, [])).WithStandardRoutes();
        var (_, before) = s.Outbound(TcpOut(40000, OverlayFrames.Ack));
        Assert.Equal(IPAddress.Parse("203.0.113.20"), Decode(before).Ip.SourceAddress);

        // Same ephemeral IP re-applied: the flow keeps it.
        Assert.True(s.Port.TrySetExternalIps(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), VpcScenario.EphemeralIp, []), null, out _));
        Assert.Equal(IPAddress.Parse("203.0.113.20"), Decode(s.Outbound(TcpOut(40000, OverlayFrames.Ack)).Output).Ip.SourceAddress);

        // Ephemeral IP removed: the flow's next packet is re-classified onto SNAT.
        Assert.True(s.Port.TrySetExternalIps(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, []), null, out _));
        var (moved, after) = s.Outbound(TcpOut(40000, OverlayFrames.Ack));
        Assert.Equal(ProcessOutcome.Modified, moved.Outcome);
        Assert.Equal(IPAddress.Parse("203.0.113.10"), Decode(after).Ip.SourceAddress);
    }

    [Fact]
    public void Invalid_external_ip_reconfiguration_changes_nothing()
    {
        var s = new VpcScenario(Snat()).WithStandardRoutes();
        Assert.False(s.Port.TrySetExternalIps(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 5000, 4000), null, []), null, out var error));
        Assert.Equal(OpteNic.Vpc.Config.VpcConfigErrorKind.SnatPortRangeInverted, error.Kind);
        Assert.Equal(65535, Decode(s.Outbound(TcpOut(40000)).Output).Ethernet.Extract<TcpPacket>().SourcePort);
    }
}
