using OpteNic.Api.Abi;
using OpteNic.Tests.Shared;

namespace OpteNic.Card.Tests.Firmware;

public sealed class ZeroAllocationTests
{
    /// <summary>
    /// Steady state of the data path allocates nothing: thousands of frames host TX → wire and wire → host RX through
    /// the firmware's poll loop (and the host side played by the test, itself allocation-free here).
    /// </summary>
    [Fact]
    public void The_poll_loop_allocates_nothing_in_steady_state()
    {
        using var card = new CardHarness(queues: 1);
        var tx = new HostQueue(card, 0, transmit: true, 64);
        var rx = new HostQueue(card, 0, transmit: false, 64);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        var frame = TestFrames.Udp(1234, 4321, 400);
        var scratch = new byte[9216];

        var rounds = 0;

        void Round()
        {
            rounds++;
            for (var i = 0; i < 32; i++)
            {
                tx.PostFrame(frame, (ushort)i);
                rx.PostBuffer((ushort)i);
                card.Wire.Send(frame);
            }

            card.Firmware.RunOnce();
            for (var i = 0; i < 32; i++)
            {
                tx.TryTake(out _, out _);
                rx.TryTake(out _, out _);
                card.Wire.TryReceive(scratch, out _);
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
        Assert.Equal((uint)rounds * 32, card.QueueStat(0, QueueStatIndex.TxPackets));
        Assert.Equal((uint)rounds * 32, card.QueueStat(0, QueueStatIndex.RxPackets));
        Assert.Equal(0u, card.QueueStat(0, QueueStatIndex.RxNoBuffer));
    }
}
