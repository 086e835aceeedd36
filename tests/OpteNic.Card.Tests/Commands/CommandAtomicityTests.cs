using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>A command that fails changes nothing: every dump reads back byte for byte the same afterwards.</summary>
public sealed class CommandAtomicityTests
{
    /// <summary>Everything a host can read about the card's configuration, encoded.</summary>
    private static byte[] State(CommandCard card)
    {
        var bytes = new List<byte>();
        bytes.AddRange(PostcardSerializer.SerializeToArray(card.Ok(new ListPortsReq())));
        foreach (var port in card.Ok(new ListPortsReq()).Ports)
        {
            foreach (var layer in card.Ok(new ListLayersReq(port.Name)).Layers)
            {
                var dump = card.Ok(new DumpLayerReq(port.Name, layer.Name));
                bytes.AddRange(PostcardSerializer.SerializeToArray(dump with { DefaultInHits = 0, DefaultOutHits = 0 }));
            }
        }

        bytes.AddRange(PostcardSerializer.SerializeToArray(card.Ok(new DumpVirt2PhysReq())));
        bytes.AddRange(PostcardSerializer.SerializeToArray(card.Ok(new DumpVirt2BoundaryReq(0))));
        bytes.AddRange(PostcardSerializer.SerializeToArray(card.Ok(new DumpMcast2PhysReq())));
        bytes.AddRange(PostcardSerializer.SerializeToArray(card.Ok(new DumpMcastForwardingReq())));
        bytes.AddRange(PostcardSerializer.SerializeToArray(card.Ok(new DumpMcastSubscriptionsReq())));
        return [.. bytes];
    }

    private static CommandCard ConfiguredCard()
    {
        var card = new CommandCard(SmallCard(v2pCapacity: 8)).WithPeerRoute();
        card.Ok(new SetExternalIpsReq(Port0, new ExternalIpCfg<Ipv4Addr>(null, Ipv4Addr.Parse("203.0.113.20"), []), null, null));
        card.Ok(new AllowCidrReq(Port0, IpCidr.Parse("10.50.0.0/24"), Direction.Out));
        card.Ok(new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99))]));
        return card;
    }

    public static TheoryData<string> FailingCommands =>
    [
        "create-xde: invalid addressing",
        "create-xde: MAC taken",
        "set-external-ips: address inside the VPC subnet",
        "set-external-ips: family the port lacks",
        "allow-cidr: family the port lacks",
        "attach-subnet: overlaps the VPC subnet",
        "add-router-entry: multicast destination",
        "rem-fw-rule: unknown id",
        "set-v2p: table full",
        "set-v2b: one multicast endpoint among valid ones",
        "set-mcast-fwd: one multicast next hop among valid ones",
        "mcast-subscribe: no underlay mapping",
        "delete-xde: unknown port",
    ];

    [Theory]
    [MemberData(nameof(FailingCommands))]
    public void A_failing_command_leaves_every_table_unchanged(string command)
    {
        using var card = ConfiguredCard();
        for (uint i = 0; i < 7; i++)
        {
            card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A000000 + i), new PhysNet(PeerMac, PeerPhys, OwnVni)));
        }

        var generation = card.Firmware.Registry.Current.Generation;
        var epoch = card.Firmware.Registry.Current.Ports[0].Engine.Epoch;
        var before = State(card);

        OpteError error = command switch
        {
            "create-xde: invalid addressing" => card.Fail(CreatePort(Port1, GuestConfig(OtherGuestMac, Ipv4Addr.Parse("192.168.1.1")))),
            "create-xde: MAC taken" => card.Fail(CreatePort(Port1, GuestConfig(GuestMac, OtherPrivateIp))),
            "set-external-ips: address inside the VPC subnet" =>
                card.Fail(new SetExternalIpsReq(Port0, new ExternalIpCfg<Ipv4Addr>(null, Ipv4Addr.Parse("172.30.0.99"), []), null, null)),
            "set-external-ips: family the port lacks" =>
                card.Fail(new SetExternalIpsReq(Port0, null, new ExternalIpCfg<Ipv6Addr>(null, Ipv6Addr.Parse("2001:db8::1"), []), null)),
            "allow-cidr: family the port lacks" => card.Fail(new AllowCidrReq(Port0, IpCidr.Parse("fd00:50::/64"), Direction.In)),
            "attach-subnet: overlaps the VPC subnet" => card.Fail(new AttachSubnetReq(Port0, IpCidr.Parse("172.30.2.0/24"), true)),
            "add-router-entry: multicast destination" =>
                card.Fail(new AddRouterEntryReq(Port0, IpCidr.Parse("239.0.0.0/8"), new RouterTarget.Drop(), RouterClass.Custom)),
            "rem-fw-rule: unknown id" => card.Fail(new RemFwRuleReq(Port0, Direction.In, 99)),
            "set-v2p: table full" => card.Fail(new SetVirt2PhysReq(Ipv4Addr.Parse("10.1.1.1"), new PhysNet(PeerMac, PeerPhys, OwnVni))),
            "set-v2b: one multicast endpoint among valid ones" => card.Fail(new SetVirt2BoundaryReq(IpCidr.Parse("10.0.0.0/8"),
                [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::2"), new Vni(99)), new TunnelEndpoint(Ipv6Addr.Parse("ff04::9"), new Vni(99))])),
            "set-mcast-fwd: one multicast next hop among valid ones" => card.Fail(new SetMcastForwardingReq(Ipv6Addr.Parse("ff04::1"),
            [
                new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:bbbb::1"), new Vni(77)), Replication.External),
                new McastNextHop(new NextHopV6(Ipv6Addr.Parse("ff04::2"), new Vni(77)), Replication.External),
            ])),
            "mcast-subscribe: no underlay mapping" => card.Fail(new McastSubscribeReq(Port0, IpAddr.Parse("239.5.5.5"))),
            "delete-xde: unknown port" => card.Fail(new DeleteXdeReq(Port1)),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };

        Assert.NotNull(error);
        Assert.Equal(before, State(card));
        Assert.Equal(generation, card.Firmware.Registry.Current.Generation);
        Assert.Equal(epoch, card.Firmware.Registry.Current.Ports[0].Engine.Epoch);
    }
}
