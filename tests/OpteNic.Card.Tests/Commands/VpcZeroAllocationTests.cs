using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
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

        void Round()
        {
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

        for (var i = 0; i < 200; i++)
        {
            Round();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            Round();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(400u * 32, card.Harness.QueueStat(0, QueueStatIndex.TxPackets));
        Assert.Equal(400u * 32, card.Harness.QueueStat(0, QueueStatIndex.RxPackets));
    }
}
