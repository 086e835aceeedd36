using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Firmware;
using OpteNic.Firmware.Mailbox.Commands;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>Every command's handler through the real mailbox (BAR0 + host memory + envelope), happy paths.</summary>
public sealed class CommandHandlerTests
{
    [Fact]
    public void Every_OpteCmd_code_has_a_handler()
    {
        using var card = new CommandCard();
        var registered = card.Firmware.Commands.Commands.ToHashSet();
        foreach (var cmd in Enum.GetValues<OpteCmd>())
        {
            Assert.Contains(cmd, registered);
        }
    }

    [Fact]
    public void Create_list_and_delete_a_port()
    {
        using var card = new CommandCard();
        Assert.Empty(card.Ok(new ListPortsReq()).Ports);

        card.Ok(CreatePort());
        var port = Assert.Single(card.Ok(new ListPortsReq()).Ports);
        Assert.Equal(Port0, port.Name);
        Assert.Equal(GuestMac, port.MacAddr);
        Assert.Equal(PrivateIp, port.Ip4Addr);
        Assert.Null(port.Ip6Addr);
        Assert.Equal("running", port.State);
        Assert.Equal(1, card.Firmware.Registry.Current.Generation);

        card.Ok(new DeleteXdeReq(Port0));
        Assert.Empty(card.Ok(new ListPortsReq()).Ports);
        Assert.True(card.Firmware.Registry.Current.IsEmpty);
    }

    [Fact]
    public void List_layers_dump_layer_uft_and_tcp_flows_of_a_new_port()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());

        var layers = card.Ok(new ListLayersReq(Port0)).Layers;
        Assert.Equal(["gateway", "firewall", "router", "nat", "overlay"], layers.Select(l => l.Name));
        Assert.Equal("Deny", layers[1].DefaultIn);
        Assert.Equal("StatefulAllow", layers[1].DefaultOut);

        var gateway = card.Ok(new DumpLayerReq(Port0, "gateway"));
        Assert.Equal("gateway", gateway.Name);
        Assert.NotEmpty(gateway.RulesOut);
        Assert.Empty(gateway.FtOut);

        var uft = card.Ok(new DumpUftReq(Port0));
        Assert.Equal((uint)card.Options.PortUftLimit, uft.InLimit);
        Assert.Equal(0u, uft.OutCount);
        Assert.Empty(card.Ok(new DumpTcpFlowsReq(Port0)).Flows);

        card.Ok(new ClearUftReq(Port0));
        card.Ok(new ClearLftReq(Port0, "firewall"));
    }

    [Fact]
    public void Firewall_rules_are_set_added_and_removed_by_id()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        Assert.True(FirewallRuleText.TryParseMany("dir=in action=allow priority=10 protocol=tcp port=22\ndir=out action=deny priority=5 protocol=udp port=53",
            out var rules, out var parseError), parseError?.ToString());
        card.Ok(new SetFwRulesReq(Port0, rules));
        var firewall = card.Ok(new DumpLayerReq(Port0, "firewall"));
        Assert.Single(firewall.RulesIn);
        Assert.Single(firewall.RulesOut);

        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=20 protocol=udp port=53", out var extra, out _));
        card.Ok(new AddFwRuleReq(Port0, extra));
        firewall = card.Ok(new DumpLayerReq(Port0, "firewall"));
        Assert.Equal(2, firewall.RulesIn.Count);
        var added = firewall.RulesIn.Single(r => r.Rule.Priority == 20);

        card.Ok(new RemFwRuleReq(Port0, Direction.In, added.Id));
        firewall = card.Ok(new DumpLayerReq(Port0, "firewall"));
        Assert.Equal(10, Assert.Single(firewall.RulesIn).Rule.Priority);
    }

    [Fact]
    public void Router_entries_are_added_idempotently_and_deleted_with_an_outcome()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var dest = IpCidr.Parse("10.1.0.0/16");
        var target = new RouterTarget.Ip(Ipv4Addr.Parse("172.30.0.9"));
        var before = card.Ok(new DumpLayerReq(Port0, "router")).RulesOut.Count;
        card.Ok(new AddRouterEntryReq(Port0, dest, target, RouterClass.Custom));
        card.Ok(new AddRouterEntryReq(Port0, dest, target, RouterClass.Custom));
        var router = card.Ok(new DumpLayerReq(Port0, "router"));
        Assert.Equal(before + 1, router.RulesOut.Count);
        // Priority: ((32 − 16) << 1 | custom 0) + 10.
        Assert.Contains(router.RulesOut, r => r.Rule.Priority == 42);

        Assert.Equal(RemovalOutcome.Ok, card.Ok(new DelRouterEntryReq(Port0, dest, target, RouterClass.Custom)).Outcome);
        Assert.Equal(RemovalOutcome.NotFound, card.Ok(new DelRouterEntryReq(Port0, dest, target, RouterClass.Custom)).Outcome);
        Assert.Equal(before, card.Ok(new DumpLayerReq(Port0, "router")).RulesOut.Count);
    }

    [Fact]
    public void V2P_mappings_are_set_dumped_and_cleared()
    {
        using var card = new CommandCard();
        var phys = new PhysNet(PeerMac, PeerPhys, OwnVni);
        var peer6 = Ipv6Addr.Parse("fd00:1122:3344:101::6");
        card.Ok(new SetVirt2PhysReq(PeerIp, phys));
        card.Ok(new SetVirt2PhysReq(peer6, phys));
        card.Ok(new SetVirt2PhysReq(Ipv4Addr.Parse("10.9.9.9"), new PhysNet(PeerMac, PeerPhys, new Vni(12))));

        var dump = card.Ok(new DumpVirt2PhysReq());
        Assert.Null(dump.Next);
        Assert.Equal([new Vni(12), OwnVni], dump.Mappings.Select(m => m.Vni));
        var own = dump.Mappings[1];
        Assert.Equal(new V2pEntry4(PeerIp, new GuestPhysAddr(PeerMac, PeerPhys)), Assert.Single(own.Ip4));
        Assert.Equal(peer6, Assert.Single(own.Ip6).Ip);

        // A clear naming a different underlay address is stale and removes nothing; the right one removes it.
        card.Ok(new ClearVirt2PhysReq(PeerIp, new PhysNet(PeerMac, Ipv6Addr.Parse("fd00:cccc::1"), OwnVni)));
        Assert.Single(card.Ok(new DumpVirt2PhysReq()).Mappings[1].Ip4);
        card.Ok(new ClearVirt2PhysReq(PeerIp, phys));
        Assert.Empty(card.Ok(new DumpVirt2PhysReq()).Mappings[1].Ip4);
    }

    [Fact]
    public void V2B_endpoints_are_set_dumped_and_cleared()
    {
        using var card = new CommandCard();
        var a = new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99));
        var b = new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::2"), new Vni(99));
        card.Ok(new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [a, b]));
        card.Ok(new SetVirt2BoundaryReq(IpCidr.Parse("::/0"), [a]));
        var dump = card.Ok(new DumpVirt2BoundaryReq(0)).Mappings;
        Assert.Equal([a, b], Assert.Single(dump.Ip4).Endpoints);
        Assert.Equal([a], Assert.Single(dump.Ip6).Endpoints);

        card.Ok(new ClearVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [a]));
        card.Ok(new ClearVirt2BoundaryReq(IpCidr.Parse("::/0"), [a]));
        dump = card.Ok(new DumpVirt2BoundaryReq(0)).Mappings;
        Assert.Equal([b], Assert.Single(dump.Ip4).Endpoints);
        Assert.Empty(dump.Ip6);
    }

    [Fact]
    public void Multicast_M2P_forwarding_and_subscriptions()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var group = IpAddr.Parse("239.1.1.1");
        var underlay = Ipv6Addr.Parse("ff04::1:1");
        card.Ok(new SetMcast2PhysReq(group, underlay));
        Assert.Equal([new Mcast2PhysEntry(group, underlay)], card.Ok(new DumpMcast2PhysReq()).Entries);

        var hop = new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:bbbb::1"), new Vni(77)), Replication.Underlay);
        card.Ok(new SetMcastForwardingReq(underlay, [hop]));
        Assert.Equal([new McastForwardingEntry(underlay, [hop])], card.Ok(new DumpMcastForwardingReq()).Entries);

        card.Ok(new McastSubscribeReq(Port0, group));
        Assert.Equal([new McastSubscriptionEntry(underlay, [Port0])], card.Ok(new DumpMcastSubscriptionsReq()).Entries);
        card.Ok(new McastUnsubscribeReq(Port0, group));
        Assert.Empty(card.Ok(new DumpMcastSubscriptionsReq()).Entries);
        card.Ok(new McastSubscribeReq(Port0, group));
        card.Ok(new McastUnsubscribeAllReq(group));
        Assert.Empty(card.Ok(new DumpMcastSubscriptionsReq()).Entries);

        // Deleting a port drops its subscriptions.
        card.Ok(new McastSubscribeReq(Port0, group));
        card.Ok(new DeleteXdeReq(Port0));
        Assert.Empty(card.Ok(new DumpMcastSubscriptionsReq()).Entries);

        card.Ok(new ClearMcastForwardingReq(underlay));
        Assert.Empty(card.Ok(new DumpMcastForwardingReq()).Entries);
        card.Ok(new ClearMcast2PhysReq(group, underlay));
        Assert.Empty(card.Ok(new DumpMcast2PhysReq()).Entries);
    }

    [Fact]
    public void Underlay_is_set_once_and_cleared()
    {
        using var card = new CommandCard();
        card.Ok(new SetXdeUnderlayReq("ixgbe0", "ixgbe1"));
        Assert.Equal(("ixgbe0", "ixgbe1"), card.Firmware.Registry.Underlay);
        card.Ok(new ClearXdeUnderlayReq());
        Assert.Null(card.Firmware.Registry.Underlay);
        card.Ok(new SetXdeUnderlayReq("ixgbe0", "ixgbe1"));
    }

    [Fact]
    public void External_IPs_are_replaced_and_listed()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var ephemeral = Ipv4Addr.Parse("203.0.113.20");
        var floating = Ipv4Addr.Parse("203.0.113.30");
        var external = new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.10"), 1024, 2047), ephemeral, [floating]);
        card.Ok(new SetExternalIpsReq(Port0, external, null, null));

        var port = Assert.Single(card.Ok(new ListPortsReq()).Ports);
        Assert.Equal(ephemeral, port.EphemeralIp4Addr);
        Assert.Equal([floating], port.FloatingIp4Addrs);
        var nat = card.Ok(new DumpLayerReq(Port0, "nat"));
        Assert.Contains(nat.RulesOut, r => r.Rule.Priority == 100);
    }

    [Fact]
    public void Transit_CIDRs_are_allowed_and_removed_per_direction()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var cidr = IpCidr.Parse("10.50.0.0/24");
        var gatewayBefore = card.Ok(new DumpLayerReq(Port0, "gateway"));
        card.Ok(new AllowCidrReq(Port0, cidr, Direction.Out));
        card.Ok(new AllowCidrReq(Port0, cidr, Direction.In));
        var transit = Assert.Single(card.Firmware.Registry.Current.Ports[0].Config.IpCfg.Ipv4Config!.TransitIps);
        Assert.Equal(new TransitIp<Ipv4Cidr>(cidr.Ipv4, true, true), transit);
        Assert.NotEqual(gatewayBefore.RulesOut.Count, card.Ok(new DumpLayerReq(Port0, "gateway")).RulesOut.Count);

        Assert.Equal(RemovalOutcome.Ok, card.Ok(new RemoveCidrReq(Port0, cidr, Direction.In)).Outcome);
        Assert.Equal(RemovalOutcome.NotFound, card.Ok(new RemoveCidrReq(Port0, cidr, Direction.In)).Outcome);
        Assert.Equal(RemovalOutcome.Ok, card.Ok(new RemoveCidrReq(Port0, cidr, Direction.Out)).Outcome);
        Assert.Empty(card.Firmware.Registry.Current.Ports[0].Config.IpCfg.Ipv4Config!.TransitIps);
        Assert.Equal(gatewayBefore.RulesOut.Count, card.Ok(new DumpLayerReq(Port0, "gateway")).RulesOut.Count);
    }

    [Fact]
    public void Subnets_are_attached_and_detached()
    {
        using var card = new CommandCard();
        card.Ok(CreatePort());
        var subnet = IpCidr.Parse("10.60.0.0/24");
        card.Ok(new AttachSubnetReq(Port0, subnet, true));
        Assert.Equal(new AttachedSubnet<Ipv4Cidr>(subnet.Ipv4, true),
            Assert.Single(card.Firmware.Registry.Current.Ports[0].Config.IpCfg.Ipv4Config!.AttachedSubnets));
        card.Ok(new AttachSubnetReq(Port0, subnet, false));
        Assert.False(Assert.Single(card.Firmware.Registry.Current.Ports[0].Config.IpCfg.Ipv4Config!.AttachedSubnets).IsExternal);

        card.Ok(new DetachSubnetReq(Port0, subnet));
        card.Ok(new DetachSubnetReq(Port0, subnet));
        Assert.Empty(card.Firmware.Registry.Current.Ports[0].Config.IpCfg.Ipv4Config!.AttachedSubnets);
    }

    [Fact]
    public void Stats_report_card_counters_and_every_port_and_layer_counter()
    {
        using var card = new CommandCard();
        var cardOnly = card.Ok(new StatsReq(null));
        Assert.Null(cardOnly.PortName);
        Assert.Empty(cardOnly.Port);
        Assert.Equal(0ul, Counter(cardOnly.Card, "ports"));
        Assert.Equal(0ul, Counter(cardOnly.Card, "demux_drop_outbound_no_port"));
        Assert.Equal(0ul, Counter(cardOnly.Card, "parse_truncated"));

        card.Ok(CreatePort());
        var stats = card.Ok(new StatsReq(Port0));
        Assert.Equal(Port0, stats.PortName);
        Assert.Equal(1ul, Counter(stats.Card, "ports"));
        Assert.Equal((ulong)card.Options.PortUftLimit, Counter(stats.Port, "in_uft_capacity"));
        Assert.Equal(0ul, Counter(stats.Port, "out_modified"));
        Assert.Equal(0ul, Counter(stats.Port, "hairpin_reply_arp"));
        Assert.Equal(["gateway", "firewall", "router", "nat", "overlay"], stats.Layers.Select(l => l.Layer));
        Assert.Equal(0ul, Counter(stats.Layers[1].Counters, "in_rules"));
        Assert.Equal(60ul, Counter(stats.Layers[1].Counters, "flow_ttl"));
    }

    [Fact]
    public void Info_answers_versions()
    {
        using var card = new CommandCard();
        var info = card.Ok(new InfoReq());
        Assert.Equal(FirmwareVersion.Text, info.FirmwareVersion);
        Assert.Equal(ApiVersion.Current, info.ApiVersion);
    }

    [Fact]
    public void A_dump_larger_than_the_first_buffer_is_fetched_by_growing_and_retrying()
    {
        using var card = new CommandCard();
        for (var i = 0; i < 300; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv6Addr(((UInt128)0xfd00_1122_3344_0101UL << 64) | (uint)i), new PhysNet(PeerMac, PeerPhys, OwnVni)));
        }

        var reply = card.Run(new DumpVirt2PhysReq(), firstBuffer: 1024);
        Assert.Null(reply.Error);
        Assert.Equal(2, reply.Tries);
        Assert.Equal(300, Assert.Single(reply.Response!.Mappings).Ip6.Count);
    }

    [Fact]
    public void Link_names_follow_the_illumos_rules()
    {
        Assert.True(CreateXdeHandler.IsValidLinkName("xde0"));
        Assert.True(CreateXdeHandler.IsValidLinkName("opte_vnic-1.a"));
        Assert.False(CreateXdeHandler.IsValidLinkName(""));
        Assert.False(CreateXdeHandler.IsValidLinkName("0xde"));
        Assert.False(CreateXdeHandler.IsValidLinkName("xde 0"));
        Assert.False(CreateXdeHandler.IsValidLinkName(new string('x', 32)));
    }
}
