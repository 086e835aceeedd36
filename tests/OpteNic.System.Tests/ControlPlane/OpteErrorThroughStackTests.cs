using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;
using OpteNic.System.Tests.Infrastructure;
using OpteNic.System.Tests.OpteAdm.Opte;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Every <see cref="OpteError"/> a command can provoke, through the whole stack: a real opteadm process → BAR mailbox
/// → the simulator process's firmware → the engine. Each case checks the words on stderr (which port, rule, field),
/// the exit code (host-tools/README.md), that nothing went to stdout, and that the card's every dump is byte for byte
/// what it was before (all or nothing). One simulator serves the whole class.
/// <para>
/// <c>BadState</c> is provoked as OPTE produces it, by a command on a port in the wrong state (pause-port / start-port,
/// datasheet §5.1). Not provokable by any command, so not here: <c>BadLayerPos</c> (no command takes a layer position),
/// <c>FlowExists</c>, <c>CopyinReq</c>/<c>CopyoutResp</c>
/// (a host following the protocol never hands the card a buffer outside host memory), <c>DeserCmdErr</c> and
/// <c>SerCmdErr</c> (encoder failures); datasheet §5.1 says why for each. <c>System(EOPNOTSUPP)</c> cannot come from
/// opteadm (every code it sends has a handler) and is provoked through the client library like the three below.
/// <c>DeserCmdReq</c>, <c>NoRequestBody</c> and <c>RespTooLarge</c> cannot come from opteadm, which always encodes
/// valid requests and grows its buffer; they are provoked through the client library against the same process.
/// </para>
/// </summary>
public sealed class OpteErrorThroughStackTests(ConfiguredCardFixture card) : IClassFixture<ConfiguredCardFixture>
{
    // Exit codes as host-tools/README.md documents them; written out so that renumbering one fails here.
    private const int AbiMismatch = 6;
    private const int BadInput = 13;
    private const int NotFound = 20;
    private const int AlreadyExists = 21;
    private const int Rejected = 22;
    private const int WrongState = 23;
    private const int NoCapacity = 24;
    private const int WireFormat = 26;
    private const int SystemError = 27;

    private const string Port = ConfiguredCardFixture.Port;
    private const string NewPort = "--private-mac a8:40:25:00:00:99 --vni 1234 --src-underlay-addr fd00:a::1 --private-ipv4 172.30.0.99 --vpc-subnet-ipv4 172.30.0.0/22";

    /// <summary>(OpteError variant, opteadm command line, exit code, words on stderr separated by '|').</summary>
    public static TheoryData<string, string, int, string> Cases() => new()
    {
        { "BadApiVersion", "--api-version 40 list-ports", AbiMismatch, "EPROTO|client speaks 40, firmware speaks 41" },
        { "BadName", $"create-xde 9bad {NewPort}", Rejected, "create-xde: port 9bad: bad name (EINVAL)" },
        { "BadName", "create-xde opte0123456789012345678901234567 " + NewPort, Rejected, "port opte0123456789012345678901234567: bad name (EINVAL)" },
        { "BadName", "set-xde-underlay 9x wire1", Rejected, "set-xde-underlay: bad name (EINVAL)" },
        { "PortExists", $"create-xde {Port} {NewPort}", AlreadyExists, $"create-xde: port {Port}: a port named '{Port}' already exists|(EEXIST)" },
        { "MacExists", "create-xde opte9 --private-mac a8:40:25:00:00:0a --vni 999 --src-underlay-addr fd00:a::1 --private-ipv4 172.30.0.99 --vpc-subnet-ipv4 172.30.0.0/22",
            AlreadyExists, $"create-xde: port opte9: MAC a8:40:25:00:00:0a already used on VNI 1234 by port {Port} (EEXIST)" },
        { "InvalidIpCfg", "create-xde opte9 --private-mac a8:40:25:00:00:99 --vni 1234 --src-underlay-addr fd00:a::1 --private-ipv4 10.0.0.9 --vpc-subnet-ipv4 172.30.0.0/22",
            Rejected, "create-xde: port opte9: invalid IP configuration: private IP 10.0.0.9 is outside VPC subnet 172.30.0.0/22 (EINVAL)" },
        { "InvalidIpCfg", $"set-external-ips -p {Port} --snat-ipv6 2001:db8::1 --snat-start 1024 --snat-end 2047", Rejected,
            $"set-external-ips: port {Port}: invalid IP configuration: the port has no IPv6 configuration|(EINVAL)" },
        { "InvalidIpCfg", $"attach-subnet -p {Port} 172.30.0.0/24", Rejected, $"attach-subnet: port {Port}: invalid IP configuration: attached subnet 172.30.0.0/24 overlaps the VPC subnet|(EINVAL)" },
        { "InvalidIpCfg", $"allow-cidr -p {Port} fd00:5::/64 in", Rejected, $"allow-cidr: port {Port}: invalid IP configuration: port {Port} has no IPv6 configuration for fd00:5::/64 (EINVAL)" },
        { "PortCreate", "create-xde opte9 --private-mac 01:00:5e:00:00:03 --vni 1234 --src-underlay-addr fd00:a::1 --private-ipv4 172.30.0.99 --vpc-subnet-ipv4 172.30.0.0/22",
            Rejected, "create-xde: port opte9: could not create port: guest MAC 01:00:5e:00:00:03 is a group address (EINVAL)" },
        { "PortCreate", $"create-xde opte9 {NewPort} --mtu 100", Rejected, "create-xde: port opte9: could not create port: MTU 100 is outside|(EINVAL)" },
        { "LayerNotFound", $"dump-layer -p {Port} nosuch", NotFound, $"dump-layer: port {Port}: no layer named 'nosuch'; list-layers -p {Port} shows the layers (ENOENT)" },
        { "LayerNotFound", $"clear-lft -p {Port} nosuch", NotFound, $"clear-lft: port {Port}: no layer named 'nosuch'|(ENOENT)" },
        { "RuleNotFound", $"rm-fw-rule -p {Port} in 99", NotFound, $"rm-fw-rule: port {Port}: no inbound firewall rule with id 99; dump-layer -p {Port} firewall lists the rule ids (ENOENT)" },
        { "RuleNotFound", $"rm-fw-rule -p {Port} out 7", NotFound, $"rm-fw-rule: port {Port}: no outbound firewall rule with id 7|(ENOENT)" },
        { "InvalidRouterEntry", $"add-router-entry -p {Port} 224.0.0.0/4 ip4=172.30.0.9", Rejected,
            $"add-router-entry: port {Port}: invalid router entry: destination 224.0.0.0/4, target ip4=172.30.0.9 (EINVAL)" },
        { "InvalidRouterEntry", $"add-router-entry -p {Port} 10.0.0.0/8 ip6=fd00::1", Rejected, "destination 10.0.0.0/8, target ip6=fd00::1 (EINVAL)" },
        { "InvalidUnderlayMulticast", "set-v2b 0.0.0.0/0 ff04::1", Rejected, "set-v2b: invalid underlay multicast address: tunnel endpoint ff04::1 is a multicast address (EINVAL)" },
        { "InvalidUnderlayMulticast", "set-mcast-fwd fd00::5 fd00::6", Rejected, "set-mcast-fwd: invalid underlay multicast address: underlay fd00::5 is not in ff04::/16 (EINVAL)" },
        { "InvalidUnderlayMulticast", "set-m2p 239.1.1.1 fd00::9", Rejected, "set-m2p: invalid underlay multicast address: underlay fd00::9 is not in ff04::/16 (EINVAL)" },
        { "InvalidUnderlayMulticast", $"mcast-subscribe -p {Port} 239.1.1.1", Rejected, $"mcast-subscribe: port {Port}: invalid underlay multicast address: group 239.1.1.1 has no underlay mapping|(EINVAL)" },
        { "System(EINVAL)", "set-m2p 10.1.1.1 ff04::9", SystemError, "set-m2p: system error 22: 10.1.1.1 is not a multicast group (EINVAL)" },
        { "System(EINVAL)", $"mcast-subscribe -p {Port} 10.1.1.1", SystemError, $"mcast-subscribe: port {Port}: system error 22: 10.1.1.1 is not a multicast group (EINVAL)" },
        { "System(EINVAL)", "set-xde-underlay wire0 wire0", SystemError, "set-xde-underlay: system error 22: underlay links must differ (both are wire0) (EINVAL)" },
        { "NotFound outcome", $"del-router-entry -p {Port} 10.0.0.0/8 ip4=172.30.0.9", NotFound,
            $"del-router-entry: port {Port}: no system router entry 10.0.0.0/8 -> ip4=172.30.0.9; dump-layer -p {Port} router lists the entries" },
        { "NotFound outcome", $"remove-cidr -p {Port} 10.9.0.0/16 in", NotFound, $"remove-cidr: port {Port}: 10.9.0.0/16 was not allowed inbound" },
    };

    /// <summary>Every subcommand that names a port, aimed at one that does not exist.</summary>
    public static TheoryData<string> PortCommands() => new()
    {
        "dump-uft -p nosuch", "clear-uft -p nosuch", "dump-tcp-flows -p nosuch", "list-layers -p nosuch", "dump-layer -p nosuch firewall",
        "clear-lft -p nosuch firewall", "add-fw-rule -p nosuch dir=in action=allow priority=10", "rm-fw-rule -p nosuch in 0",
        "add-router-entry -p nosuch 10.0.0.0/8 drop", "del-router-entry -p nosuch 10.0.0.0/8 drop", "delete-xde nosuch",
        "set-external-ips -p nosuch --ephemeral-ipv4 198.51.100.7", "allow-cidr -p nosuch 10.0.0.0/8 in", "remove-cidr -p nosuch 10.0.0.0/8 in",
        "attach-subnet -p nosuch 10.5.0.0/24", "detach-subnet -p nosuch 10.5.0.0/24", "mcast-subscribe -p nosuch 239.1.1.1",
        "mcast-unsubscribe -p nosuch 239.1.1.1", "stats -p nosuch", "pause-port -p nosuch", "start-port -p nosuch",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_error_is_put_in_words_with_its_exit_code_and_changes_nothing(string variant, string commandLine, int exitCode, string words)
    {
        var result = FailsWithoutChange(commandLine.Split(' '));
        Assert.True(result.ExitCode == exitCode, $"{variant}: expected exit {exitCode}\n{result}");
        Assert.StartsWith("opteadm: ", result.StandardError, StringComparison.Ordinal);
        foreach (var part in words.Split('|'))
        {
            Assert.True(result.StandardError.Contains(part, StringComparison.Ordinal), $"{variant}: stderr lacks '{part}'\n{result}");
        }
    }

    [Theory]
    [MemberData(nameof(PortCommands))]
    public void Every_port_command_names_the_missing_port(string commandLine)
    {
        var result = FailsWithoutChange(commandLine.Split(' '));
        var subcommand = commandLine.Split(' ')[0];
        Assert.True(result.ExitCode == NotFound, result.ToString());
        Assert.Equal($"opteadm: {subcommand}: port nosuch: no port named 'nosuch' on the card; list-ports shows the ports (ENOENT)", result.StandardError.TrimEnd());
    }

    /// <summary>
    /// BadState as OPTE produces it: pausing a paused port, starting a running one, and every rule or configuration
    /// change on a paused port; each in words with exit code 23 and nothing changed. Dumps still work while paused.
    /// </summary>
    [Fact]
    public void A_command_on_a_port_in_the_wrong_state_is_BadState_in_words()
    {
        var notPaused = FailsWithoutChange(["start-port", "-p", Port]);
        Assert.True(notPaused.ExitCode == WrongState, notPaused.ToString());
        Assert.Equal($"opteadm: start-port: port {Port}: port is in the wrong state: port {Port} is Running (EINVAL)", notPaused.StandardError.TrimEnd());

        card.OpteAdm.Change("pause-port", "-p", Port);
        try
        {
            foreach (var commandLine in new[]
            {
                "pause-port", "add-fw-rule dir=in action=allow priority=10", "rm-fw-rule in 0", "add-router-entry 10.0.0.0/8 drop", "del-router-entry 10.0.0.0/8 drop",
                "set-external-ips --ephemeral-ipv4 198.51.100.7", "allow-cidr 10.0.0.0/8 in", "remove-cidr 10.0.0.0/8 in", "attach-subnet 10.5.0.0/24", "detach-subnet 10.5.0.0/24",
            })
            {
                var parts = commandLine.Split(' ');
                var result = FailsWithoutChange([parts[0], "-p", Port, .. parts[1..]]);
                Assert.True(result.ExitCode == WrongState, $"{commandLine}: expected exit {WrongState}\n{result}");
                Assert.StartsWith($"opteadm: {parts[0]}: port {Port}: port is in the wrong state: ", result.StandardError, StringComparison.Ordinal);
                Assert.EndsWith($"port {Port} is Paused (EINVAL)", result.StandardError.TrimEnd(), StringComparison.Ordinal);
            }

            var setRules = card.OpteAdm.RunWithInput(TwoGuestVpc.FirewallRules, "set-fw-rules", "-p", Port);
            Assert.True(setRules.ExitCode == WrongState, setRules.ToString());
            Assert.Contains($"port {Port} is Paused (EINVAL)", setRules.StandardError, StringComparison.Ordinal);
            Assert.Contains("firewall", card.OpteAdm.Ok("list-layers", "-p", Port), StringComparison.Ordinal);
        }
        finally
        {
            card.OpteAdm.Change("start-port", "-p", Port);
        }

        Assert.Contains("firewall", card.OpteAdm.Ok("dump-layer", "-p", Port, "firewall"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_api_version_names_the_subcommand_and_says_which_opteadm_to_use()
    {
        var result = FailsWithoutChange(["--api-version", "40", "list-ports"]);
        Assert.True(result.ExitCode == AbiMismatch, result.ToString());
        Assert.StartsWith("opteadm: list-ports: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("use an opteadm built for OPTE API 41 (EPROTO)", result.StandardError);
    }

    [Fact]
    public void A_bad_dhcp_name_is_refused_in_words_without_dotnet_internals()
    {
        var label = new string('x', 64);
        var result = FailsWithoutChange(["create-xde", "opte9", .. NewPort.Split(' '), "--hostname", label]);
        Assert.True(result.ExitCode == Rejected, result.ToString());
        Assert.Contains("could not create port: DNS name", result.StandardError);
        Assert.Contains("has a label of 64 bytes (allowed 1–63) (EINVAL)", result.StandardError);
        Assert.DoesNotContain("(Parameter", result.StandardError);
    }

    [Fact]
    public void Set_fw_rules_names_a_missing_port_and_a_bad_rule_line()
    {
        var before = CardState.Take(card.StateDirectory);
        var missing = card.OpteAdm.RunWithInput(TwoGuestVpc.FirewallRules, "set-fw-rules", "-p", "nosuch");
        Assert.True(missing.ExitCode == NotFound, missing.ToString());
        Assert.Contains("set-fw-rules: port nosuch: no port named 'nosuch'", missing.StandardError);

        // A bad line is refused before the card is touched, naming the line, field and value.
        var bad = card.OpteAdm.RunWithInput("dir=in action=allow priority=10\n\ndir=out action=allow priority=x\n", "set-fw-rules", "-p", Port);
        Assert.True(bad.ExitCode == BadInput, bad.ToString());
        Assert.Contains("line 3", bad.StandardError);
        Assert.Contains("priority 'x'", bad.StandardError);
        var zeroPort = card.OpteAdm.RunWithInput("dir=in action=allow priority=10 protocol=tcp port=0\n", "set-fw-rules", "-p", Port);
        Assert.True(zeroPort.ExitCode == BadInput, zeroPort.ToString());
        Assert.Contains("line 1", zeroPort.StandardError);
        before.AssertUnchanged(CardState.Take(card.StateDirectory), "set-fw-rules failures");
    }

    [Fact]
    public void Underlay_set_twice_and_clear_while_ports_exist_are_system_errors()
    {
        var first = card.OpteAdm.Run("set-xde-underlay", "wire0", "wire1");
        Assert.True(first.ExitCode == 0 || first.StandardError.Contains("underlay already set", StringComparison.Ordinal), first.ToString());

        var again = FailsWithoutChange(["set-xde-underlay", "wire0", "wire1"]);
        Assert.True(again.ExitCode == SystemError, again.ToString());
        Assert.Contains("set-xde-underlay: system error 17: underlay already set to wire0, wire1 (EEXIST)", again.StandardError);

        var clear = FailsWithoutChange(["clear-xde-underlay"]);
        Assert.True(clear.ExitCode == SystemError, clear.ToString());
        Assert.Contains("clear-xde-underlay: system error 16: underlay in use by 1 port(s) (EBUSY)", clear.StandardError);
    }

    [Fact]
    public void The_sixty_fifth_port_is_refused_at_capacity()
    {
        // Fill the card to its 64 ports through the library (fast); the one over the limit goes through opteadm.
        using var device = OpteDevice.Open(card.StateDirectory);
        var existing = Run<ListPortsReq, ListPortsResp>(device, new ListPortsReq()).Ports.Count;
        var added = new List<string>();
        try
        {
            for (var i = existing; i < 64; i++)
            {
                var name = $"cap{i}";
                Run<CreateXdeReq, NoResp>(device, (CreateXdeReq)OpteCli.Request(
                    ["create-xde", name, "--private-mac", $"a8:40:25:01:00:{i:x2}", "--vni", "1234", "--src-underlay-addr", "fd00:a::1",
                     "--private-ipv4", $"172.30.1.{i + 2}", "--vpc-subnet-ipv4", "172.30.0.0/22"]));
                added.Add(name);
            }

            var full = FailsWithoutChange(["create-xde", "opte9", .. NewPort.Split(' ')]);
            Assert.True(full.ExitCode == NoCapacity, full.ToString());
            Assert.Contains("create-xde: port opte9: table is at its maximum capacity of 64 (ENFILE)", full.StandardError);

            // The checks come in the documented order: an existing name or MAC is reported before capacity.
            var exists = card.OpteAdm.Run(["create-xde", Port, .. NewPort.Split(' ')]);
            Assert.True(exists.ExitCode == AlreadyExists, exists.ToString());
        }
        finally
        {
            foreach (var name in added)
            {
                Run<DeleteXdeReq, NoResp>(device, new DeleteXdeReq(name));
            }
        }

        Assert.Single(Run<ListPortsReq, ListPortsResp>(device, new ListPortsReq()).Ports);
    }

    [Fact]
    public void An_unpaged_v2p_dump_larger_than_the_biggest_response_asks_for_paging_and_the_paged_dump_returns_everything()
    {
        // More IPv4 mappings than fit in CapMaxResponse (1 MiB ≈ 40,000), set through the library, on their own VNI.
        const int Mappings = 45_000;
        const uint BulkVni = 777;
        using var device = OpteDevice.Open(card.StateDirectory);
        var requests = Enumerable.Range(0, Mappings).Select(i => new SetVirt2PhysReq(
            new Ipv4Addr(0x0A00_0000u + (uint)i), new PhysNet(new MacAddr(0xA8_40_25_10_00_00UL + (ulong)i), Ipv6Addr.Parse("fd00:77::1"), new Vni(BulkVni)))).ToList();
        try
        {
            foreach (var request in requests)
            {
                Run<SetVirt2PhysReq, NoResp>(device, request);
            }

            var unpaged = FailsWithoutChange(["dump-v2p", "--page-size", "0"]);
            Assert.True(unpaged.ExitCode == WireFormat, unpaged.ToString());
            Assert.Contains("dump-v2p: could not encode the response", unpaged.StandardError);
            Assert.Contains("(ENOMSG)", unpaged.StandardError);

            // opteadm's default, paged: every mapping exactly once, in order.
            var json = card.OpteAdm.Json("dump-v2p");
            var bulk = Assert.Single(json.GetProperty("mappings").EnumerateArray().ToList(), m => m.GetProperty("vni").GetUInt32() == BulkVni);
            var addresses = bulk.GetProperty("ip4").EnumerateArray().Select(e => e.GetProperty("ip").GetString()).ToList();
            Assert.Equal(requests.Select(r => r.Vip.ToString()), addresses);
            Assert.Equal("a8:40:25:10:af:c7", bulk.GetProperty("ip4")[Mappings - 1].GetProperty("mac").GetString());
        }
        finally
        {
            foreach (var request in requests)
            {
                Run<ClearVirt2PhysReq, NoResp>(device, new ClearVirt2PhysReq(request.Vip, request.Phys));
            }
        }
    }

    [Fact]
    public void Malformed_and_empty_requests_and_a_too_small_buffer_are_answered_with_their_error_and_the_card_keeps_serving()
    {
        using var device = OpteDevice.Open(card.StateDirectory);
        var before = CardState.Take(card.StateDirectory);

        // A request body that does not decode: DeserCmdReq naming the type (ENOMSG, BadRequestBody).
        var garbage = Assert.Throws<OpteDeviceException>(() => device.Execute(OpteCmd.SetVirt2Phys, [0xFF, 0xFF, 0xFF]));
        Assert.Equal((Errno.ENOMSG, MailboxSyndrome.BadRequestBody), (garbage.Errno, garbage.Syndrome));
        var deser = Assert.IsType<OpteError.DeserCmdReq>(garbage.OpteError);
        Assert.Contains("SetVirt2PhysReq", deser.Detail);

        // A command that needs a body, sent without one: NoRequestBody (EINVAL).
        var empty = Assert.Throws<OpteDeviceException>(() => device.Execute(OpteCmd.CreateXde, []));
        Assert.Equal((Errno.EINVAL, MailboxSyndrome.BadRequestBody), (empty.Errno, empty.Syndrome));
        Assert.IsType<OpteError.NoRequestBody>(empty.OpteError);

        // A response that does not fit, with no retry allowed: RespTooLarge naming both sizes (ENOBUFS).
        var request = PostcardSerializer.SerializeToArray(new ListLayersReq(Port));
        var small = Assert.Throws<OpteDeviceException>(() => device.Execute(OpteCmd.ListLayers, request, new CommandOptions { InitialResponseBytes = 8, MaxTries = 1 }));
        Assert.Equal((Errno.ENOBUFS, MailboxSyndrome.ResponseTooSmall), (small.Errno, small.Syndrome));
        var tooLarge = Assert.IsType<OpteError.RespTooLarge>(small.OpteError);
        Assert.Equal(8ul, tooLarge.Given);
        Assert.Equal((ulong)device.Execute(OpteCmd.ListLayers, request).Body.Length, tooLarge.Needed);

        // A command code with no handler: System(EOPNOTSUPP) naming the code (UnknownCommand).
        var unknown = Assert.Throws<OpteDeviceException>(() => device.Execute((OpteCmd)199, []));
        Assert.Equal((Errno.EOPNOTSUPP, MailboxSyndrome.UnknownCommand), (unknown.Errno, unknown.Syndrome));
        var system = Assert.IsType<OpteError.System>(unknown.OpteError);
        Assert.Equal(Errno.EOPNOTSUPP, system.SystemErrno);
        Assert.Contains("unknown command 199", system.Msg);

        before.AssertUnchanged(CardState.Take(card.StateDirectory), "malformed requests");
    }

    private ProcessResult FailsWithoutChange(string[] arguments)
    {
        var before = CardState.Take(card.StateDirectory);
        var result = card.OpteAdm.Run(arguments);
        Assert.True(result.ExitCode != 0, $"opteadm {string.Join(' ', arguments)} succeeded\n{result}");
        Assert.Empty(result.StandardOutput);
        before.AssertUnchanged(CardState.Take(card.StateDirectory), $"opteadm {string.Join(' ', arguments)}");
        return result;
    }

    private static TResp Run<TReq, TResp>(OpteDevice device, TReq request)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp> =>
        new global::OpteAdm.Opte.OpteCall(device, CommandOptions.Default).Run<TReq, TResp>(request);
}
