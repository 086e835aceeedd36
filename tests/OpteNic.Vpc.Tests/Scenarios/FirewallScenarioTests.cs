using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Layers;
using OpteNic.Vpc.Tests.Support;
using ApiDirection = OpteNic.Api.Direction;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>Firewall allow/deny both ways, rule changes and epoch invalidation.</summary>
public class FirewallScenarioTests
{
    private readonly VpcScenario _s = new VpcScenario().WithStandardRoutes();

    private static FirewallRule Rule(ApiDirection direction, FirewallAction action, ushort priority, FirewallAddress? hosts = null,
        ProtocolFilter? protocol = null, Ports? ports = null)
        => new(direction, new Filters(hosts ?? new FirewallAddress.Any(), protocol ?? new ProtocolFilter.Any(), ports ?? new Ports.Any()), action, priority);

    private static byte[] UdpOut(ushort dport) => OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, dport);

    private static byte[] TcpIn(ushort dport) => OverlayFrames.Geneve(
        OverlayFrames.TcpV4(VpcScenario.PeerMac, TestFrames.GuestMac, VpcScenario.PeerIpv4, TestFrames.PrivateIpv4, 33000, dport, OverlayFrames.Syn),
        7777, IPAddress.Parse("fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"));

    [Fact]
    public void Outbound_deny_rule_drops_matching_port_only()
    {
        Assert.Equal(Engine.Ports.PortOperationResult.Ok, _s.Port.SetFirewallRules(
            [Rule(ApiDirection.Out, FirewallAction.Deny, 100, protocol: new ProtocolFilter.Udp(), ports: new Ports.PortList([53]))]));
        var (denied, _) = _s.AssertDeltas(() => _s.Outbound(UdpOut(53)), ("out_drop", 1), ("out_drop_layer", 1), ("firewall.out_deny", 1), ("out_uft_miss", 1));
        Assert.Equal("firewall", denied.LayerName);
        Assert.Equal(ProcessOutcome.Modified, _s.Outbound(UdpOut(54)).Result.Outcome);
    }

    [Fact]
    public void Inbound_allow_rule_for_tcp_port_lets_only_that_port_in()
    {
        Assert.Equal(Engine.Ports.PortOperationResult.Ok, _s.Port.SetFirewallRules(
            [Rule(ApiDirection.In, FirewallAction.Allow, 100, protocol: new ProtocolFilter.Tcp(), ports: new Ports.PortList([22, 80, 81, 82]))]));
        _s.AssertDeltas(() => _s.Inbound(TcpIn(81)), ("in_modified", 1), ("in_uft_miss", 1), ("uft_in_flows", 1), ("firewall.flows", 1));
        var (denied, _) = _s.AssertDeltas(() => _s.Inbound(TcpIn(83)), ("in_drop", 1), ("in_drop_layer", 1), ("firewall.in_deny", 1), ("in_uft_miss", 1));
        Assert.Equal("firewall", denied.LayerName);
    }

    [Fact]
    public void Inbound_host_filter_matches_source_subnet()
    {
        _s.Port.SetFirewallRules([Rule(ApiDirection.In, FirewallAction.Allow, 100, hosts: new FirewallAddress.Subnet(IpCidr.Parse("172.30.0.0/30")))]);
        Assert.Equal(ProcessOutcome.Drop, _s.Inbound(TcpIn(22)).Result.Outcome); // peer 172.30.0.6 is outside /30
        _s.Port.SetFirewallRules([Rule(ApiDirection.In, FirewallAction.Allow, 100, hosts: new FirewallAddress.Subnet(IpCidr.Parse("172.30.0.4/30")))]);
        Assert.Equal(ProcessOutcome.Modified, _s.Inbound(TcpIn(22)).Result.Outcome);
    }

    [Fact]
    public void Inbound_vni_filter_matches_geneve_vni_tag()
    {
        _s.Port.SetFirewallRules([Rule(ApiDirection.In, FirewallAction.Allow, 100, hosts: new FirewallAddress.Vni(new Vni(7777)))]);
        Assert.Equal(ProcessOutcome.Modified, _s.Inbound(TcpIn(22)).Result.Outcome);
        _s.Port.SetFirewallRules([Rule(ApiDirection.In, FirewallAction.Allow, 100, hosts: new FirewallAddress.Vni(new Vni(1234)))]);
        Assert.Equal(ProcessOutcome.Drop, _s.Inbound(TcpIn(22)).Result.Outcome);
    }

    [Fact]
    public void Adding_a_deny_rule_invalidates_established_flow_through_epoch()
    {
        Assert.Equal(ProcessOutcome.Modified, _s.Outbound(UdpOut(53)).Result.Outcome);
        _s.AssertDeltas(() => _s.Outbound(UdpOut(53)), ("out_modified", 1), ("out_uft_hit", 1));
        ulong epoch = _s.Port.Port.Epoch;

        // Adding one rule keeps the firewall's LFT; the new epoch sends the flow back through the layers, where the
        // LFT entry (stateful allow) still answers — so OPTE semantics: established flows survive an added deny.
        Assert.Equal(Engine.Ports.PortOperationResult.Ok, _s.Port.AddFirewallRule(Rule(ApiDirection.Out, FirewallAction.Deny, 1, protocol: new ProtocolFilter.Udp()), out _));
        Assert.True(_s.Port.Port.Epoch > epoch);
        var (kept, _) = _s.Outbound(UdpOut(53));
        Assert.Equal(ProcessOutcome.Modified, kept.Outcome);

        // Replacing the whole set clears the firewall LFT: now the deny applies to the same flow.
        _s.Port.SetFirewallRules([Rule(ApiDirection.Out, FirewallAction.Deny, 1, protocol: new ProtocolFilter.Udp())]);
        var (denied, _) = _s.Outbound(UdpOut(53));
        Assert.Equal(ProcessOutcome.Drop, denied.Outcome);
        Assert.Equal("firewall", denied.LayerName);
    }

    [Fact]
    public void Consecutive_ports_merge_into_ranges()
    {
        Assert.Equal([(22, 22), (80, 82), (443, 443)], VpcFirewall.MergePorts([443, 81, 22, 80, 82, 81]));
    }
}
