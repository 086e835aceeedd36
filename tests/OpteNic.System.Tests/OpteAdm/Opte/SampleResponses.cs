using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>Responses as a card with two VPC ports would give them, for the golden table and JSON tests.</summary>
internal static class SampleResponses
{
    public static readonly InnerFlowId TcpOut = new(6, IpAddr.Parse("172.30.0.5"), IpAddr.Parse("172.30.0.6"), 40000, 22);
    public static readonly InnerFlowId TcpIn = new(6, IpAddr.Parse("172.30.0.6"), IpAddr.Parse("172.30.0.5"), 22, 40000);
    public static readonly InnerFlowId IcmpOut = new(1, IpAddr.Parse("172.30.0.5"), IpAddr.Parse("198.51.100.1"), 0x0800, 7);
    public static readonly InnerFlowId UdpV6 = new(17, IpAddr.Parse("fd00:100::5"), IpAddr.Parse("fd00:100::6"), 5353, 53);

    public static ListPortsResp Ports { get; } = new(
    [
        new PortInfo("opte0", MacAddr.Parse("a8:40:25:00:00:01"), Ipv4Addr.Parse("172.30.0.5"), Ipv4Addr.Parse("198.51.100.20"),
            [Ipv4Addr.Parse("198.51.100.30"), Ipv4Addr.Parse("198.51.100.31")], null, null, null, "running"),
        new PortInfo("opte1", MacAddr.Parse("a8:40:25:00:00:02"), null, null, null, Ipv6Addr.Parse("fd00:100::5"), null, [], "ready"),
    ]);

    public static ListLayersResp Layers { get; } = new(
    [
        new LayerDesc("gateway", 12, 9, "deny", "deny", 0),
        new LayerDesc("firewall", 1, 0, "deny", "stateful allow", 2),
    ]);

    public static DumpLayerResp Firewall { get; } = new(
        "firewall",
        [
            new RuleTableEntryDump(0, 3, new RuleDump(10, ["inner.ip.proto=TCP", "inner.ulp.dst=22"], [], "stateful allow")),
            new RuleTableEntryDump(4, 0, new RuleDump(65535, [], [], "deny")),
        ],
        [],
        "deny",
        "stateful allow",
        5,
        11,
        [new FlowEntryDump(TcpIn, 3, "stateful allow")],
        [new FlowEntryDump(TcpOut, 4, "stateful allow")]);

    public static DumpUftResp Uft { get; } = new(
        8192, 1, [new FlowEntryDump(TcpIn, 3, "firewall: allow; overlay: decap")],
        8192, 2, [new FlowEntryDump(TcpOut, 4, "compiled: encap fd00:2::1 vni 100"), new FlowEntryDump(IcmpOut, 1, "nat: snat 198.51.100.5")]);

    public static DumpTcpFlowsResp TcpFlows { get; } = new(
    [
        new TcpFlowDump(TcpOut, new TcpFlowEntryDump(7, TcpIn, new TcpFlowStateDump(TcpState.Established, 1000, 2001, 2000, 1001), 3, 4, 180, 3072)),
        new TcpFlowDump(new InnerFlowId(6, IpAddr.Parse("172.30.0.5"), IpAddr.Parse("172.30.0.7"), 40001, 80),
            new TcpFlowEntryDump(1, null, new TcpFlowStateDump(TcpState.SynSent, 5000, null, null, null), 0, 1, 0, 60)),
    ]);

    public static DumpVirt2PhysResp V2p { get; } = new(
    [
        new VpcMapResp(new Vni(100),
            [new V2pEntry4(Ipv4Addr.Parse("172.30.0.5"), new GuestPhysAddr(MacAddr.Parse("a8:40:25:00:00:01"), Ipv6Addr.Parse("fd00:1::1"))),
             new V2pEntry4(Ipv4Addr.Parse("172.30.0.6"), new GuestPhysAddr(MacAddr.Parse("a8:40:25:00:00:02"), Ipv6Addr.Parse("fd00:2::1")))],
            [new V2pEntry6(Ipv6Addr.Parse("fd00:100::6"), new GuestPhysAddr(MacAddr.Parse("a8:40:25:00:00:02"), Ipv6Addr.Parse("fd00:2::1")))]),
    ]);

    public static DumpVirt2BoundaryResp V2b { get; } = new(new V2bMapResp(
        [new V2bEntry4(Ipv4Cidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99)), new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::2"), new Vni(99))])],
        [new V2bEntry6(Ipv6Cidr.Parse("::/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99))])]));

    public static DumpMcastForwardingResp McastForwarding { get; } = new(
    [
        new McastForwardingEntry(Ipv6Addr.Parse("ff04::e001:101"),
        [
            new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:2::1"), new Vni(77)), Replication.Underlay),
            new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:99::1"), new Vni(77)), Replication.External),
        ]),
    ]);

    public static DumpMcastSubscriptionsResp McastSubscriptions { get; } = new(
    [
        new McastSubscriptionEntry(Ipv6Addr.Parse("ff04::e001:101"), ["opte0", "opte1"]),
        new McastSubscriptionEntry(Ipv6Addr.Parse("ff04::e001:102"), []),
    ]);

    public static DumpMcast2PhysResp Mcast2Phys { get; } = new(
    [
        new Mcast2PhysEntry(IpAddr.Parse("239.1.1.1"), Ipv6Addr.Parse("ff04::e001:101")),
    ]);

    public static StatsResp Stats { get; } = new(
        "opte0",
        [new StatCounter("in_uft_hit", 3), new StatCounter("out_uft_hit", 4), new StatCounter("out_drop_layer", 1)],
        [new LayerStats("firewall", [new StatCounter("lft_hit", 6), new StatCounter("rule_match", 2)])],
        [new StatCounter("parse_drop_truncated", 2)]);

    public static InfoResp Info { get; } = new("0.4.0+sim", 41, 1, 0, "opte-nic-sim", "rev A");
}
