using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>
/// Command line → request value, for every OPTE subcommand: the request a card would receive is exactly the one
/// expected (records compare by value, lists included). Case names are the data so each shows as its own test.
/// </summary>
public sealed class OpteRequestParsingTests
{
    private static readonly MacAddr GuestMac = MacAddr.Parse("a8:40:25:00:00:01");
    private static readonly Ipv6Addr Sled2 = Ipv6Addr.Parse("fd00:2::1");
    private static readonly Guid Gateway = Guid.Parse("6d2c2f33-35a4-4c0e-9a3e-4b4e6b0c7a11");

    /// <summary>A state file for import-port-state (opteadm passes its bytes unchanged; the card checks them).</summary>
    private static readonly string s_stateFile = WriteStateFile();

    private static readonly Dictionary<string, (string[] Args, string Stdin, IOpteRequest Expected)> s_cases = new()
    {
        ["list-ports"] = (["list-ports"], "", new ListPortsReq()),
        ["list-ports --json"] = (["list-ports", "--json"], "", new ListPortsReq()),
        ["list-layers"] = (["list-layers", "-p", "opte0"], "", new ListLayersReq("opte0")),
        ["dump-layer"] = (["dump-layer", "--port", "opte0", "firewall"], "", new DumpLayerReq("opte0", "firewall")),
        ["clear-uft"] = (["clear-uft", "-p", "opte0"], "", new ClearUftReq("opte0")),
        ["clear-lft"] = (["clear-lft", "-p", "opte0", "nat"], "", new ClearLftReq("opte0", "nat")),
        ["dump-uft"] = (["dump-uft", "-p", "opte1", "--json"], "", new DumpUftReq("opte1")),
        ["dump-tcp-flows"] = (["dump-tcp-flows", "-p", "opte0"], "", new DumpTcpFlowsReq("opte0")),
        ["dump-v2p pages of 4096"] = (["dump-v2p"], "", new DumpVirt2PhysReq(0, null, 4096)),
        ["dump-v2p whole table"] = (["dump-v2p", "--page-size", "0"], "", new DumpVirt2PhysReq(0, null, 0)),
        ["dump-v2b"] = (["dump-v2b"], "", new DumpVirt2BoundaryReq(0)),
        ["add-fw-rule text"] = (["add-fw-rule", "-p", "opte0", "dir=in", "action=allow", "priority=10", "protocol=tcp", "port=22"], "",
            new AddFwRuleReq("opte0", new FirewallRule(Direction.In, new Filters(new FirewallAddress.Any(), new ProtocolFilter.Tcp(), new Ports.PortList([22])), FirewallAction.Allow, 10))),
        ["add-fw-rule options"] = (["add-fw-rule", "-p", "opte0", "--direction", "out", "--action", "deny", "--priority", "5", "--hosts", "subnet=10.1.0.0/16"], "",
            new AddFwRuleReq("opte0", new FirewallRule(Direction.Out, new Filters(new FirewallAddress.Subnet(IpCidr.Parse("10.1.0.0/16")), new ProtocolFilter.Any(), new Ports.Any()), FirewallAction.Deny, 5))),
        ["rm-fw-rule"] = (["rm-fw-rule", "-p", "opte0", "in", "7"], "", new RemFwRuleReq("opte0", Direction.In, 7)),
        ["set-fw-rules"] = (["set-fw-rules", "-p", "opte0"], "# ssh in, everything out\ndir=in action=allow priority=10 protocol=tcp port=22\n\ndir=out action=allow priority=65535\n",
            new SetFwRulesReq("opte0", [
                new FirewallRule(Direction.In, new Filters(new FirewallAddress.Any(), new ProtocolFilter.Tcp(), new Ports.PortList([22])), FirewallAction.Allow, 10),
                new FirewallRule(Direction.Out, Filters.Everything, FirewallAction.Allow, 65535),
            ])),
        ["set-fw-rules empty"] = (["set-fw-rules", "-p", "opte0"], "", new SetFwRulesReq("opte0", [])),
        ["create-xde ipv4"] = (["create-xde", "opte0", "--private-mac", "a8:40:25:00:00:01", "--vni", "100", "--src-underlay-addr", "fd00:1::1",
                "--private-ipv4", "172.30.0.5", "--vpc-subnet-ipv4", "172.30.0.0/22", "--snat-ipv4", "198.51.100.5", "--snat-start", "1024", "--snat-end", "2047"], "",
            new CreateXdeReq("opte0", 0,
                new VpcCfg(
                    new IpCfg.Ipv4(new Ipv4Cfg(Ipv4Cidr.Parse("172.30.0.0/22"), Ipv4Addr.Parse("172.30.0.5"), Ipv4Addr.Parse("172.30.0.1"),
                        new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("198.51.100.5"), 1024, 2047), null, []), [], [])),
                    GuestMac, VpcCfg.DefaultGatewayMac, new Vni(100), Ipv6Addr.Parse("fd00:1::1")),
                DhcpCfg.Empty, false)),
        ["create-xde dual stack with dhcp"] = (["create-xde", "opte1", "--private-mac", "a8:40:25:00:00:01", "--vpc-vni", "7", "--src-underlay-addr", "fd00:2::1",
                "--private-ipv4", "10.0.0.5", "--vpc-subnet-ipv4", "10.0.0.0/24", "--gateway-ipv4", "10.0.0.254", "--ephemeral-ipv4", "198.51.100.9", "--floating-ipv4", "198.51.100.10", "198.51.100.11",
                "--private-ipv6", "fd00:100::5", "--vpc-subnet-ipv6", "fd00:100::/64", "--external-subnet", "203.0.113.0/28", "--attached-subnet", "fd00:200::/64", "--transit-ip", "10.9.0.0/16",
                "--hostname", "web1", "--host-domain", "example.test", "--domain-search", "a.test", "--domain-search", "b.test", "--dns4", "10.0.0.254", "--dns6", "fd00:100::1",
                "--gateway-mac", "a8:40:25:ff:00:01", "--linkid", "3", "--mtu", "9000", "--passthrough"], "",
            new CreateXdeReq("opte1", 3,
                new VpcCfg(
                    new IpCfg.DualStack(
                        new Ipv4Cfg(Ipv4Cidr.Parse("10.0.0.0/24"), Ipv4Addr.Parse("10.0.0.5"), Ipv4Addr.Parse("10.0.0.254"),
                            new ExternalIpCfg<Ipv4Addr>(null, Ipv4Addr.Parse("198.51.100.9"), [Ipv4Addr.Parse("198.51.100.10"), Ipv4Addr.Parse("198.51.100.11")]),
                            [new AttachedSubnet<Ipv4Cidr>(Ipv4Cidr.Parse("203.0.113.0/28"), true)],
                            [new TransitIp<Ipv4Cidr>(Ipv4Cidr.Parse("10.9.0.0/16"), true, true)]),
                        new Ipv6Cfg(Ipv6Cidr.Parse("fd00:100::/64"), Ipv6Addr.Parse("fd00:100::5"), Ipv6Addr.Parse("fd00:100::1"),
                            ExternalIpCfg<Ipv6Addr>.None,
                            [new AttachedSubnet<Ipv6Cidr>(Ipv6Cidr.Parse("fd00:200::/64"), false)],
                            [])),
                    GuestMac, MacAddr.Parse("a8:40:25:ff:00:01"), new Vni(7), Sled2),
                new DhcpCfg("web1", "example.test", ["a.test", "b.test"], [Ipv4Addr.Parse("10.0.0.254")], [Ipv6Addr.Parse("fd00:100::1")]),
                true, 9000)),
        ["delete-xde"] = (["delete-xde", "opte0"], "", new DeleteXdeReq("opte0")),
        ["set-xde-underlay"] = (["set-xde-underlay", "wire0", "wire1"], "", new SetXdeUnderlayReq("wire0", "wire1")),
        ["clear-xde-underlay"] = (["clear-xde-underlay"], "", new ClearXdeUnderlayReq()),
        ["set-v2p ipv4"] = (["set-v2p", "172.30.0.6", "a8:40:25:00:00:01", "fd00:2::1", "100"], "",
            new SetVirt2PhysReq(IpAddr.Parse("172.30.0.6"), new PhysNet(GuestMac, Sled2, new Vni(100)))),
        ["set-v2p ipv6"] = (["set-v2p", "fd00:100::6", "A8-40-25-00-00-01", "fd00:2::1", "16777215"], "",
            new SetVirt2PhysReq(IpAddr.Parse("fd00:100::6"), new PhysNet(GuestMac, Sled2, new Vni(16777215)))),
        ["clear-v2p"] = (["clear-v2p", "172.30.0.6", "a8:40:25:00:00:01", "fd00:2::1", "100"], "",
            new ClearVirt2PhysReq(IpAddr.Parse("172.30.0.6"), new PhysNet(GuestMac, Sled2, new Vni(100)))),
        ["set-v2b"] = (["set-v2b", "0.0.0.0/0", "fd00:99::1", "fd00:99::2,7"], "",
            new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99)), new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::2"), new Vni(7))])),
        ["clear-v2b"] = (["clear-v2b", "::/0", "fd00:99::1"], "",
            new ClearVirt2BoundaryReq(IpCidr.Parse("::/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99))])),
        ["set-m2p"] = (["set-m2p", "239.1.1.1", "ff04::e001:101"], "", new SetMcast2PhysReq(IpAddr.Parse("239.1.1.1"), Ipv6Addr.Parse("ff04::e001:101"))),
        ["clear-m2p"] = (["clear-m2p", "ff0e::1", "ff04::1"], "", new ClearMcast2PhysReq(IpAddr.Parse("ff0e::1"), Ipv6Addr.Parse("ff04::1"))),
        ["set-mcast-fwd"] = (["set-mcast-fwd", "ff04::e001:101", "fd00:2::1", "fd00:3::1,88,underlay", "fd00:99::1,77,both"], "",
            new SetMcastForwardingReq(Ipv6Addr.Parse("ff04::e001:101"), [
                new McastNextHop(new NextHopV6(Sled2, new Vni(77)), Replication.External),
                new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:3::1"), new Vni(88)), Replication.Underlay),
                new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:99::1"), new Vni(77)), Replication.Both),
            ])),
        ["clear-mcast-fwd"] = (["clear-mcast-fwd", "ff04::e001:101"], "", new ClearMcastForwardingReq(Ipv6Addr.Parse("ff04::e001:101"))),
        ["dump-mcast-fwd"] = (["dump-mcast-fwd"], "", new DumpMcastForwardingReq()),
        ["dump-mcast-subs"] = (["dump-mcast-subs", "--json"], "", new DumpMcastSubscriptionsReq()),
        ["dump-m2p"] = (["dump-m2p"], "", new DumpMcast2PhysReq()),
        ["mcast-subscribe"] = (["mcast-subscribe", "-p", "opte0", "239.1.1.1"], "", new McastSubscribeReq("opte0", IpAddr.Parse("239.1.1.1"))),
        ["mcast-unsubscribe"] = (["mcast-unsubscribe", "-p", "opte0", "239.1.1.1"], "", new McastUnsubscribeReq("opte0", IpAddr.Parse("239.1.1.1"))),
        ["mcast-unsubscribe-all"] = (["mcast-unsubscribe-all", "239.1.1.1"], "", new McastUnsubscribeAllReq(IpAddr.Parse("239.1.1.1"))),
        ["add-router-entry ig"] = (["add-router-entry", "-p", "opte0", "0.0.0.0/0", "ig"], "",
            new AddRouterEntryReq("opte0", IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null), RouterClass.System)),
        ["add-router-entry custom ig=uuid"] = (["add-router-entry", "-p", "opte0", "10.9.0.0/16", $"ig={Gateway}", "--class", "custom"], "",
            new AddRouterEntryReq("opte0", IpCidr.Parse("10.9.0.0/16"), new RouterTarget.InternetGateway(Gateway), RouterClass.Custom)),
        ["add-router-entry subnet"] = (["add-router-entry", "-p", "opte0", "172.30.0.0/22", "sub4=172.30.0.0/22"], "",
            new AddRouterEntryReq("opte0", IpCidr.Parse("172.30.0.0/22"), new RouterTarget.VpcSubnet(IpCidr.Parse("172.30.0.0/22")), RouterClass.System)),
        ["del-router-entry"] = (["del-router-entry", "-p", "opte0", "fd00::/8", "ip6=fd00::9"], "",
            new DelRouterEntryReq("opte0", IpCidr.Parse("fd00::/8"), new RouterTarget.Ip(IpAddr.Parse("fd00::9")), RouterClass.System)),
        ["set-external-ips snat+ephemeral"] = (["set-external-ips", "-p", "opte0", "--snat-ipv4", "198.51.100.5", "--snat-start", "1024", "--snat-end", "2047", "--ephemeral-ipv4", "198.51.100.20"], "",
            new SetExternalIpsReq("opte0", new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("198.51.100.5"), 1024, 2047), Ipv4Addr.Parse("198.51.100.20"), []), null, null)),
        ["set-external-ips floating+gateways"] = (["set-external-ips", "-p", "opte0", "--floating-ipv6", "2001:db8::30", "--inet-gw", $"2001:db8::30={Gateway}"], "",
            new SetExternalIpsReq("opte0", null, new ExternalIpCfg<Ipv6Addr>(null, null, [Ipv6Addr.Parse("2001:db8::30")]), [new InetGatewayEntry(IpAddr.Parse("2001:db8::30"), [Gateway])])),
        ["set-external-ips clear"] = (["set-external-ips", "-p", "opte0", "--clear-ipv4", "--clear-ipv6"], "",
            new SetExternalIpsReq("opte0", ExternalIpCfg<Ipv4Addr>.None, ExternalIpCfg<Ipv6Addr>.None, null)),
        ["allow-cidr"] = (["allow-cidr", "-p", "opte0", "10.20.0.0/16", "out"], "", new AllowCidrReq("opte0", IpCidr.Parse("10.20.0.0/16"), Direction.Out)),
        ["remove-cidr"] = (["remove-cidr", "-p", "opte0", "10.20.0.0/16", "IN"], "", new RemoveCidrReq("opte0", IpCidr.Parse("10.20.0.0/16"), Direction.In)),
        ["attach-subnet"] = (["attach-subnet", "-p", "opte0", "10.5.0.0/24"], "", new AttachSubnetReq("opte0", IpCidr.Parse("10.5.0.0/24"), false)),
        ["attach-subnet external"] = (["attach-subnet", "-p", "opte0", "203.0.113.0/28", "--external"], "", new AttachSubnetReq("opte0", IpCidr.Parse("203.0.113.0/28"), true)),
        ["detach-subnet"] = (["detach-subnet", "-p", "opte0", "10.5.0.0/24"], "", new DetachSubnetReq("opte0", IpCidr.Parse("10.5.0.0/24"))),
        ["stats port"] = (["stats", "-p", "opte0"], "", new StatsReq("opte0")),
        ["stats card"] = (["stats", "--json"], "", new StatsReq(null)),
        ["info"] = (["info"], "", new InfoReq()),
        ["pause-port"] = (["pause-port", "-p", "opte0"], "", new PausePortReq("opte0")),
        ["export-port-state"] = (["export-port-state", "opte0", "-o", Path.Combine(Path.GetTempPath(), "opte0.state")], "", new ExportPortStateReq("opte0")),
        ["export-port-state --json"] = (["export-port-state", "opte0", "--output", Path.Combine(Path.GetTempPath(), "opte0.state"), "--json"], "", new ExportPortStateReq("opte0")),
        ["import-port-state"] = (["import-port-state", "opte0", "-i", s_stateFile], "", new ImportPortStateReq("opte0", [0x4F, 0x50, 0x53, 0x54, 0x01])),
        ["start-port"] = (["start-port", "--port", "opte0"], "", new StartPortReq("opte0")),
        ["global options before the subcommand"] = (["-d", "/tmp/card", "--timeout-ms", "50", "dump-uft", "-p", "opte0"], "", new DumpUftReq("opte0")),
    };

    public static TheoryData<string> Cases => [.. s_cases.Keys];

    private static string WriteStateFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opteadm-parse-{Environment.ProcessId}.state");
        File.WriteAllBytes(path, [0x4F, 0x50, 0x53, 0x54, 0x01]);
        return path;
    }

    [Fact]
    public void Import_port_state_from_a_missing_file_is_bad_input_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.state");
        var error = Assert.Throws<global::OpteAdm.Opte.OpteInputException>(() => OpteCli.Request(["import-port-state", "opte0", "-i", missing]));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_port_state_into_a_missing_directory_is_bad_input()
    {
        var target = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "opte0.state");
        var error = Assert.Throws<global::OpteAdm.Opte.OpteInputException>(() => OpteCli.Request(["export-port-state", "opte0", "-o", target]));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_state_commands_need_their_file_option()
    {
        Assert.Contains("--output", OpteCli.Errors("export-port-state", "opte0"), StringComparison.Ordinal);
        Assert.Contains("--input", OpteCli.Errors("import-port-state", "opte0"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Command_line_builds_the_expected_request(string name)
    {
        var (args, stdin, expected) = s_cases[name];
        var request = OpteCli.Request(args, stdin);
        Assert.Equal(expected, request);
        Assert.Equal(expected.Command, request.Command);
    }

    [Fact]
    public void Every_opte_subcommand_of_the_behaviour_list_exists_with_its_name()
    {
        string[] names =
        [
            "list-ports", "list-layers", "dump-layer", "clear-uft", "clear-lft", "dump-uft", "dump-tcp-flows", "dump-v2p",
            "dump-v2b", "add-fw-rule", "rm-fw-rule", "set-fw-rules", "create-xde", "delete-xde", "set-xde-underlay",
            "clear-xde-underlay", "set-v2p", "clear-v2p", "set-v2b", "clear-v2b", "set-m2p", "clear-m2p", "set-mcast-fwd",
            "clear-mcast-fwd", "dump-mcast-fwd", "dump-mcast-subs", "dump-m2p", "mcast-subscribe", "mcast-unsubscribe",
            "mcast-unsubscribe-all", "add-router-entry", "del-router-entry", "set-external-ips", "allow-cidr",
            "remove-cidr", "attach-subnet", "detach-subnet", "stats", "info", "pause-port", "start-port",
            "export-port-state", "import-port-state",
        ];
        var root = OpteCli.Root();
        var commands = root.Subcommands.OfType<global::OpteAdm.Opte.OpteCommand>().ToDictionary(c => c.Name);
        Assert.Equal(names.Order(), commands.Keys.Order());

        // Every command code of the API, OPTE's and the card's, is sent by some subcommand.
        var covered = s_cases.Values.Select(c => c.Expected.Command).ToHashSet();
        Assert.Equal(Enum.GetValues<OpteCmd>().Order(), covered.Order());
    }

    [Fact]
    public void Every_dump_and_list_has_json()
    {
        var root = OpteCli.Root();
        foreach (var command in root.Subcommands.OfType<global::OpteAdm.Opte.OpteCommand>()
                     .Where(c => c.Name.StartsWith("dump-", StringComparison.Ordinal) || c.Name.StartsWith("list-", StringComparison.Ordinal) || c.Name is "stats" or "info"))
        {
            Assert.True(command.Options.Any(o => o.Name == "--json"), $"{command.Name} has no --json");
        }
    }

    [Fact]
    public void Every_subcommand_help_has_examples()
    {
        foreach (var command in OpteCli.Root().Subcommands.OfType<global::OpteAdm.Opte.OpteCommand>())
        {
            var examples = global::OpteAdm.Opte.OpteHelp.ExamplesOf(command);
            Assert.NotEmpty(examples);
            Assert.All(examples, e => Assert.Contains($"opteadm {command.Name}", e, StringComparison.Ordinal));
            Assert.DoesNotContain('\n', command.Description ?? string.Empty);
        }
    }

    [Fact]
    public void Help_prints_the_examples_after_the_usage_even_without_required_options()
    {
        using var output = new StringWriter();
        var parse = OpteCli.Root().Parse(["dump-uft", "--help"]);
        Assert.Empty(parse.Errors);
        var exit = parse.Invoke(new global::System.CommandLine.InvocationConfiguration { Output = output });
        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("Usage:", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Examples:", StringComparison.Ordinal) > text.IndexOf("Options:", StringComparison.Ordinal), text);
        Assert.Contains("opteadm dump-uft -p opte0 --json", text, StringComparison.Ordinal);
    }
}
