using System.Buffers.Binary;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// set-external-ips' internet-gateway map through the mailbox and the card's data path: the firmware hands the map to
/// the VPC port (<c>VpcPort.TrySetExternalIps</c>), so it decides which external IP a guest flow leaves with, and the
/// port's own configuration (list-ports) stays current.
/// </summary>
public sealed class InternetGatewayMapTests
{
    private static readonly Guid s_gatewayA = Guid.Parse("6d2c2f33-35a4-4c0e-9a3e-4b4e6b0c7a11");
    private static readonly Guid s_gatewayB = Guid.Parse("0b9c7f1e-2222-4d3c-8e5f-1a2b3c4d5e6f");
    private static readonly Ipv4Addr s_floatingA = Ipv4Addr.Parse("203.0.113.31");
    private static readonly Ipv4Addr s_floatingB = Ipv4Addr.Parse("203.0.113.32");
    private static readonly Ipv4Addr s_viaA = Ipv4Addr.Parse("192.0.2.1");
    private static readonly Ipv4Addr s_viaB = Ipv4Addr.Parse("198.51.100.77");
    private static readonly Ipv6Addr s_boundary = Ipv6Addr.Parse("fd00:99::1");

    private static readonly ExternalIpCfg<Ipv4Addr> s_external = new(null, null, [s_floatingA, s_floatingB]);

    /// <summary>A port with two floating IPs; default route via gateway A, 198.51.100.0/24 via gateway B (custom).</summary>
    private static (CommandCard Card, HostQueue Tx) TwoGateways()
    {
        var card = new CommandCard();
        card.Ok(CreatePort(config: GuestConfig(external: s_external)));
        card.Ok(new AddRouterEntryReq(Port0, IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(s_gatewayA), RouterClass.System));
        card.Ok(new AddRouterEntryReq(Port0, IpCidr.Parse("198.51.100.0/24"), new RouterTarget.InternetGateway(s_gatewayB), RouterClass.Custom));
        card.Ok(new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(s_boundary, new Vni(99))]));
        var tx = new HostQueue(card.Harness, 0, transmit: true, 16);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        return (card, tx);
    }

    /// <summary>The external (inner source) IPs that guest UDP flows to <paramref name="destination"/> leave with, one flow per source port.</summary>
    private static HashSet<Ipv4Addr> Sources(CommandCard card, HostQueue tx, Ipv4Addr destination, ushort firstPort, int flows = 12)
    {
        var sources = new HashSet<Ipv4Addr>();
        for (var i = 0; i < flows; i++)
        {
            tx.PostFrame(VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, destination, (ushort)(firstPort + i), 53), (ushort)i);
            card.Harness.Step();
            Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
            Assert.True(card.Harness.Wire.TryReceive(out var onWire), $"flow {i} to {destination} did not reach the wire");
            Assert.Equal(s_boundary, VpcFrames.Ipv6At(onWire, 14 + 24));
            var inner = VpcFrames.InnerOffset(onWire);
            Assert.Equal(destination.Value, BinaryPrimitives.ReadUInt32BigEndian(onWire.AsSpan(inner + 14 + 16)));
            sources.Add(new Ipv4Addr(BinaryPrimitives.ReadUInt32BigEndian(onWire.AsSpan(inner + 14 + 12))));
        }

        return sources;
    }

    [Fact]
    public void Without_a_map_both_floating_ips_serve_the_custom_gateway()
    {
        var (card, tx) = TwoGateways();
        using var _ = card;

        Assert.Equal([s_floatingA, s_floatingB], Sources(card, tx, s_viaB, 20000).OrderBy(ip => ip.Value));
    }

    [Fact]
    public void The_map_from_set_external_ips_decides_which_floating_ip_each_gateway_uses()
    {
        var (card, tx) = TwoGateways();
        using var _ = card;

        card.Ok(new SetExternalIpsReq(Port0, s_external, null,
            [new InetGatewayEntry(new IpAddr(s_floatingA), [s_gatewayA]), new InetGatewayEntry(new IpAddr(s_floatingB), [s_gatewayB])]));

        Assert.Equal([s_floatingA], Sources(card, tx, s_viaA, 10000));
        Assert.Equal([s_floatingB], Sources(card, tx, s_viaB, 20000));
        Assert.Equal([s_floatingA, s_floatingB], Assert.Single(card.Ok(new ListPortsReq()).Ports).FloatingIp4Addrs);
        var vpc = card.Firmware.Registry.Current.Ports[0].Vpc;
        Assert.Equal([s_gatewayB], vpc.InternetGatewayMap![OpteNic.Packets.IpAddr.FromIpv4(s_floatingB.Value)]);
        Assert.Same(vpc.Config, card.Firmware.Registry.Current.Ports[0].Config);
    }

    [Fact]
    public void A_later_set_external_ips_without_a_map_returns_every_floating_ip_to_every_gateway()
    {
        var (card, tx) = TwoGateways();
        using var _ = card;
        card.Ok(new SetExternalIpsReq(Port0, s_external, null,
            [new InetGatewayEntry(new IpAddr(s_floatingA), [s_gatewayA]), new InetGatewayEntry(new IpAddr(s_floatingB), [s_gatewayB])]));
        Assert.Equal([s_floatingB], Sources(card, tx, s_viaB, 20000));

        card.Ok(new SetExternalIpsReq(Port0, s_external, null, null));

        Assert.Null(card.Firmware.Registry.Current.Ports[0].Vpc.InternetGatewayMap);
        Assert.Equal([s_floatingA, s_floatingB], Sources(card, tx, s_viaB, 30000).OrderBy(ip => ip.Value));
    }

    [Fact]
    public void A_map_naming_an_address_the_port_does_not_have_is_InvalidIpCfg_and_changes_nothing()
    {
        var (card, tx) = TwoGateways();
        using var _ = card;
        var stranger = Ipv4Addr.Parse("203.0.113.99");

        var error = Assert.IsType<OpteError.InvalidIpCfg>(card.Fail(new SetExternalIpsReq(Port0, s_external, null,
            [new InetGatewayEntry(new IpAddr(stranger), [s_gatewayA])])));

        Assert.Contains("203.0.113.99", error.ToString());
        Assert.Null(card.Firmware.Registry.Current.Ports[0].Vpc.InternetGatewayMap);
        Assert.Equal([s_floatingA, s_floatingB], Sources(card, tx, s_viaB, 20000).OrderBy(ip => ip.Value));
    }
}
