using OpteNic.Api.Abi;
using OpteNic.Client.Queues;
using OpteNic.System.Tests.Infrastructure;

namespace OpteNic.System.Tests.Rings;

/// <summary>
/// The host side of the rings against the real firmware, stepped in one thread: phase bits across many wraps, exact
/// bytes each way, and no allocation per packet in steady state.
/// </summary>
public sealed class HostRingTests
{
    [Fact]
    public void Frames_cross_many_ring_wraps_in_both_directions_unchanged()
    {
        using var card = new InProcessCard(ringEntries: 8);
        var frames = TestFrames.Udp(100, seed: 5);
        var scratch = new byte[4096];

        // TX: bursts of 5 on an 8-entry ring, so posting, completing and the phase bit wrap at every offset.
        var onWire = new List<byte[]>();
        for (var next = 0; next < frames.Count;)
        {
            while (next < frames.Count && card.Pair.Tx.TryPost(frames[next]))
            {
                next++;
                if (next % 5 == 0)
                {
                    break;
                }
            }

            card.Pair.Tx.RingDoorbell();
            card.Firmware.RunOnce();
            card.Pair.Tx.ReapCompletions();
            while (card.Wire.TryReceive(scratch, out var length))
            {
                onWire.Add(scratch[..length]);
            }
        }

        for (var step = 0; step < 100 && card.Pair.Tx.Outstanding > 0; step++)
        {
            card.Firmware.RunOnce();
            card.Pair.Tx.ReapCompletions();
        }

        while (card.Wire.TryReceive(scratch, out var length))
        {
            onWire.Add(scratch[..length]);
        }

        Assert.Equal(0, card.Pair.Tx.Outstanding);
        Assert.Equal(frames.Count, card.Pair.Counters.TxCompletedOk);
        Assert.Equal(0, card.Pair.Counters.TxOutOfOrder);
        Assert.Equal(frames.Count, onWire.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(frames[i].AsSpan().SequenceEqual(onWire[i]), $"TX frame {i} changed");
        }

        // RX: 3 frames at a time through 8 buffers, each reposted after use.
        var collector = new Collector { Frames = [] };
        for (var next = 0; next < frames.Count;)
        {
            for (var i = 0; i < 3 && next < frames.Count; i++, next++)
            {
                card.Wire.Send(frames[next]);
            }

            for (var step = 0; step < 20 && collector.Frames.Count < next; step++)
            {
                card.Firmware.RunOnce();
                card.Pair.Rx.Receive(ref collector);
            }
        }

        Assert.Equal(frames.Count, collector.Frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(frames[i].AsSpan().SequenceEqual(collector.Frames[i]), $"RX frame {i} changed");
        }

        Assert.Equal((uint)frames.Count, card.Pair.ReadCardStat(QueueStatIndex.RxPackets));
        Assert.Equal(0u, card.Pair.ReadCardStat(QueueStatIndex.RxNoBuffer));
    }

    [Fact]
    public void Steady_state_allocates_nothing_per_packet_on_the_host_side()
    {
        using var card = new InProcessCard(ringEntries: 256);
        var frame = TestFrames.Udp(1, seed: 9)[0];
        var scratch = new byte[4096];
        var counter = new Counter();
        long hostAllocated = 0;

        // Only the host's calls are measured: the firmware and the wire model belong to the card (their own tests
        // cover them), and a periodic allocation there must not hide or fake one here.
        void Round()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 32; i++)
            {
                card.Pair.Tx.TryPost(frame);
            }

            card.Pair.Tx.RingDoorbell();
            hostAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            for (var i = 0; i < 32; i++)
            {
                card.Wire.Send(frame);
            }

            for (var step = 0; step < 4; step++)
            {
                card.Firmware.RunOnce();
                before = GC.GetAllocatedBytesForCurrentThread();
                card.Pair.Tx.ReapCompletions();
                card.Pair.Rx.Receive(ref counter);
                hostAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            while (card.Wire.TryReceive(scratch, out _))
            {
            }
        }

        for (var i = 0; i < 1000; i++)
        {
            Round(); // warm up: JIT, tiering, every ring slot used at least once
        }

        hostAllocated = 0;
        var rxBefore = counter.Frames;
        var txBefore = card.Pair.Counters.TxCompletedOk;
        for (var i = 0; i < 400; i++)
        {
            Round();
        }

        var packets = (counter.Frames - rxBefore) + (card.Pair.Counters.TxCompletedOk - txBefore);
        Assert.True(packets >= 20_000, $"only {packets} packets moved");
        Assert.Equal(0, hostAllocated);
    }

    private struct Collector : IRxFrameHandler
    {
        public List<byte[]> Frames;

        public void OnFrame(ReadOnlySpan<byte> frame, in RxCompletion completion)
        {
            Assert.Equal(CompletionStatus.Ok, completion.Status);
            Assert.Equal(frame.Length, completion.Length);
            Frames.Add(frame.ToArray());
        }
    }

    private struct Counter : IRxFrameHandler
    {
        public long Frames;

        public void OnFrame(ReadOnlySpan<byte> frame, in RxCompletion completion) => Frames++;
    }
}
