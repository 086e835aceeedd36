using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// OPTE's port states through the card's PausePort/StartPort commands (datasheet §5.1): a paused port drops its frames
/// as process errors, refuses every change with BadState and still answers dumps; started again, it forwards.
/// </summary>
public sealed class PortStateTests
{
    [Fact]
    public void A_paused_port_drops_its_traffic_refuses_changes_and_resumes_when_started()
    {
        using var card = new CommandCard().WithPeerRoute();
        var tx = new HostQueue(card.Harness, 0, transmit: true, 16);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        var frame = VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, 5000, 6000);

        Assert.Equal(new OpteError.BadState($"port {Port0} is Running"), card.Fail(new StartPortReq(Port0)));
        card.Ok(new PausePortReq(Port0));
        Assert.Equal(new OpteError.BadState($"port {Port0} is Paused"), card.Fail(new PausePortReq(Port0)));

        tx.PostFrame(frame, 1);
        card.Harness.Step();
        Assert.Equal(CompletionStatus.Dropped, tx.Take().Status);
        Assert.False(card.Harness.Wire.TryReceive(out _));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port0)).Port, "out_process_err"));

        var paused = new OpteError.BadState($"port {Port0} is Paused");
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var rule, out _));
        Assert.Equal(paused, card.Fail(new AddFwRuleReq(Port0, rule)));
        Assert.Equal(paused, card.Fail(new SetFwRulesReq(Port0, [rule])));
        Assert.Equal(paused, card.Fail(new AddRouterEntryReq(Port0, IpCidr.Parse("10.0.0.0/8"), new RouterTarget.Drop(), RouterClass.System)));
        Assert.Equal(paused, card.Fail(new AllowCidrReq(Port0, IpCidr.Parse("10.0.0.0/8"), Direction.In)));
        Assert.NotEmpty(card.Ok(new ListLayersReq(Port0)).Layers);
        Assert.NotEmpty(card.Ok(new DumpLayerReq(Port0, "router")).RulesOut);

        card.Ok(new StartPortReq(Port0));
        tx.PostFrame(frame, 2);
        card.Harness.Step();
        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
        Assert.True(card.Harness.Wire.TryReceive(out _));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port0)).Port, "out_modified"));
    }

    /// <summary>
    /// set-external-ips leaves the state check to the VPC port, which reports the engine's refusal of rule changes on
    /// a paused port as its own kind (EngineRefused, BadState); the firmware answers BadState naming the port and its
    /// state — not the request — even when the request is also invalid, and changes nothing (config, NAT, epoch).
    /// </summary>
    [Fact]
    public void Set_external_ips_on_a_paused_port_is_the_engines_BadState_and_changes_nothing()
    {
        using var card = new CommandCard().WithPeerRoute();
        var ephemeral = Ipv4Addr.Parse("203.0.113.7");
        var request = new SetExternalIpsReq(Port0, new ExternalIpCfg<Ipv4Addr>(null, ephemeral, []), null, null);
        var insideSubnet = new SetExternalIpsReq(Port0, new ExternalIpCfg<Ipv4Addr>(null, PeerIp, []), null, null);
        card.Ok(new PausePortReq(Port0));
        var port = card.Firmware.Registry.Current.Ports[0];
        var configBefore = port.Vpc.Config;
        var epochBefore = port.Engine.Epoch;

        var paused = new OpteError.BadState($"port {Port0} is Paused");
        Assert.Equal(paused, card.Fail(request));
        Assert.Equal(paused, card.Fail(insideSubnet));
        Assert.Equal(paused, card.Fail(new AttachSubnetReq(Port0, IpCidr.Parse("192.168.50.0/24"), false)));
        Assert.Same(configBefore, port.Vpc.Config);
        Assert.Equal(epochBefore, port.Engine.Epoch);
        Assert.Null(card.Ok(new ListPortsReq()).Ports.Single().EphemeralIp4Addr);
        Assert.False(port.Vpc.Nat.Current.HasOneToOne(OpteNic.Packets.IpAddr.Parse("203.0.113.7")));

        card.Ok(new StartPortReq(Port0));
        Assert.IsType<OpteError.InvalidIpCfg>(card.Fail(insideSubnet));
        card.Ok(request);
        Assert.Equal(ephemeral, card.Ok(new ListPortsReq()).Ports.Single().EphemeralIp4Addr);
    }

    [Fact]
    public void Pause_and_start_of_a_missing_port_are_PortNotFound()
    {
        using var card = new CommandCard().WithPeerRoute();
        Assert.IsType<OpteError.PortNotFound>(card.Fail(new PausePortReq("nope")));
        Assert.IsType<OpteError.PortNotFound>(card.Fail(new StartPortReq("nope")));
    }
}
