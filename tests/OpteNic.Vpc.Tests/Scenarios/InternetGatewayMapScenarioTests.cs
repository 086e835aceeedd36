using System.Net;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api;
using OpteNic.Engine;
using OpteNic.Vpc.Config;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>
/// set-external-ips' internet-gateway map: an external IP is used only for flows the router sends to one of its
/// gateways; floating IPs are grouped per gateway and the flow hash chooses within the group.
/// </summary>
public class InternetGatewayMapScenarioTests
{
    private static readonly Guid s_gatewayA = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid s_gatewayB = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Ipv4Addr s_floatingA = Ipv4Addr.Parse("203.0.113.31");
    private static readonly Ipv4Addr s_floatingB = Ipv4Addr.Parse("203.0.113.32");
    private static readonly Ipv4Addr s_floatingAny = Ipv4Addr.Parse("203.0.113.33");
    private static readonly IPAddress s_viaA = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_viaB = IPAddress.Parse("198.51.100.77");

    private static ExternalIpCfg<Ipv4Addr> External(bool withFloating = true) =>
        new(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), VpcScenario.EphemeralIp, withFloating ? [s_floatingA, s_floatingB] : []);

    /// <summary>Default route via gateway A; 198.51.100.0/24 via gateway B (custom).</summary>
    private static VpcScenario TwoGateways(ExternalIpCfg<Ipv4Addr> external)
    {
        var s = new VpcScenario(external);
        Assert.True(s.Port.TryAddRouterEntry(IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(s_gatewayA), RouterClass.System, out _));
        Assert.True(s.Port.TryAddRouterEntry(IpCidr.Parse("198.51.100.0/24"), new RouterTarget.InternetGateway(s_gatewayB), RouterClass.Custom, out _));
        s.Network.Virt2Boundary.Set(IpCidr.Parse("0.0.0.0/0"), [VpcScenario.Boundary]);
        return s;
    }

    private static InetGatewayEntry Entry(Ipv4Addr ip, params Guid[] gateways) => new(new IpAddr(ip), ValueArray<Guid>.From(gateways));

    private static (ProcessResult Result, IPAddress? Source) Send(VpcScenario s, IPAddress destination, ushort sourcePort)
    {
        var (result, output) = s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, destination, sourcePort, 53));
        if (result.Outcome != ProcessOutcome.Modified)
        {
            return (result, null);
        }

        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, new UnderlayFrame(output).Inner);
        return (result, ethernet.Extract<IPv4Packet>().SourceAddress);
    }

    private static HashSet<IPAddress> Sources(VpcScenario s, IPAddress destination, ushort firstPort) =>
        [.. Enumerable.Range(0, 24).Select(i => Send(s, destination, (ushort)(firstPort + i)).Source!)];

    [Fact]
    public void Floating_ips_serve_only_the_gateways_the_map_gives_them()
    {
        var s = TwoGateways(External());
        Assert.True(s.Port.TrySetExternalIps(External(), null, [Entry(s_floatingA, s_gatewayA), Entry(s_floatingB, s_gatewayB)], out var error), error?.ToString());

        Assert.Equal([IPAddress.Parse("203.0.113.31")], Sources(s, s_viaA, 10000));
        Assert.Equal([IPAddress.Parse("203.0.113.32")], Sources(s, s_viaB, 20000));
    }

    [Fact]
    public void Without_a_map_the_floating_ips_are_shared_by_every_gateway()
    {
        var s = TwoGateways(External());
        Assert.Equal([IPAddress.Parse("203.0.113.31"), IPAddress.Parse("203.0.113.32")], Sources(s, s_viaB, 20000).Order(Comparer<IPAddress>.Create((a, b) => a.ToString().CompareTo(b.ToString()))));
    }

    [Fact]
    public void Unlisted_floating_ip_serves_every_gateway_and_joins_each_group()
    {
        var external = new ExternalIpCfg<Ipv4Addr>(null, null, [s_floatingA, s_floatingAny]);
        var s = TwoGateways(external);
        Assert.True(s.Port.TrySetExternalIps(external, null, [Entry(s_floatingA, s_gatewayA)], out var error), error?.ToString());

        Assert.Equal([IPAddress.Parse("203.0.113.33")], Sources(s, s_viaB, 20000));
        HashSet<IPAddress> viaA = Sources(s, s_viaA, 10000);
        Assert.Equal(2, viaA.Count); // both floating IPs are usable for gateway A: the hash spreads flows over them
    }

    [Fact]
    public void A_gateway_left_without_floating_ips_falls_back_to_ephemeral_then_snat_then_deny()
    {
        var s = TwoGateways(External());
        Assert.True(s.Port.TrySetExternalIps(External(), null, [Entry(s_floatingA, s_gatewayA), Entry(s_floatingB, s_gatewayA)], out _));
        Assert.Equal([IPAddress.Parse("203.0.113.20")], Sources(s, s_viaB, 20000)); // ephemeral (unlisted)

        Assert.True(s.Port.TrySetExternalIps(External(), null,
            [Entry(s_floatingA, s_gatewayA), Entry(s_floatingB, s_gatewayA), Entry(VpcScenario.EphemeralIp, s_gatewayA)], out _));
        Assert.Equal([IPAddress.Parse("203.0.113.10")], Sources(s, s_viaB, 30000)); // SNAT

        Assert.True(s.Port.TrySetExternalIps(External(), null,
            [Entry(s_floatingA, s_gatewayA), Entry(s_floatingB, s_gatewayA), Entry(VpcScenario.EphemeralIp, s_gatewayA), Entry(VpcScenario.SnatIp, s_gatewayA)], out _));
        var (result, _) = s.AssertDeltas(() => Send(s, s_viaB, 40000), ("out_drop", 1), ("out_drop_layer", 1), ("out_uft_miss", 1), ("nat.out_deny", 1), ("firewall.flows", 1));
        Assert.Equal("nat", result.LayerName);
        // Gateway A still has everything.
        Assert.Equal(ProcessOutcome.Modified, Send(s, s_viaA, 50000).Result.Outcome);
    }

    [Fact]
    public void Map_naming_an_address_the_port_does_not_have_is_refused_and_changes_nothing()
    {
        var s = TwoGateways(External());
        Assert.False(s.Port.TrySetExternalIps(External(), null, [Entry(Ipv4Addr.Parse("203.0.113.99"), s_gatewayA)], out var error));
        Assert.Equal(VpcConfigErrorKind.InvalidExternalIp, error!.Kind);
        Assert.Contains("203.0.113.99", error.Message);
        Assert.Null(s.Port.InternetGatewayMap);
        Assert.Equal(2, Sources(s, s_viaB, 20000).Count);
    }

    [Fact]
    public void Reconfigure_changes_attached_subnets_and_keeps_the_map_but_refuses_fixed_fields()
    {
        var s = TwoGateways(External());
        Assert.True(s.Port.TrySetExternalIps(External(), null, [Entry(s_floatingA, s_gatewayA), Entry(s_floatingB, s_gatewayB)], out _));
        VpcCfg current = s.Port.Config;
        var v4 = current.IpCfg.Ipv4Config!;
        var withTransit = current with
        {
            IpCfg = new IpCfg.DualStack(v4 with { TransitIps = ValueArray<TransitIp<Ipv4Cidr>>.From([new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.9.0.0/16"), true, true)]) }, current.IpCfg.Ipv6Config!),
        };
        Assert.True(s.Port.TryReconfigure(withTransit, out var error), error?.ToString());
        Assert.Same(withTransit, s.Port.Config);
        Assert.NotNull(s.Port.InternetGatewayMap);
        Assert.Equal([IPAddress.Parse("203.0.113.32")], Sources(s, s_viaB, 20000));

        // The guest may now send from the transit range.
        var (result, _) = s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, IPAddress.Parse("10.9.1.1"), s_viaA, 1000, 53));
        Assert.NotEqual("gateway", result.LayerName);

        Assert.False(s.Port.TryReconfigure(current with { Vni = new Vni(1234) }, out error));
        Assert.Equal(VpcConfigErrorKind.ImmutableField, error!.Kind);
        Assert.Contains("VNI", error.Message);
        Assert.Same(withTransit, s.Port.Config);
    }
}
