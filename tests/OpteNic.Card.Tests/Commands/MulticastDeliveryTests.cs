using System.Buffers.Binary;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using OpteNic.Firmware;
using OpteNic.HwSim.Wire;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// Multicast on the card (datasheet §5.5): a wire frame for an underlay group reaches every subscribed port as its own
/// copy; a guest's frame to a group reaches the other local subscribers and one unicast copy per forwarding next hop.
/// </summary>
public sealed class MulticastDeliveryTests
{
    private static readonly IpAddr s_group = IpAddr.Parse("239.1.2.3");
    private static readonly Ipv4Addr s_groupV4 = Ipv4Addr.Parse("239.1.2.3");
    private static readonly MacAddr s_groupMac = MacAddr.Parse("01:00:5e:01:02:03");
    private static readonly Ipv6Addr s_underlay = Ipv6Addr.Parse("ff04::e001:203");
    private static readonly Ipv6Addr s_otherUnderlay = Ipv6Addr.Parse("ff04::e001:999");
    private const uint Link0 = 1;
    private const uint Link1 = 2;
    private const uint Link2 = 3;
    private const string Port2 = "xde2";
    private static readonly MacAddr s_thirdMac = MacAddr.Parse("a8:40:25:f0:00:25");

    /// <summary>Three ports on one card (xde0, xde1, xde2), each allowing inbound UDP, with the group mapped in M2P.</summary>
    private static CommandCard ThreePorts()
    {
        var card = new CommandCard(SmallCard());
        card.Ok(CreatePort(Port0) with { Linkid = Link0 });
        card.Ok(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp)) with { Linkid = Link1 });
        card.Ok(CreatePort(Port2, GuestConfig(s_thirdMac, Ipv4Addr.Parse("172.30.0.25"))) with { Linkid = Link2 });
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        foreach (var port in new[] { Port0, Port1, Port2 })
        {
            card.Ok(new AddFwRuleReq(port, allowUdp));
            var subnet = IpCidr.Parse("172.30.0.0/22");
            card.Ok(new AddRouterEntryReq(port, subnet, new RouterTarget.VpcSubnet(subnet), RouterClass.System));
        }

        card.Ok(new SetMcast2PhysReq(s_group, s_underlay));
        return card;
    }

    private static (HostQueue Tx, HostQueue Rx) OpenQueues(CommandCard card)
    {
        var tx = new HostQueue(card.Harness, 0, transmit: true, 16);
        var rx = new HostQueue(card.Harness, 0, transmit: false, 16);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        for (var i = 0; i < 16; i++)
        {
            rx.PostBuffer((ushort)i);
        }

        return (tx, rx);
    }

    private static byte[] GroupDatagram(byte id) => VpcFrames.Udp(PeerMac, s_groupMac, PeerIp, s_groupV4, 6000, 5000, 32, id);

    /// <summary>The multicast Geneve option (class 0x0129, type 1) with <paramref name="replication"/>, inserted in a Geneve frame.</summary>
    private static byte[] WithMulticastOption(byte[] frame, Replication replication)
    {
        var withOption = new byte[frame.Length + 8];
        frame.AsSpan(0, VpcFrames.GeneveOffset + 8).CopyTo(withOption);
        frame.AsSpan(VpcFrames.GeneveOffset + 8).CopyTo(withOption.AsSpan(VpcFrames.GeneveOffset + 16));
        withOption[VpcFrames.GeneveOffset] = 2; // option length: 2 words
        var option = withOption.AsSpan(VpcFrames.GeneveOffset + 8);
        BinaryPrimitives.WriteUInt16BigEndian(option, 0x0129);
        option[2] = 1;
        option[3] = 1;
        option[4] = (byte)((byte)replication << 6);
        BinaryPrimitives.WriteUInt16BigEndian(withOption.AsSpan(14 + 4), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 4)) + 8));
        BinaryPrimitives.WriteUInt16BigEndian(withOption.AsSpan(14 + 40 + 4), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 40 + 4)) + 8));
        return withOption;
    }

    [Fact]
    public void A_wire_frame_for_a_group_reaches_each_subscribed_port_once_and_no_other()
    {
        using var card = ThreePorts();
        card.Ok(new McastSubscribeReq(Port0, s_group));
        card.Ok(new McastSubscribeReq(Port2, s_group));
        var (_, rx) = OpenQueues(card);
        var inner = GroupDatagram(4);

        Assert.Equal(WireDelivery.Queued, card.Harness.Wire.Send(WithMulticastOption(VpcFrames.Geneve(inner, new Vni(77), PeerPhys, s_underlay), Replication.Underlay)));
        card.Harness.Step();

        var links = new List<uint>();
        for (var i = 0; i < 2; i++)
        {
            var delivered = rx.TakeFrame(out var completion);
            Assert.Equal(CompletionStatus.Ok, completion.Status);
            Assert.Equal(CompletionFlags.MulticastReplica, completion.Flags & CompletionFlags.MulticastReplica);
            links.Add(completion.RssHash);
            // Decapsulated by the port: the guest sees the group datagram from the gateway MAC.
            Assert.Equal(s_groupMac, VpcFrames.MacAt(delivered, 0));
            Assert.Equal(VpcCfg.DefaultGatewayMac, VpcFrames.MacAt(delivered, 6));
            Assert.Equal(inner.AsSpan(12).ToArray(), delivered.AsSpan(12).ToArray());
        }

        Assert.False(rx.TryTake(out _, out _));
        Assert.Equal([Link0, Link2], links.Order());
        Assert.False(card.Harness.Wire.TryReceive(out _));

        var stats = card.Ok(new StatsReq(null)).Card;
        Assert.Equal(2ul, Counter(stats, "multicast_to_ports"));
        Assert.Equal(2ul, Counter(stats, "frames_to_ports"));
        Assert.Equal(0ul, Counter(stats, "demux_drop_inbound_multicast"));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port0)).Port, "in_modified"));
        Assert.Equal(0ul, Counter(card.Ok(new StatsReq(Port1)).Port, "in_modified"));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port2)).Port, "in_modified"));
        Assert.Equal(2u, card.Harness.QueueStat(0, QueueStatIndex.RxPackets));
        Assert.Equal(0u, card.Harness.QueueStat(0, QueueStatIndex.RxDrops));
    }

    [Fact]
    public void A_wire_frame_for_a_group_without_subscribers_is_a_counted_drop()
    {
        using var card = ThreePorts();
        card.Ok(new McastSubscribeReq(Port0, s_group));
        var (_, rx) = OpenQueues(card);

        card.Harness.Wire.Send(VpcFrames.Geneve(GroupDatagram(1), new Vni(77), PeerPhys, s_otherUnderlay));
        card.Ok(new McastUnsubscribeReq(Port0, s_group));
        card.Harness.Wire.Send(VpcFrames.Geneve(GroupDatagram(2), new Vni(77), PeerPhys, s_underlay));
        card.Harness.Step();

        Assert.False(rx.TryTake(out _, out _));
        var stats = card.Ok(new StatsReq(null)).Card;
        Assert.Equal(2ul, Counter(stats, "demux_drop_inbound_multicast"));
        Assert.Equal(0ul, Counter(stats, "multicast_to_ports"));
        Assert.Equal(2u, card.Harness.QueueStat(0, QueueStatIndex.RxDrops));
    }

    [Fact]
    public void A_unicast_copy_from_a_next_hop_is_delivered_by_the_M2P_mapping_of_its_inner_group()
    {
        using var card = ThreePorts();
        card.Ok(new McastSubscribeReq(Port1, s_group));
        var (_, rx) = OpenQueues(card);

        card.Harness.Wire.Send(VpcFrames.Geneve(GroupDatagram(3), new Vni(77), PeerPhys, OwnPhys));
        card.Harness.Step();

        var delivered = rx.TakeFrame(out var completion);
        Assert.Equal(Link1, completion.RssHash);
        Assert.Equal(s_groupMac, VpcFrames.MacAt(delivered, 0));
        Assert.False(rx.TryTake(out _, out _));
    }

    [Fact]
    public void A_subscriber_whose_firewall_denies_the_datagram_gets_nothing_and_its_port_counts_the_drop()
    {
        using var card = ThreePorts();
        card.Ok(new McastSubscribeReq(Port0, s_group));
        card.Ok(new McastSubscribeReq(Port1, s_group));
        card.Ok(new SetFwRulesReq(Port1, []));
        var (_, rx) = OpenQueues(card);

        card.Harness.Wire.Send(VpcFrames.Geneve(GroupDatagram(5), new Vni(77), PeerPhys, s_underlay));
        card.Harness.Step();

        rx.TakeFrame(out var completion);
        Assert.Equal(Link0, completion.RssHash);
        Assert.False(rx.TryTake(out _, out _));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port1)).Port, "in_drop_layer"));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(null)).Card, "multicast_to_ports"));
    }

    [Fact]
    public void A_guests_group_frame_reaches_the_other_local_subscribers_and_one_unicast_copy_per_next_hop()
    {
        using var card = ThreePorts();
        card.Ok(new McastSubscribeReq(Port0, s_group));
        card.Ok(new McastSubscribeReq(Port1, s_group));
        var hopA = Ipv6Addr.Parse("fd00:1122::1");
        var hopB = Ipv6Addr.Parse("fd00:3344::1");
        card.Ok(new SetMcastForwardingReq(s_underlay, [
            new McastNextHop(new NextHopV6(hopA, new Vni(77)), Replication.Underlay),
            new McastNextHop(new NextHopV6(hopB, new Vni(77)), Replication.External),
        ]));
        var (tx, rx) = OpenQueues(card);
        var datagram = VpcFrames.Udp(GuestMac, s_groupMac, PrivateIp, s_groupV4, 5000, 6000, 24, 8);

        tx.PostFrame(datagram, 3);
        card.Harness.Step();

        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);

        // Local: only xde1 (the sender xde0 is subscribed too, but never gets its own frame back).
        var local = rx.TakeFrame(out var completion);
        Assert.Equal(Link1, completion.RssHash);
        Assert.Equal(CompletionFlags.MulticastReplica, completion.Flags);
        Assert.Equal(s_groupMac, VpcFrames.MacAt(local, 0));
        Assert.Equal(datagram.AsSpan(12).ToArray(), local.AsSpan(12).ToArray());
        Assert.False(rx.TryTake(out _, out _));

        // Wire: one unicast copy per next hop, each with its replication mode, and no group-addressed frame.
        var copies = new List<byte[]>();
        while (card.Harness.Wire.TryReceive(out var onWire))
        {
            copies.Add(onWire);
        }

        Assert.Equal(2, copies.Count);
        foreach (var (copy, hop, mode) in new[] { (copies[0], hopA, Replication.Underlay), (copies[1], hopB, Replication.External) })
        {
            Assert.Equal(new MacAddr(card.Options.UnderlayNextHopMac), VpcFrames.MacAt(copy, 0));
            Assert.Equal(new MacAddr(card.Options.UnderlayMac), VpcFrames.MacAt(copy, 6));
            Assert.Equal(OwnPhys, VpcFrames.Ipv6At(copy, 14 + 8));
            Assert.Equal(hop, VpcFrames.Ipv6At(copy, 14 + 24));
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(14 + 40 + 6)));
            Assert.Equal(77u, VpcFrames.VniOf(copy));
            var option = copy.AsSpan(VpcFrames.GeneveOffset + 8);
            Assert.Equal(0x0129, BinaryPrimitives.ReadUInt16BigEndian(option));
            Assert.Equal(1, option[2] & 0x7F);
            Assert.Equal((int)mode, option[4] >> 6);
            var inner = copy.AsSpan(VpcFrames.InnerOffset(copy));
            Assert.Equal(s_groupMac, MacAddr.FromBytes(inner[..6]));
            Assert.Equal(datagram.AsSpan(12).ToArray(), inner[12..].ToArray());
        }

        Assert.Equal(2u, card.Harness.QueueStat(0, QueueStatIndex.TxPackets));
        Assert.Equal(1u, card.Harness.QueueStat(0, QueueStatIndex.RxPackets));
        var stats = card.Ok(new StatsReq(null)).Card;
        Assert.Equal(2ul, Counter(stats, "multicast_forwarded"));
        Assert.Equal(1ul, Counter(stats, "multicast_to_ports"));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port0)).Port, "out_modified"));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(Port1)).Port, "in_modified"));
    }

    [Fact]
    public void A_guests_group_frame_without_next_hops_goes_to_the_underlay_group_as_before()
    {
        using var card = ThreePorts();
        var (tx, rx) = OpenQueues(card);

        tx.PostFrame(VpcFrames.Udp(GuestMac, s_groupMac, PrivateIp, s_groupV4, 5000, 6000), 1);
        card.Harness.Step();

        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
        Assert.True(card.Harness.Wire.TryReceive(out var onWire));
        Assert.Equal(MacAddr.Parse("33:33:e0:01:02:03"), VpcFrames.MacAt(onWire, 0));
        Assert.Equal(s_underlay, VpcFrames.Ipv6At(onWire, 14 + 24));
        Assert.False(card.Harness.Wire.TryReceive(out _));
        Assert.False(rx.TryTake(out _, out _));
        Assert.Equal(1u, card.Harness.QueueStat(0, QueueStatIndex.TxPackets));
    }

    [Fact]
    public void Copies_beyond_the_replica_buffers_are_counted_drops()
    {
        var small = SmallCard();
        using var card = new CommandCard(new FirmwareOptions
        {
            NicCores = 1,
            Virt2PhysCapacity = small.Virt2PhysCapacity,
            PortUftLimit = small.PortUftLimit,
            PortTcpLimit = small.PortTcpLimit,
            PortLayerFlowLimit = small.PortLayerFlowLimit,
            MulticastReplicaBuffers = 1,
        });
        card.Ok(CreatePort(Port0) with { Linkid = Link0 });
        card.Ok(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp)) with { Linkid = Link1 });
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        card.Ok(new AddFwRuleReq(Port0, allowUdp));
        card.Ok(new AddFwRuleReq(Port1, allowUdp));
        card.Ok(new SetMcast2PhysReq(s_group, s_underlay));
        card.Ok(new McastSubscribeReq(Port0, s_group));
        card.Ok(new McastSubscribeReq(Port1, s_group));
        var (_, rx) = OpenQueues(card);

        card.Harness.Wire.Send(VpcFrames.Geneve(GroupDatagram(6), new Vni(77), PeerPhys, s_underlay));
        card.Harness.Step();

        rx.TakeFrame(out var completion);
        Assert.Equal(Link0, completion.RssHash);
        Assert.False(rx.TryTake(out _, out _));
        Assert.Equal(1ul, Counter(card.Ok(new StatsReq(null)).Card, "demux_drop_multicast_no_replica_buffer"));
    }
}
