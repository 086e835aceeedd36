using System.Buffers.Binary;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using OpteNic.HwSim.Wire;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// Frames through a VPC port created over the mailbox: host rings → NIC core → port demultiplexing → engine → wire,
/// and back (datasheet §5.3).
/// </summary>
public sealed class VpcTrafficTests
{
    private static (HostQueue Tx, HostQueue Rx) OpenQueues(CommandCard card, int buffers = 8)
    {
        var tx = new HostQueue(card.Harness, 0, transmit: true, 16);
        var rx = new HostQueue(card.Harness, 0, transmit: false, 16);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        for (var i = 0; i < buffers; i++)
        {
            rx.PostBuffer((ushort)i);
        }

        return (tx, rx);
    }

    [Fact]
    public void Guest_ARP_for_the_gateway_gets_a_hairpin_reply_on_host_RX()
    {
        using var card = new CommandCard().WithPeerRoute();
        var (tx, rx) = OpenQueues(card);

        tx.PostFrame(VpcFrames.ArpRequest(GuestMac, PrivateIp, GatewayIp), 7);
        card.Harness.Step();

        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
        var reply = rx.TakeFrame(out var completion);
        Assert.Equal(CompletionStatus.Ok, completion.Status);
        Assert.Equal(CompletionFlags.Hairpin, completion.Flags & CompletionFlags.Hairpin);
        Assert.Equal(GuestMac, VpcFrames.MacAt(reply, 0));
        Assert.Equal(VpcCfg.DefaultGatewayMac, VpcFrames.MacAt(reply, 6));
        Assert.Equal(0x0806, BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(12)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(14 + 6)));
        Assert.Equal(VpcCfg.DefaultGatewayMac, VpcFrames.MacAt(reply, 14 + 8));
        Assert.Equal(GatewayIp.Value, BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(14 + 14)));
        Assert.False(card.Harness.Wire.TryReceive(out _));

        var stats = card.Ok(new StatsReq(Port0));
        Assert.Equal(1ul, Counter(stats.Port, "out_hairpin"));
        Assert.Equal(1ul, Counter(stats.Port, "hairpin_reply_arp"));
        Assert.Equal(1ul, Counter(stats.Card, "frames_to_ports"));
    }

    [Fact]
    public void Guest_to_peer_leaves_Geneve_encapsulated_with_the_right_outer_headers()
    {
        using var card = new CommandCard().WithPeerRoute();
        var (tx, _) = OpenQueues(card);
        var frame = VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, 5000, 6000, 40, 3);

        tx.PostFrame(frame, 1);
        card.Harness.Step();

        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
        Assert.True(card.Harness.Wire.TryReceive(out var onWire));
        Assert.Equal(new MacAddr(card.Options.UnderlayNextHopMac), VpcFrames.MacAt(onWire, 0));
        Assert.Equal(new MacAddr(card.Options.UnderlayMac), VpcFrames.MacAt(onWire, 6));
        Assert.Equal(0x86DD, BinaryPrimitives.ReadUInt16BigEndian(onWire.AsSpan(12)));
        Assert.Equal(17, onWire[14 + 6]);
        Assert.Equal(OwnPhys, VpcFrames.Ipv6At(onWire, 14 + 8));
        Assert.Equal(PeerPhys, VpcFrames.Ipv6At(onWire, 14 + 24));
        Assert.Equal(6081, BinaryPrimitives.ReadUInt16BigEndian(onWire.AsSpan(14 + 40 + 2)));
        Assert.Equal(onWire.Length - 14 - 40, BinaryPrimitives.ReadUInt16BigEndian(onWire.AsSpan(14 + 40 + 4)));
        Assert.Equal(0x6558, BinaryPrimitives.ReadUInt16BigEndian(onWire.AsSpan(VpcFrames.GeneveOffset + 2)));
        Assert.Equal(OwnVni.Value, VpcFrames.VniOf(onWire));

        var inner = onWire.AsSpan(VpcFrames.InnerOffset(onWire));
        Assert.Equal(PeerMac, MacAddr.FromBytes(inner[..6]));
        Assert.Equal(GuestMac, MacAddr.FromBytes(inner.Slice(6, 6)));
        Assert.Equal(frame.AsSpan(12).ToArray(), inner[12..].ToArray());

        var stats = card.Ok(new StatsReq(Port0));
        Assert.Equal(1ul, Counter(stats.Port, "out_modified"));
        Assert.Equal(1ul, card.Ok(new DumpUftReq(Port0)).OutCount);
    }

    [Fact]
    public void Peer_to_guest_arrives_decapsulated_on_host_RX()
    {
        using var card = new CommandCard().WithPeerRoute();
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        card.Ok(new AddFwRuleReq(Port0, allowUdp));
        var (_, rx) = OpenQueues(card);
        var inner = VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6000, 5000, 24, 9);

        Assert.Equal(WireDelivery.Queued, card.Harness.Wire.Send(VpcFrames.Geneve(inner, OwnVni, PeerPhys, OwnPhys)));
        card.Harness.Step();

        var delivered = rx.TakeFrame(out var completion);
        Assert.Equal(CompletionStatus.Ok, completion.Status);
        Assert.Equal(GuestMac, VpcFrames.MacAt(delivered, 0));
        Assert.Equal(VpcCfg.DefaultGatewayMac, VpcFrames.MacAt(delivered, 6));
        Assert.Equal(inner.AsSpan(12).ToArray(), delivered.AsSpan(12).ToArray());
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port0)).Port, "in_modified"));
    }

    [Fact]
    public void Frames_for_no_port_are_counted_drops_with_their_reason()
    {
        using var card = new CommandCard().WithPeerRoute();
        var (tx, _) = OpenQueues(card);
        var inner = VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6000, 5000);

        tx.PostFrame(VpcFrames.Udp(OtherGuestMac, VpcCfg.DefaultGatewayMac, OtherPrivateIp, PeerIp, 1, 2), 1);
        tx.PostRaw(tx.BufferAddress(tx.Posted), 1, 2);
        card.Harness.Wire.Send(VpcFrames.Geneve(inner, new Vni(12), PeerPhys, OwnPhys));
        card.Harness.Wire.Send(VpcFrames.Geneve(VpcFrames.Udp(PeerMac, OtherGuestMac, PeerIp, PrivateIp, 6000, 5000), OwnVni, PeerPhys, OwnPhys));
        card.Harness.Wire.Send(TestFrames.Udp(1, 2));
        card.Harness.Wire.Send(VpcFrames.Geneve(VpcFrames.Udp(PeerMac, MacAddr.Parse("01:00:5e:01:01:01"), PeerIp, Ipv4Addr.Parse("239.1.1.1"), 1, 2), OwnVni, PeerPhys, OwnPhys));
        card.Harness.Step();

        Assert.Equal(CompletionStatus.Dropped, tx.Take().Status);
        Assert.Equal(CompletionStatus.Dropped, tx.Take().Status);
        Assert.False(card.Harness.Wire.TryReceive(out _));
        var stats = card.Ok(new StatsReq(null)).Card;
        Assert.Equal(1ul, Counter(stats, "demux_drop_outbound_no_port"));
        Assert.Equal(1ul, Counter(stats, "demux_drop_outbound_runt"));
        Assert.Equal(2ul, Counter(stats, "demux_drop_inbound_no_port"));
        Assert.Equal(1ul, Counter(stats, "demux_drop_inbound_parse"));
        Assert.Equal(1ul, Counter(stats, "demux_drop_inbound_multicast"));
        Assert.Equal(1ul, Counter(stats, "parse_unwanted_protocol") + Counter(stats, "parse_reject"));
        Assert.Equal(2u, card.Harness.QueueStat(0, QueueStatIndex.TxDrops));
        Assert.Equal(4u, card.Harness.QueueStat(0, QueueStatIndex.RxDrops));
    }

    [Fact]
    public void The_card_passes_frames_through_until_a_port_exists_and_again_after_the_last_is_deleted()
    {
        using var card = new CommandCard();
        var (tx, _) = OpenQueues(card);
        var frame = TestFrames.Udp(1000, 2000, 30, 1);

        tx.PostFrame(frame, 1);
        card.Harness.Step();
        Assert.True(card.Harness.Wire.TryReceive(out var before));
        Assert.Equal(frame, before);

        card.Ok(CreatePort());
        tx.PostFrame(frame, 2);
        card.Harness.Step();
        Assert.False(card.Harness.Wire.TryReceive(out _));

        card.Ok(new DeleteXdeReq(Port0));
        tx.PostFrame(frame, 3);
        card.Harness.Step();
        Assert.True(card.Harness.Wire.TryReceive(out var after));
        Assert.Equal(frame, after);
        Assert.Equal(2ul, Counter(card.Ok(new StatsReq(null)).Card, "frames_pass_through"));
    }

    [Fact]
    public void The_management_loop_expires_flows_once_a_second_on_the_board_clock()
    {
        using var card = new CommandCard().WithPeerRoute();
        var (tx, _) = OpenQueues(card);
        tx.PostFrame(VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, 5000, 6000), 1);
        card.Harness.Step();
        Assert.Equal(1u, card.Ok(new DumpUftReq(Port0)).OutCount);
        var passes = card.Firmware.Management.ExpiryPasses;

        card.Harness.Clock.AdvanceMilliseconds(30_000);
        card.Harness.Step();
        Assert.Equal(passes + 1, card.Firmware.Management.ExpiryPasses);
        Assert.Equal(1u, card.Ok(new DumpUftReq(Port0)).OutCount);

        card.Harness.Clock.AdvanceMilliseconds(31_000);
        card.Harness.Step();
        Assert.Equal(passes + 2, card.Firmware.Management.ExpiryPasses);
        Assert.Equal(0u, card.Ok(new DumpUftReq(Port0)).OutCount);
    }
}
