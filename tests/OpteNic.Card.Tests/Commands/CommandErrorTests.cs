using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// One test per <see cref="OpteError"/> variant a command can provoke, through the real mailbox: the exact error (with
/// the port, rule, layer or field it names), its errno as the mailbox status, and the syndrome.
/// </summary>
public sealed class CommandErrorTests
{
    [Fact]
    public void PortNotFound_names_the_port_for_every_port_command()
    {
        using var card = new CommandCard();
        var expected = new OpteError.PortNotFound("nope");
        Assert.Equal(expected, card.Fail(new DumpUftReq("nope")));
        Assert.Equal(expected, card.Fail(new DumpLayerReq("nope", "gateway")));
        Assert.Equal(expected, card.Fail(new ListLayersReq("nope")));
        Assert.Equal(expected, card.Fail(new DumpTcpFlowsReq("nope")));
        Assert.Equal(expected, card.Fail(new ClearUftReq("nope")));
        Assert.Equal(expected, card.Fail(new ClearLftReq("nope", "nat")));
        Assert.Equal(expected, card.Fail(new DeleteXdeReq("nope")));
        Assert.Equal(expected, card.Fail(new SetFwRulesReq("nope", [])));
        Assert.Equal(expected, card.Fail(new RemFwRuleReq("nope", Direction.In, 0)));
        Assert.Equal(expected, card.Fail(new AddRouterEntryReq("nope", IpCidr.Parse("10.0.0.0/8"), new RouterTarget.Drop(), RouterClass.System)));
        Assert.Equal(expected, card.Fail(new SetExternalIpsReq("nope", null, null, null)));
        Assert.Equal(expected, card.Fail(new AllowCidrReq("nope", IpCidr.Parse("10.0.0.0/8"), Direction.In)));
        Assert.Equal(expected, card.Fail(new AttachSubnetReq("nope", IpCidr.Parse("10.0.0.0/8"), false)));
        Assert.Equal(expected, card.Fail(new McastSubscribeReq("nope", IpAddr.Parse("239.1.1.1"))));
        Assert.Equal(expected, card.Fail(new StatsReq("nope")));
        Assert.Equal(Errno.ENOENT, expected.Errno);
    }

    [Fact]
    public void PortExists_when_the_name_is_taken()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        Assert.Equal(new OpteError.PortExists(Port0), card.Fail(CreatePort(config: GuestConfig(OtherGuestMac, OtherPrivateIp))));
    }

    [Fact]
    public void MacExists_names_the_port_holding_the_guest_MAC()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var error = card.Fail(CreatePort(Port1, GuestConfig(GuestMac, OtherPrivateIp) with { Vni = new Vni(12) }));
        Assert.Equal(new OpteError.MacExists(Port0, OwnVni, GuestMac), error);
        Assert.Equal(Errno.EEXIST, error.Errno);
    }

    [Fact]
    public void MaxCapacity_when_the_port_limit_is_reached()
    {
        using var card = new CommandCard(SmallCard(maxPorts: 1));
        card.Ok(CreatePort());
        var error = card.Fail(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp)));
        Assert.Equal(new OpteError.MaxCapacity(1), error);
        Assert.Equal(Errno.ENFILE, error.Errno);
    }

    [Fact]
    public void MaxCapacity_when_the_V2P_table_is_full()
    {
        using var card = new CommandCard(SmallCard(v2pCapacity: 4));
        for (uint i = 0; i < 4; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A000000 + i), new PhysNet(PeerMac, PeerPhys, OwnVni)));
        }

        Assert.Equal(new OpteError.MaxCapacity(4), card.Fail(new SetVirt2PhysReq(Ipv4Addr.Parse("10.0.0.99"), new PhysNet(PeerMac, PeerPhys, OwnVni))));
    }

    [Fact]
    public void LayerNotFound_names_the_layer()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        Assert.Equal(new OpteError.LayerNotFound("bogus"), card.Fail(new DumpLayerReq(Port0, "bogus")));
        var error = card.Fail(new ClearLftReq(Port0, "bogus"));
        Assert.Equal(new OpteError.LayerNotFound("bogus"), error);
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Fact]
    public void RuleNotFound_names_the_rule_id()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var error = card.Fail(new RemFwRuleReq(Port0, Direction.Out, 4242));
        Assert.Equal(new OpteError.RuleNotFound(4242), error);
        Assert.Equal("rule not found: 4242", error.Message);
    }

    [Fact]
    public void InvalidRouterEntry_for_a_multicast_destination_or_a_family_mismatch()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var multicast = IpCidr.Parse("224.0.0.0/4");
        var target = new RouterTarget.InternetGateway(null);
        Assert.Equal(new OpteError.InvalidRouterEntry("224.0.0.0/4", "ig"), card.Fail(new AddRouterEntryReq(Port0, multicast, target, RouterClass.System)));
        var mismatch = new RouterTarget.Ip(Ipv6Addr.Parse("fd00::1"));
        var error = card.Fail(new AddRouterEntryReq(Port0, IpCidr.Parse("10.0.0.0/8"), mismatch, RouterClass.Custom));
        Assert.Equal(new OpteError.InvalidRouterEntry("10.0.0.0/8", "ip6=fd00::1"), error);
        Assert.Equal(Errno.EINVAL, error.Errno);
    }

    [Fact]
    public void InvalidIpCfg_for_bad_addressing_at_create_and_later()
    {
        using var card = new CommandCard();
        var outside = card.Fail(CreatePort(config: GuestConfig(privateIp: Ipv4Addr.Parse("10.0.0.5"))));
        Assert.IsType<OpteError.InvalidIpCfg>(outside);
        Assert.Contains("10.0.0.5", outside.Message);

        card.Ok(CreatePort());
        var noV6 = card.Fail(new AllowCidrReq(Port0, IpCidr.Parse("fd00:99::/64"), Direction.In));
        Assert.Equal(new OpteError.InvalidIpCfg("port xde0 has no IPv6 configuration for fd00:99::/64"), noV6);
        Assert.IsType<OpteError.InvalidIpCfg>(card.Fail(new AttachSubnetReq(Port0, IpCidr.Parse("172.30.1.0/24"), false)));
        var insideSubnet = new ExternalIpCfg<Ipv4Addr>(null, Ipv4Addr.Parse("172.30.0.77"), []);
        Assert.IsType<OpteError.InvalidIpCfg>(card.Fail(new SetExternalIpsReq(Port0, insideSubnet, null, null)));
        Assert.Equal(Errno.EINVAL, noV6.Errno);
    }

    [Fact]
    public void PortCreate_for_an_MTU_or_MAC_the_port_cannot_use()
    {
        using var card = new CommandCard();
        Assert.IsType<OpteError.PortCreate>(card.Fail(CreatePort(mtu: 100)));
        Assert.IsType<OpteError.PortCreate>(card.Fail(CreatePort(config: GuestConfig(MacAddr.Parse("01:00:5e:00:00:01")))));
        Assert.Empty(card.Ok(new ListPortsReq()).Ports);
    }

    [Theory]
    [InlineData("")]
    [InlineData("9lives")]
    [InlineData("has space")]
    [InlineData("waaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaytoolong")]
    public void BadName_for_an_invalid_link_name(string name)
    {
        using var card = new CommandCard();
        var error = card.Fail(CreatePort(name));
        Assert.Equal(new OpteError.BadName(), error);
        Assert.Equal(new OpteError.BadName(), card.Fail(new SetXdeUnderlayReq(name, "u2")));
    }

    [Fact]
    public void InvalidUnderlayMulticast_for_groups_outside_ff04()
    {
        using var card = new CommandCard();
        var error = card.Fail(new SetMcast2PhysReq(IpAddr.Parse("239.1.1.1"), Ipv6Addr.Parse("ff0e::1")));
        Assert.IsType<OpteError.InvalidUnderlayMulticast>(error);
        Assert.Contains("ff0e::1", error.Message);
        Assert.IsType<OpteError.InvalidUnderlayMulticast>(card.Fail(new SetMcastForwardingReq(Ipv6Addr.Parse("fd00::1"), [])));
        card.Ok(CreatePort());
        Assert.IsType<OpteError.InvalidUnderlayMulticast>(card.Fail(new McastSubscribeReq(Port0, IpAddr.Parse("239.9.9.9"))));
    }

    [Fact]
    public void System_errors_for_underlay_misuse_and_non_multicast_groups()
    {
        using var card = new CommandCard();
        Assert.Equal(new OpteError.System(Errno.ENOENT, "underlay is not set"), card.Fail(new ClearXdeUnderlayReq()));
        card.Ok(new SetXdeUnderlayReq("u1", "u2"));
        Assert.Equal(new OpteError.System(Errno.EEXIST, "underlay already set to u1, u2"), card.Fail(new SetXdeUnderlayReq("u3", "u4")));
        card.Ok(CreatePort());
        var busy = card.Fail(new ClearXdeUnderlayReq());
        Assert.Equal(new OpteError.System(Errno.EBUSY, "underlay in use by 1 port(s)"), busy);
        Assert.Equal(Errno.EBUSY, busy.Errno);
        Assert.Equal(Errno.EINVAL, card.Fail(new SetMcast2PhysReq(IpAddr.Parse("10.0.0.1"), Ipv6Addr.Parse("ff04::1"))).Errno);
    }

    [Fact]
    public void NoRequestBody_for_an_empty_body_where_one_is_needed()
    {
        using var card = new CommandCard();
        var outcome = card.Post(CardHarness.Envelope(OpteCmd.CreateXde, 0), []);
        Assert.Equal(Errno.EINVAL, outcome.Status);
        Assert.Equal(MailboxSyndrome.BadRequestBody, outcome.Syndrome);
        Assert.Equal(new OpteError.NoRequestBody(), Decode(outcome));
    }

    [Fact]
    public void DeserCmdReq_names_the_type_and_offset_of_malformed_bytes()
    {
        using var card = new CommandCard();
        byte[] body = [4, (byte)'x', (byte)'d', (byte)'e'];
        var outcome = card.Post(CardHarness.Envelope(OpteCmd.DumpUft, body.Length), body);
        Assert.Equal(Errno.ENOMSG, outcome.Status);
        var error = Assert.IsType<OpteError.DeserCmdReq>(Decode(outcome));
        Assert.StartsWith("DumpUftReq: ", error.Detail);
    }

    [Fact]
    public void BadApiVersion_reports_both_versions()
    {
        using var card = new CommandCard();
        var envelope = CardHarness.Envelope(OpteCmd.ListPorts, 0);
        envelope.ApiVersion = 7;
        var outcome = card.Post(envelope, []);
        Assert.Equal(Errno.EPROTO, outcome.Status);
        Assert.Equal(new OpteError.BadApiVersion(7, ApiVersion.Current), Decode(outcome));
    }

    [Fact]
    public void RespTooLarge_reports_needed_and_given_sizes()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var outcome = card.Post(CardHarness.Envelope(OpteCmd.DumpLayer, PostcardSerializer.SerializeToArray(new DumpLayerReq(Port0, "gateway")).Length, 64),
            PostcardSerializer.SerializeToArray(new DumpLayerReq(Port0, "gateway")));
        Assert.Equal(Errno.ENOBUFS, outcome.Status);
        var error = Assert.IsType<OpteError.RespTooLarge>(Decode(outcome));
        Assert.Equal(64ul, error.Given);
        Assert.Equal(outcome.Envelope.ResponseLengthActual, error.Needed);
        Assert.True(error.Needed > 64);
    }

    [Fact]
    public void SerCmdResp_when_an_unpaged_V2P_dump_exceeds_the_card_maximum()
    {
        using var card = new CommandCard(SmallCard(maxResponseBytes: 2048));
        for (uint i = 0; i < 200; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A000000 + i), new PhysNet(PeerMac, PeerPhys, OwnVni)));
        }

        var error = Assert.IsType<OpteError.SerCmdResp>(card.Fail(new DumpVirt2PhysReq()));
        Assert.Contains("max_entries", error.Detail);
        Assert.Equal(Errno.ENOMSG, error.Errno);
        var page = card.Ok(new DumpVirt2PhysReq(0, null, 50));
        Assert.Equal(50, page.Mappings.Sum(m => m.Ip4.Count));
        Assert.NotNull(page.Next);
    }

    [Fact]
    public void CopyinReq_when_the_request_lies_outside_host_memory()
    {
        using var card = new CommandCard();
        var envelope = CardHarness.Envelope(OpteCmd.ListPorts, 8);
        envelope.RequestAddress = (ulong)CardHarness.HostMemoryBytes - 4;
        var outcome = card.Post(envelope, []);
        Assert.Equal(Errno.EFAULT, outcome.Status);
        Assert.Equal(new OpteError.CopyinReq(), Decode(outcome));
    }

    [Fact]
    public void System_EOPNOTSUPP_for_an_unknown_code()
    {
        using var card = new CommandCard();
        var outcome = card.Post(CardHarness.Envelope((OpteCmd)77, 0), []);
        Assert.Equal(Errno.EOPNOTSUPP, outcome.Status);
        Assert.Equal(Errno.EOPNOTSUPP, Assert.IsType<OpteError.System>(Decode(outcome)).SystemErrno);
    }

    private static OpteError Decode(MailboxOutcome outcome)
    {
        Assert.Equal(OpteCmdIoctl.FlagResponseWritten, outcome.Envelope.Flags & OpteCmdIoctl.FlagResponseWritten);
        // On ENOBUFS the body is shorter than resp_len_actual (datasheet §4.4): decode one value from the start.
        for (var length = 1; length <= outcome.Body.Length; length++)
        {
            if (PostcardSerializer.TryDeserialize<OpteError>(outcome.Body.AsSpan(0, length), out var error, out _))
            {
                return error;
            }
        }

        Assert.Fail("no OpteError at the start of the response body");
        return null!;
    }
}
