using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// ExportPortState / ImportPortState (card extension, datasheet §5.7) through the real mailbox: a paused port's flows
/// leave as a blob (grown through ENOBUFS when larger than the host's first buffer) and are rebuilt on another card;
/// every refusal has its precise error and changes nothing.
/// </summary>
public sealed class PortStateTransferTests
{
    private static readonly ExternalIpCfg<Ipv4Addr> s_snat = new(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.10"), 1024, 2047), null, []);
    private static readonly Ipv6Addr s_boundary = Ipv6Addr.Parse("fd00:99::1");

    /// <summary>A card whose port reaches the internet through SNAT (default route to the internet gateway, V2B to boundary services).</summary>
    private static CommandCard InternetCard()
    {
        var card = new CommandCard();
        card.Ok(CreatePort(config: GuestConfig(external: s_snat)));
        card.Ok(new AddRouterEntryReq(Port0, IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null), RouterClass.System));
        card.Ok(new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(s_boundary, new Vni(99))]));
        return card;
    }

    /// <summary>Guest UDP flows to the internet, one per source port, through the host TX ring.</summary>
    private static void OpenFlows(CommandCard card, int flows)
    {
        var tx = new HostQueue(card.Harness, 0, transmit: true, 16);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        var destination = Ipv4Addr.Parse("198.51.100.53");
        for (var i = 0; i < flows; i++)
        {
            tx.PostFrame(VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, destination, (ushort)(10000 + i), 53), (ushort)i);
            card.Harness.Step();
            Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
            Assert.True(card.Harness.Wire.TryReceive(out _));
        }
    }

    [Fact]
    public void A_large_export_grows_through_ENOBUFS_and_every_flow_is_rebuilt_on_another_card()
    {
        const int Flows = 220;   // 84 bytes per flow: past the host's first 16 KiB buffer
        using var source = InternetCard();
        OpenFlows(source, Flows);
        source.Ok(new PausePortReq(Port0));

        var reply = source.Run(new ExportPortStateReq(Port0));
        Assert.Null(reply.Error);
        Assert.Equal(2, reply.Tries);
        var exported = reply.Response!;
        Assert.Equal((uint)Flows, exported.Flows);
        Assert.True(exported.State.Count > 16 * 1024, $"blob of {exported.State.Count} bytes");

        using var destination = InternetCard();
        var imported = destination.Ok(new ImportPortStateReq(Port0, exported.State));
        Assert.Equal((uint)Flows, imported.Restored);
        Assert.Empty(imported.Failures);
        Assert.Equal((uint)Flows, destination.Ok(new DumpUftReq(Port0)).OutCount);
    }

    [Fact]
    public void Exporting_a_running_port_is_BadState_and_a_missing_port_is_PortNotFound()
    {
        using var card = InternetCard();
        var error = Assert.IsType<OpteError.BadState>(card.Fail(new ExportPortStateReq(Port0)));
        Assert.Contains("Running", error.State, StringComparison.Ordinal);
        Assert.IsType<OpteError.PortNotFound>(card.Fail(new ExportPortStateReq("nosuch")));
        Assert.IsType<OpteError.PortNotFound>(card.Fail(new ImportPortStateReq("nosuch", [1])));
    }

    [Fact]
    public void A_damaged_blob_is_DeserCmdReq_and_a_paused_destination_is_BadState_and_nothing_changes()
    {
        using var source = InternetCard();
        OpenFlows(source, 3);
        source.Ok(new PausePortReq(Port0));
        var blob = source.Ok(new ExportPortStateReq(Port0)).State.AsSpan().ToArray();

        using var destination = InternetCard();
        var damaged = (byte[])blob.Clone();
        damaged[damaged.Length / 2] ^= 0x40;
        var deser = Assert.IsType<OpteError.DeserCmdReq>(destination.Fail(new ImportPortStateReq(Port0, ValueArray.Adopt(damaged))));
        Assert.Contains("ChecksumMismatch", deser.Detail, StringComparison.Ordinal);
        Assert.IsType<OpteError.DeserCmdReq>(destination.Fail(new ImportPortStateReq(Port0, ValueArray.Create<byte>(blob.AsSpan(0, blob.Length - 1)))));

        destination.Ok(new PausePortReq(Port0));
        Assert.IsType<OpteError.BadState>(destination.Fail(new ImportPortStateReq(Port0, ValueArray.Adopt(blob))));
        destination.Ok(new StartPortReq(Port0));
        Assert.Equal(0u, destination.Ok(new DumpUftReq(Port0)).OutCount);

        var imported = destination.Ok(new ImportPortStateReq(Port0, ValueArray.Adopt(blob)));
        Assert.Equal(3u, imported.Restored);
    }

    [Fact]
    public void A_blob_of_another_guest_is_System_EINVAL_naming_both()
    {
        using var source = InternetCard();
        source.Ok(new PausePortReq(Port0));
        var blob = source.Ok(new ExportPortStateReq(Port0)).State;

        using var other = new CommandCard();
        other.Ok(CreatePort(config: GuestConfig(OtherGuestMac, OtherPrivateIp, s_snat)));
        var error = Assert.IsType<OpteError.System>(other.Fail(new ImportPortStateReq(Port0, blob)));
        Assert.Equal(Errno.EINVAL, error.SystemErrno);
        Assert.Contains(GuestMac.ToString(), error.Msg, StringComparison.Ordinal);
    }

    [Fact]
    public void Flows_the_destination_cannot_take_are_listed_with_their_reason()
    {
        using var source = InternetCard();
        OpenFlows(source, 2);
        source.Ok(new PausePortReq(Port0));
        var blob = source.Ok(new ExportPortStateReq(Port0)).State;

        // The destination's SNAT IP differs: both flows are NatPortUnavailable, named by their guest flow.
        using var destination = new CommandCard();
        destination.Ok(CreatePort(config: GuestConfig(external: new(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.99"), 1024, 2047), null, []))));
        var imported = destination.Ok(new ImportPortStateReq(Port0, blob));
        Assert.Equal(0u, imported.Restored);
        Assert.Equal(2, imported.Failures.Count);
        Assert.All(imported.Failures, f => Assert.Equal(FlowRestoreReason.NatPortUnavailable, f.Reason));
        Assert.Equal([10000, 10001], imported.Failures.Select(f => (int)f.Flow.SrcPort).Order());
    }
}
