using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests.Commands;

/// <summary>
/// One or more golden vectors for every request, response and dump type. Shared pieces:
/// "opte0" = 05 6F 70 74 65 30; 10.0.0.5 = 0A 00 00 05; 10.0.0.6 = 0A 00 00 06; 239.1.1.1 = EF 01 01 01;
/// ff04::10 = FF 04, thirteen 00, 10; IpAddr/IpCidr prefix 00 (Ip4) or 01 (Ip6); other pieces in <see cref="Samples"/>.
/// </summary>
public class CommandGoldenTests
{
    private const string Port = "05 6F 70 74 65 30";
    private const string Underlay = "FF 04 00 00 00 00 00 00 00 00 00 00 00 00 00 10";

    private static readonly Ipv6Addr UnderlayGroup = Ipv6Addr.Parse("ff04::10");
    private static readonly IpAddr Group = IpAddr.Parse("239.1.1.1");

    // proto 06, AddrPair::V4 (00), 10.0.0.5, 10.0.0.6, src port 40000 = 0x9C40 → C0 B8 02, dst port 22 → 16.
    private static readonly InnerFlowId Flow = new(6, IpAddr.Parse("10.0.0.5"), IpAddr.Parse("10.0.0.6"), 40000, 22);
    private const string FlowHex = "06 00 0A 00 00 05 0A 00 00 06 C0 B8 02 16";

    // Established (04); Some(1000 = E8 07); None; Some(5); Some(1001 = E9 07).
    private static readonly TcpFlowStateDump TcpState = new(Api.Commands.TcpState.Established, 1000, null, 5, 1001);
    private const string TcpStateHex = "04 01 E8 07 00 01 05 01 E9 07";

    // hits 3, inbound_ufid None, state, segs in 2 / out 1, bytes in 120 (78) / out 60 (3C).
    private static readonly TcpFlowEntryDump TcpEntry = new(3, null, TcpState, 2, 1, 120, 60);
    private const string TcpEntryHex = "03 00 " + TcpStateHex + " 02 01 78 3C";

    // priority 100 (64), predicates ["a"], data predicates [], action "allow".
    private static readonly RuleDump Rule = new(100, ["a"], [], "allow");
    private const string RuleHex = "64 01 01 61 00 05 61 6C 6C 6F 77";
    private static readonly RuleTableEntryDump RuleEntry = new(0, 9, Rule);
    private const string RuleEntryHex = "00 09 " + RuleHex;

    private static readonly FlowEntryDump FlowEntry = new(Flow, 2, "x");
    private const string FlowEntryHex = FlowHex + " 02 01 78";

    // V2P: 10.0.0.6 → (guest MAC, fd00::1).
    private static readonly V2pEntry4 V2p4 = new(Ipv4Addr.Parse("10.0.0.6"), new GuestPhysAddr(Samples.GuestMac, Samples.Phys));
    private const string V2p4Hex = "0A 00 00 06 " + Samples.GuestMacHex + " " + Samples.PhysHex;
    private static readonly VpcMapResp VpcMap = new(new Vni(100), [V2p4], []);
    private const string VpcMapHex = "00 00 64 01 " + V2p4Hex + " 00";

    // 0.0.0.0/0 → [(fd00::1, VNI 99)].
    private static readonly TunnelEndpoint Tep = new(Samples.Phys, new Vni(99));
    private const string TepHex = Samples.PhysHex + " 00 00 63";
    private static readonly V2bEntry4 V2b4 = new(Ipv4Cidr.Parse("0.0.0.0/0"), [Tep]);
    private const string V2b4Hex = "00 00 00 00 00 01 " + TepHex;

    // next hop fd00::1 VNI 77 (4D), replication Underlay (01).
    private static readonly McastNextHop NextHop = new(new NextHopV6(Samples.Phys, new Vni(77)), Replication.Underlay);
    private const string NextHopHex = Samples.PhysHex + " 00 00 4D 01";

    private static readonly Guid Gateway = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");
    private const string GatewayHex = "10 01 23 45 67 89 AB CD EF 01 23 45 67 89 AB CD EF";

    // "in_drop" = 69 6E 5F 64 72 6F 70, 300 = AC 02.
    private static readonly StatCounter Counter = new("in_drop", 300);
    private const string CounterHex = "07 69 6E 5F 64 72 6F 70 AC 02";
    private static readonly LayerStats Layer = new("fw", [new StatCounter("deny", 2)]);
    private const string LayerHex = "02 66 77 01 04 64 65 6E 79 02";

    private static readonly PortInfo Info = new("opte0", Samples.GuestMac, Ipv4Addr.Parse("10.0.0.5"), null,
        [Ipv4Addr.Parse("10.1.1.3")], null, null, null, "running");
    // name, MAC, Some(10.0.0.5), None, Some([10.1.1.3]), None, None, None, "running".
    private const string InfoHex = Port + " " + Samples.GuestMacHex + " 01 0A 00 00 05 00 01 01 0A 01 01 03 00 00 00 " +
                                   "07 72 75 6E 6E 69 6E 67";

    public static IEnumerable<object[]> Cases() => AllCases().Select(c => new object[] { c });

    internal static IEnumerable<GoldenCase> AllCases()
    {
        // Values and dumps.
        yield return GoldenCase.Of(new NoResp(0), "00");
        yield return GoldenCase.Of(Info, InfoHex);
        yield return GoldenCase.Of(Flow, FlowHex);
        // ICMPv6 (3A), AddrPair::V6 (01), fd00::1 → fd00::2, type/code word 128 (80 01), echo id 7.
        yield return GoldenCase.Of(new InnerFlowId(58, Samples.Phys, IpAddr.Parse("fd00::2"), 128, 7),
            "3A 01 " + Samples.PhysHex + " FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 80 01 07");
        yield return GoldenCase.Of(TcpState, TcpStateHex);
        yield return GoldenCase.Of(TcpEntry, TcpEntryHex);
        // Some(inbound flow id).
        yield return GoldenCase.Of(TcpEntry with { InboundUfid = Flow }, "03 01 " + FlowHex + " " + TcpStateHex + " 02 01 78 3C");
        yield return GoldenCase.Of(new TcpFlowDump(Flow, TcpEntry), FlowHex + " " + TcpEntryHex);
        yield return GoldenCase.Of(Rule, RuleHex);
        yield return GoldenCase.Of(RuleEntry, RuleEntryHex);
        yield return GoldenCase.Of(FlowEntry, FlowEntryHex);
        // "nat", 2 in, 3 out, "allow", "allow", 0 flows.
        yield return GoldenCase.Of(new LayerDesc("nat", 2, 3, "allow", "allow", 0),
            "03 6E 61 74 02 03 05 61 6C 6C 6F 77 05 61 6C 6C 6F 77 00");
        yield return GoldenCase.Of(V2p4, V2p4Hex);
        // fd00::6 → (guest MAC, fd00::1).
        yield return GoldenCase.Of(new V2pEntry6(Ipv6Addr.Parse("fd00::6"), new GuestPhysAddr(Samples.GuestMac, Samples.Phys)),
            "FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 06 " + Samples.GuestMacHex + " " + Samples.PhysHex);
        yield return GoldenCase.Of(VpcMap, VpcMapHex);
        // layout 3, slot 300 (AC 02).
        yield return GoldenCase.Of(new V2pCursor(3, 300), "03 AC 02");
        yield return GoldenCase.Of(V2b4, V2b4Hex);
        // fd00::/64 → [] .
        yield return GoldenCase.Of(new V2bEntry6(Ipv6Cidr.Parse("fd00::/64"), []),
            "FD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 40 00");
        yield return GoldenCase.Of(new V2bMapResp([V2b4], []), "01 " + V2b4Hex + " 00");
        yield return GoldenCase.Of(new NextHopV6(Samples.Phys, new Vni(77)), Samples.PhysHex + " 00 00 4D");
        yield return GoldenCase.Of(NextHop, NextHopHex);
        yield return GoldenCase.Of(new McastForwardingEntry(UnderlayGroup, [NextHop]), Underlay + " 01 " + NextHopHex);
        yield return GoldenCase.Of(new McastSubscriptionEntry(UnderlayGroup, ["opte0"]), Underlay + " 01 " + Port);
        yield return GoldenCase.Of(new Mcast2PhysEntry(Group, UnderlayGroup), "00 EF 01 01 01 " + Underlay);
        yield return GoldenCase.Of(new InetGatewayEntry(IpAddr.Parse("10.1.1.3"), [Gateway]), "00 0A 01 01 03 01 " + GatewayHex);
        yield return GoldenCase.Of(Counter, CounterHex);
        yield return GoldenCase.Of(Layer, LayerHex);

        // Requests and responses, in command-code order.
        yield return GoldenCase.Of(new ListPortsReq(), "");
        yield return GoldenCase.Of(new ListPortsResp([Info]), "01 " + InfoHex);
        yield return GoldenCase.Of(new AddFwRuleReq("opte0", Samples.Rule), Port + " " + Samples.RuleHex);
        // dir Out (01), id 300 (AC 02).
        yield return GoldenCase.Of(new RemFwRuleReq("opte0", Direction.Out, 300), Port + " 01 AC 02");
        yield return GoldenCase.Of(new SetFwRulesReq("opte0", [Samples.Rule]), Port + " 01 " + Samples.RuleHex);
        yield return GoldenCase.Of(new DumpTcpFlowsReq("opte0"), Port);
        yield return GoldenCase.Of(new DumpTcpFlowsResp([new TcpFlowDump(Flow, TcpEntry)]), "01 " + FlowHex + " " + TcpEntryHex);
        // layer "fw" = 02 66 77.
        yield return GoldenCase.Of(new DumpLayerReq("opte0", "fw"), Port + " 02 66 77");
        // "fw", [rule], [], "deny", "allow", in hits 1, out hits 0, [flow], [].
        yield return GoldenCase.Of(new DumpLayerResp("fw", [RuleEntry], [], "deny", "allow", 1, 0, [FlowEntry], []),
            "02 66 77 01 " + RuleEntryHex + " 00 04 64 65 6E 79 05 61 6C 6C 6F 77 01 00 01 " + FlowEntryHex + " 00");
        yield return GoldenCase.Of(new DumpUftReq("opte0"), Port);
        // limits 8192 = 0x2000 → 80 40.
        yield return GoldenCase.Of(new DumpUftResp(8192, 1, [FlowEntry], 8192, 0, []),
            "80 40 01 01 " + FlowEntryHex + " 80 40 00 00");
        yield return GoldenCase.Of(new ListLayersReq("opte0"), Port);
        yield return GoldenCase.Of(new ListLayersResp([new LayerDesc("nat", 2, 3, "allow", "allow", 0)]),
            "01 03 6E 61 74 02 03 05 61 6C 6C 6F 77 05 61 6C 6C 6F 77 00");
        yield return GoldenCase.Of(new ClearUftReq("opte0"), Port);
        yield return GoldenCase.Of(new ClearLftReq("opte0", "nat"), Port + " 03 6E 61 74");
        const string v2pReqHex = "00 0A 00 00 06 " + Samples.GuestMacHex + " " + Samples.PhysHex + " 00 00 64";
        yield return GoldenCase.Of(new SetVirt2PhysReq(IpAddr.Parse("10.0.0.6"),
            new PhysNet(Samples.GuestMac, Samples.Phys, new Vni(100))), v2pReqHex);
        // unused 0, after None, max 0.
        // OPTE's form is the single byte 00 (unused 0), decoding to the same default request.
        yield return GoldenCase.Extended(new DumpVirt2PhysReq(), "00 00 00", 1, new DumpVirt2PhysReq());
        // unused 0, Some(cursor layout 3 / slot 300), max 1000 (E8 07).
        yield return GoldenCase.Extended(new DumpVirt2PhysReq(0, new V2pCursor(3, 300), 1000),
            "00 01 03 AC 02 E8 07", 1, new DumpVirt2PhysReq());
        // OPTE's form stops after the mappings (1 + 31 bytes); the trailing 00 is next = None.
        yield return GoldenCase.Extended(new DumpVirt2PhysResp([VpcMap]), "01 " + VpcMapHex + " 00", 32,
            new DumpVirt2PhysResp([VpcMap]));
        yield return GoldenCase.Extended(new DumpVirt2PhysResp([VpcMap], new V2pCursor(3, 300)),
            "01 " + VpcMapHex + " 01 03 AC 02", 32, new DumpVirt2PhysResp([VpcMap]));
        yield return GoldenCase.Of(new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [Tep]), "00 00 00 00 00 00 01 " + TepHex);
        yield return GoldenCase.Of(new ClearVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [Tep]), "00 00 00 00 00 00 01 " + TepHex);
        yield return GoldenCase.Of(new DumpVirt2BoundaryReq(0), "00");
        yield return GoldenCase.Of(new DumpVirt2BoundaryResp(new V2bMapResp([V2b4], [])), "01 " + V2b4Hex + " 00");
        yield return GoldenCase.Of(new ClearVirt2PhysReq(IpAddr.Parse("10.0.0.6"),
            new PhysNet(Samples.GuestMac, Samples.Phys, new Vni(100))), v2pReqHex);
        // 0.0.0.0/0 → ig (01, None 00), class System (00).
        yield return GoldenCase.Of(new AddRouterEntryReq("opte0", IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null),
            RouterClass.System), Port + " 00 00 00 00 00 00 01 00 00");
        // 10.0.0.0/24 → sub4=10.0.0.0/24 (03 00 …), class Custom (01).
        yield return GoldenCase.Of(new DelRouterEntryReq("opte0", Samples.Subnet, new RouterTarget.VpcSubnet(Samples.Subnet),
            RouterClass.Custom), Port + " 00 " + Samples.SubnetHex + " 03 00 " + Samples.SubnetHex + " 01");
        yield return GoldenCase.Of(new DelRouterEntryResp(RemovalOutcome.Ok), "00");
        yield return GoldenCase.Of(new DelRouterEntryResp(RemovalOutcome.NotFound), "01");
        // name, linkid 0, cfg, dhcp, passthrough false, mtu 1500 = 0x5DC → DC 0B.
        // OPTE's form ends after passthrough (two bytes earlier) and gets the default MTU.
        byte[] createXde = Hex.Parse(Port + " 00 " + Samples.VpcHex + " " + Samples.DhcpHex + " 00 DC 0B");
        yield return GoldenCase.Extended(new CreateXdeReq("opte0", 0, Samples.Vpc, Samples.Dhcp, false, 9000),
            Hex.Format(createXde.AsSpan(0, createXde.Length - 2)) + " A8 46", createXde.Length - 2,
            new CreateXdeReq("opte0", 0, Samples.Vpc, Samples.Dhcp, false));
        yield return GoldenCase.Extended(new CreateXdeReq("opte0", 0, Samples.Vpc, Samples.Dhcp, false),
            Hex.Format(createXde), createXde.Length - 2, new CreateXdeReq("opte0", 0, Samples.Vpc, Samples.Dhcp, false));
        yield return GoldenCase.Of(new DeleteXdeReq("opte0"), Port);
        // "e0" "e1".
        yield return GoldenCase.Of(new SetXdeUnderlayReq("e0", "e1"), "02 65 30 02 65 31");
        yield return GoldenCase.Of(new ClearXdeUnderlayReq(), "");
        // Some(v4 external), None (v6), Some([10.1.1.3 → {gateway}]).
        yield return GoldenCase.Of(new SetExternalIpsReq("opte0", Samples.External, null,
                [new InetGatewayEntry(IpAddr.Parse("10.1.1.3"), [Gateway])]),
            Port + " 01 " + Samples.ExternalHex + " 00 01 01 00 0A 01 01 03 01 " + GatewayHex);
        yield return GoldenCase.Of(new SetExternalIpsReq("opte0", null, null, null), Port + " 00 00 00");
        yield return GoldenCase.Of(new AllowCidrReq("opte0", Samples.Subnet, Direction.In), Port + " 00 " + Samples.SubnetHex + " 00");
        yield return GoldenCase.Of(new RemoveCidrReq("opte0", Samples.Subnet, Direction.Out), Port + " 00 " + Samples.SubnetHex + " 01");
        yield return GoldenCase.Of(new RemoveCidrResp(RemovalOutcome.NotFound), "01");
        yield return GoldenCase.Of(new AttachSubnetReq("opte0", Samples.Subnet, true), Port + " 00 " + Samples.SubnetHex + " 01");
        yield return GoldenCase.Of(new DetachSubnetReq("opte0", Samples.Subnet), Port + " 00 " + Samples.SubnetHex);
        yield return GoldenCase.Of(new SetMcastForwardingReq(UnderlayGroup, [NextHop]), Underlay + " 01 " + NextHopHex);
        yield return GoldenCase.Of(new ClearMcastForwardingReq(UnderlayGroup), Underlay);
        yield return GoldenCase.Of(new DumpMcastForwardingReq(), "");
        yield return GoldenCase.Of(new DumpMcastForwardingResp([new McastForwardingEntry(UnderlayGroup, [NextHop])]),
            "01 " + Underlay + " 01 " + NextHopHex);
        yield return GoldenCase.Of(new McastSubscribeReq("opte0", Group), Port + " 00 EF 01 01 01");
        yield return GoldenCase.Of(new McastUnsubscribeReq("opte0", Group), Port + " 00 EF 01 01 01");
        yield return GoldenCase.Of(new SetMcast2PhysReq(Group, UnderlayGroup), "00 EF 01 01 01 " + Underlay);
        yield return GoldenCase.Of(new ClearMcast2PhysReq(Group, UnderlayGroup), "00 EF 01 01 01 " + Underlay);
        yield return GoldenCase.Of(new DumpMcastSubscriptionsReq(), "");
        yield return GoldenCase.Of(new DumpMcastSubscriptionsResp([new McastSubscriptionEntry(UnderlayGroup, ["opte0"])]),
            "01 " + Underlay + " 01 " + Port);
        yield return GoldenCase.Of(new McastUnsubscribeAllReq(Group), "00 EF 01 01 01");
        yield return GoldenCase.Of(new DumpMcast2PhysReq(), "");
        yield return GoldenCase.Of(new DumpMcast2PhysResp([new Mcast2PhysEntry(Group, UnderlayGroup)]), "01 00 EF 01 01 01 " + Underlay);
        yield return GoldenCase.Of(new InfoReq(), "");
        // "1.0.0", API 41 (29), ABI 1.0, "sim", "A".
        yield return GoldenCase.Of(new InfoResp("1.0.0", 41, 1, 0, "sim", "A"), "05 31 2E 30 2E 30 29 01 00 03 73 69 6D 01 41");
        yield return GoldenCase.Of(new StatsReq(null), "00");
        yield return GoldenCase.Of(new StatsReq("opte0"), "01 " + Port);
        yield return GoldenCase.Of(new PausePortReq("opte0"), Port);
        // Replication: External 0, Underlay 1, Both 2 (behaviour §2), after the next hop's address and VNI 77 = 00 00 4D.
        yield return GoldenCase.Of(new McastNextHop(new NextHopV6(Samples.Phys, new Vni(77)), Replication.External), Samples.PhysHex + " 00 00 4D 00");
        yield return GoldenCase.Of(new McastNextHop(new NextHopV6(Samples.Phys, new Vni(77)), Replication.Both), Samples.PhysHex + " 00 00 4D 02");
        yield return GoldenCase.Of(new StartPortReq("opte0"), Port);
        yield return GoldenCase.Of(new StatsResp("opte0", [Counter], [Layer], []), "01 " + Port + " 01 " + CounterHex + " 01 " + LayerHex + " 00");
        // Port state move (204/205): the blob is Vec<u8> (length 02, bytes); Denied = 01; message "x" = 01 78.
        yield return GoldenCase.Of(new ExportPortStateReq("opte0"), Port);
        yield return GoldenCase.Of(new ExportPortStateResp("opte0", 2, [0x4F, 0x50]), Port + " 02 02 4F 50");
        yield return GoldenCase.Of(new ImportPortStateReq("opte0", [0x4F, 0x50, 0x53]), Port + " 03 4F 50 53");
        yield return GoldenCase.Of(new FlowRestoreFailure(Flow, FlowRestoreReason.Denied, "x"), FlowHex + " 01 01 78");
        yield return GoldenCase.Of(new FlowRestoreFailure(Flow, FlowRestoreReason.ProcessError, ""), FlowHex + " 05 00");
        yield return GoldenCase.Of(new ImportPortStateResp("opte0", 3, [new FlowRestoreFailure(Flow, FlowRestoreReason.NatPortUnavailable, "x")]),
            Port + " 03 01 " + FlowHex + " 00 01 78");
        yield return GoldenCase.Of(new ImportPortStateResp("opte0", 0, []), Port + " 00 00");
    }

    [Theory]
    [MemberData(nameof(Cases), DisableDiscoveryEnumeration = true)]
    public void Type_matches_its_golden_vector(GoldenCase golden) => golden.Run();

    [Fact]
    public void Every_serializable_api_type_has_a_golden_vector()
    {
        var covered = new HashSet<Type>(AllCases().Select(c => c.Type));
        // Types covered by the Net, Vpc and error vector tables.
        covered.UnionWith([
            typeof(MacAddr), typeof(Vni), typeof(Ipv4Addr), typeof(Ipv6Addr), typeof(IpAddr), typeof(Ipv4Cidr),
            typeof(Ipv6Cidr), typeof(IpCidr), typeof(PhysNet), typeof(GuestPhysAddr), typeof(TunnelEndpoint),
            typeof(SNatCfg<>), typeof(ExternalIpCfg<>), typeof(AttachedSubnet<>), typeof(TransitIp<>), typeof(Ipv4Cfg),
            typeof(Ipv6Cfg), typeof(IpCfg), typeof(VpcCfg), typeof(DhcpCfg), typeof(RouterTarget), typeof(FirewallAddress),
            typeof(IcmpFilter), typeof(ProtocolFilter), typeof(Ports), typeof(Filters), typeof(FirewallRule), typeof(OpteError),
        ]);
        var open = new HashSet<Type>(covered.Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t));
        Type[] serializable = typeof(OpteError).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsInterface && t.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPostcardSerializable<>)))
            .ToArray();
        Assert.NotEmpty(serializable);
        Assert.Empty(serializable.Where(t => !open.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void Every_command_code_has_exactly_one_request_type_carrying_that_code()
    {
        Type[] requestTypes = typeof(OpteError).Assembly.GetTypes()
            .Where(t => !t.IsInterface && typeof(IOpteRequest).IsAssignableFrom(t)).ToArray();
        Assert.Equal(Enum.GetValues<OpteCmd>().Length, requestTypes.Length);
        foreach (OpteCmd cmd in Enum.GetValues<OpteCmd>())
        {
            GoldenCase golden = AllCases().First(c => c.Type.Name == cmd + "Req");
            Assert.Equal(cmd, ((IOpteRequest)golden.Value).Command);
        }
    }
}
