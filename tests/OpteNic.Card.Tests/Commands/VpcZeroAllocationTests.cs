using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using OpteNic.Tests.Shared;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

public sealed class VpcZeroAllocationTests
{
    /// <summary>
    /// With a VPC port bound, the NIC core's steady state (registry snapshot, demultiplexing, lease, engine fast path,
    /// underlay MACs) allocates nothing: thousands of frames guest → peer (encapsulated) and peer → guest (decapsulated).
    /// </summary>
    [Fact]
    public void The_poll_loop_allocates_nothing_with_a_VPC_port()
    {
        using var card = new CommandCard().WithPeerRoute();
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        card.Ok(new AddFwRuleReq(Port0, allowUdp));
        var tx = new HostQueue(card.Harness, 0, transmit: true, 64);
        var rx = new HostQueue(card.Harness, 0, transmit: false, 64);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        var outbound = VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, 5000, 6000, 400);
        var inbound = VpcFrames.Geneve(VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6000, 5000, 400), OwnVni, PeerPhys, OwnPhys);
        var scratch = new byte[9216];
        var core = card.Firmware.Cores[0];
        var rounds = 0;

        void Round()
        {
            rounds++;
            for (var i = 0; i < 32; i++)
            {
                tx.PostFrame(outbound, (ushort)i);
                rx.PostBuffer((ushort)i);
                card.Harness.Wire.Send(inbound);
            }

            core.RunOnce();
            for (var i = 0; i < 32; i++)
            {
                tx.TryTake(out _, out _);
                rx.TryTake(out _, out _);
                card.Harness.Wire.TryReceive(scratch, out _);
            }
        }

        var allocated = SteadyState.AllocatedBytes(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                Round();
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal((uint)rounds * 32, card.Harness.QueueStat(0, QueueStatIndex.TxPackets));
        Assert.Equal((uint)rounds * 32, card.Harness.QueueStat(0, QueueStatIndex.RxPackets));
    }

    /// <summary>
    /// Two ports whose frames interleave in every burst (the burst is grouped per port for the engine) plus multicast
    /// both ways (wire → two subscribers; guest → the other subscriber and two next hops): the steady state allocates
    /// nothing, and every frame and copy is accounted for.
    /// </summary>
    [Fact]
    public void The_poll_loop_allocates_nothing_with_interleaved_ports_and_multicast()
    {
        using var card = new CommandCard(SmallCard()).WithPeerRoute();
        card.Ok(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp)));
        var subnet = IpCidr.Parse("172.30.0.0/22");
        card.Ok(new AddRouterEntryReq(Port1, subnet, new RouterTarget.VpcSubnet(subnet), RouterClass.System));
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        card.Ok(new AddFwRuleReq(Port0, allowUdp));
        card.Ok(new AddFwRuleReq(Port1, allowUdp));
        var group = IpAddr.Parse("239.1.2.3");
        var underlay = Ipv6Addr.Parse("ff04::e001:203");
        card.Ok(new SetMcast2PhysReq(group, underlay));
        card.Ok(new McastSubscribeReq(Port0, group));
        card.Ok(new McastSubscribeReq(Port1, group));
        card.Ok(new SetMcastForwardingReq(underlay, [
            new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:1122::1"), new Vni(77)), Replication.Underlay),
            new McastNextHop(new NextHopV6(Ipv6Addr.Parse("fd00:3344::1"), new Vni(77)), Replication.Both),
        ]));
        var tx = new HostQueue(card.Harness, 0, transmit: true, 64);
        var rx = new HostQueue(card.Harness, 0, transmit: false, 128);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        var groupMac = MacAddr.Parse("01:00:5e:01:02:03");
        var groupIp = Ipv4Addr.Parse("239.1.2.3");
        byte[][] outbound =
        [
            VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, 5000, 6000, 200),
            VpcFrames.Udp(OtherGuestMac, VpcCfg.DefaultGatewayMac, OtherPrivateIp, PeerIp, 5001, 6000, 200),
            VpcFrames.Udp(GuestMac, groupMac, PrivateIp, groupIp, 5002, 6000, 200),
        ];
        byte[][] inbound =
        [
            VpcFrames.Geneve(VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6000, 5000, 200), OwnVni, PeerPhys, OwnPhys),
            VpcFrames.Geneve(VpcFrames.Udp(PeerMac, OtherGuestMac, PeerIp, OtherPrivateIp, 6000, 5001, 200), OwnVni, PeerPhys, OwnPhys),
            VpcFrames.Geneve(VpcFrames.Udp(PeerMac, groupMac, PeerIp, groupIp, 6000, 5002, 200), new Vni(77), PeerPhys, underlay),
        ];
        var scratch = new byte[9216];
        var core = card.Firmware.Cores[0];
        long wireFrames = 0;
        long hostFrames = 0;

        void Round()
        {
            for (var i = 0; i < 12; i++)
            {
                tx.PostFrame(outbound[i % 3], (ushort)i);
                card.Harness.Wire.Send(inbound[i % 3]);
            }

            while (rx.Posted - rx.Consumed < 64)
            {
                rx.PostBuffer((ushort)rx.Posted);
            }

            core.RunOnce();
            while (tx.TryTake(out _, out _))
            {
            }

            while (rx.TryTake(out _, out _))
            {
                hostFrames++;
            }

            while (card.Harness.Wire.TryReceive(scratch, out _))
            {
                wireFrames++;
            }
        }

        var allocated = SteadyState.AllocatedBytes(
            () =>
            {
                for (var i = 0; i < 200; i++)
                {
                    Round();
                }
            },
            prepare: () =>
            {
                wireFrames = 0;
                hostFrames = 0;
            });

        Assert.Equal(0, allocated);
        // Per round: 12 guest frames (8 unicast to the wire, 4 multicast → 2 next-hop copies each, 1 local copy each);
        // 12 wire frames (8 unicast to the host, 4 multicast → 2 subscriber copies each).
        Assert.Equal(200L * (8 + (4 * 2)), wireFrames);
        Assert.Equal(200L * (4 + 8 + (4 * 2)), hostFrames);
    }
}
