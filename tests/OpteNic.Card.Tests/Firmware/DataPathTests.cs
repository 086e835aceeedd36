using OpteNic.Api.Abi;
using OpteNic.HwSim.Wire;

namespace OpteNic.Card.Tests.Firmware;

/// <summary>Frames through the rings, the firmware and the wire (datasheet §6), driven register by register.</summary>
public sealed class DataPathTests
{
    [Fact]
    public void Host_TX_frames_reach_the_wire_byte_for_byte_with_Ok_completions()
    {
        using var card = new CardHarness(queues: 1);
        var tx = new HostQueue(card, 0, transmit: true, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());

        var frames = new[] { TestFrames.Udp(1000, 53, 18, 1), TestFrames.Udp(1001, 53, 200, 2), TestFrames.Udp(1002, 80, 1400, 3) };
        for (var i = 0; i < frames.Length; i++)
        {
            tx.PostFrame(frames[i], (ushort)(40 + i));
        }

        card.Step();

        for (var i = 0; i < frames.Length; i++)
        {
            var completion = tx.Take();
            Assert.Equal(new Completion((uint)frames[i].Length, 0, (ushort)(40 + i), CompletionStatus.Ok, CompletionFlags.None), completion);
            Assert.True(card.Wire.TryReceive(out var onWire));
            Assert.Equal(frames[i], onWire);
        }

        Assert.False(card.Wire.TryReceive(out _));
        Assert.Equal(3u, card.QueueStat(0, QueueStatIndex.TxPackets));
        Assert.Equal(0u, card.QueueStat(0, QueueStatIndex.TxDrops));
        Assert.NotEqual(0u, card.Read(Bar0.InterruptCause) & 1u);
    }

    [Fact]
    public void Wire_frames_reach_posted_RX_buffers_byte_for_byte_with_their_RSS_hash()
    {
        using var card = new CardHarness(queues: 1);
        var rx = new HostQueue(card, 0, transmit: false, 8);
        rx.PostBuffer(1);
        rx.PostBuffer(2);
        Assert.Equal(QueueStatus.Enabled, Enable(card, rx));

        var frames = new[] { TestFrames.Udp(5000, 6081, 64, 9), TestFrames.Udp(5001, 6081, 900, 10) };
        foreach (var frame in frames)
        {
            Assert.Equal(WireDelivery.Queued, card.Wire.Send(frame));
        }

        card.Step();

        for (var i = 0; i < frames.Length; i++)
        {
            var bytes = rx.TakeFrame(out var completion);
            Assert.Equal(frames[i], bytes);
            Assert.Equal(CompletionStatus.Ok, completion.Status);
            Assert.Equal((ushort)(i + 1), completion.Id);
            Assert.Equal(RssSteering.HashFrame(RssDefaults.Key, frames[i]), completion.RssHash);
            Assert.NotEqual(0u, completion.RssHash);
        }

        Assert.Equal(2u, card.QueueStat(0, QueueStatIndex.RxPackets));
    }

    [Fact]
    public void RSS_spreads_flows_over_all_queues_exactly_as_the_indirection_table_says()
    {
        using var card = new CardHarness(queues: 4, cores: 2);
        var rings = new HostQueue[4];
        for (var q = 0; q < 4; q++)
        {
            rings[q] = new HostQueue(card, q, transmit: false, 64);
            for (ushort b = 0; b < 64; b++)
            {
                rings[q].PostBuffer(b);
            }

            Assert.Equal(QueueStatus.Enabled, Enable(card, rings[q]));
        }

        var expected = new List<byte[]>[4];
        for (var q = 0; q < 4; q++)
        {
            expected[q] = [];
        }

        for (var flow = 0; flow < 64; flow++)
        {
            var frame = TestFrames.Udp((ushort)(20000 + flow), 443, 32, (byte)flow);
            var hash = RssSteering.HashFrame(RssDefaults.Key, frame);
            expected[(int)(hash & 127) % 4].Add(frame);
            Assert.Equal(WireDelivery.Queued, card.Wire.Send(frame));
        }

        card.Step(3);

        for (var q = 0; q < 4; q++)
        {
            Assert.NotEmpty(expected[q]);
            foreach (var frame in expected[q])
            {
                Assert.Equal(frame, rings[q].TakeFrame(out var completion));
                Assert.Equal(RssSteering.HashFrame(RssDefaults.Key, frame), completion.RssHash);
            }

            Assert.False(rings[q].TryTake(out _, out _));
            Assert.Equal((uint)expected[q].Count, card.QueueStat(q, QueueStatIndex.RxPackets));
        }
    }

    [Fact]
    public void A_new_indirection_table_applied_through_RssControl_steers_everything_to_one_queue()
    {
        using var card = new CardHarness(queues: 4);
        var table = Enumerable.Repeat((byte)2, (int)card.Read(Bar0.CapRssTableEntries)).ToArray();
        card.Bar.WriteBytes(Bar0.RssIndirectionTable, table);
        card.Bar.Write32(Bar0.RssControl, (uint)RssControl.Apply);
        card.Step();
        Assert.Equal((uint)RssControl.Idle, card.Read(Bar0.RssControl));

        for (var flow = 0; flow < 16; flow++)
        {
            card.Wire.Send(TestFrames.Udp((ushort)(30000 + flow), 80));
        }

        Assert.Equal(16, card.Card.WirePort(0).ReceiveBacklog(2));
        Assert.Equal(0, card.Card.WirePort(0).ReceiveBacklog(0));
    }

    [Fact]
    public void A_frame_without_a_posted_RX_buffer_is_a_counted_drop_and_the_next_buffer_is_used_normally()
    {
        using var card = new CardHarness(queues: 1);
        var rx = new HostQueue(card, 0, transmit: false, 8);
        Assert.Equal(QueueStatus.Enabled, Enable(card, rx));

        card.Wire.Send(TestFrames.Udp(1, 2, 10, 1));
        card.Step();
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.RxNoBuffer));
        Assert.Equal(0u, card.QueueStat(0, QueueStatIndex.RxPackets));
        Assert.False(rx.TryTake(out _, out _));

        rx.PostBuffer(7);
        var second = TestFrames.Udp(1, 2, 10, 2);
        card.Wire.Send(second);
        card.Step();
        Assert.Equal(second, rx.TakeFrame(out var completion));
        Assert.Equal((ushort)7, completion.Id);
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.RxNoBuffer));
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.RxPackets));
    }

    [Fact]
    public void Frames_wait_in_the_wire_FIFO_while_the_RX_queue_is_disabled_and_overflow_is_counted()
    {
        using var card = new CardHarness(queues: 1);
        for (var i = 0; i < 70; i++)
        {
            card.Wire.Send(TestFrames.Udp((ushort)i, 2));
        }

        card.Step();
        Assert.Equal(64, card.Card.WirePort(0).ReceiveBacklog(0));
        Assert.Equal(6, card.Card.WirePort(0).RxFifoDrops);
        card.Clock.AdvanceMilliseconds(100);
        card.Step();
        Assert.Equal(6u, card.Read(Bar0.WirePortRegister(0, Bar0.WirePort.RxFifoDrops)));
    }

    [Fact]
    public void Bad_TX_descriptors_complete_in_order_with_their_reason_and_good_ones_still_flow()
    {
        using var card = new CardHarness(queues: 1);
        var tx = new HostQueue(card, 0, transmit: true, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        var good = TestFrames.Udp(1, 2);

        tx.PostRaw(tx.BufferAddress(0), 0, 1);                                     // zero length
        tx.PostRaw(tx.BufferAddress(1), card.Read(Bar0.CapMaxFrameBytes) + 1, 2); // longer than the largest frame
        tx.PostRaw((ulong)CardHarness.HostMemoryBytes - 10, 64, 3);               // runs off the end of host memory
        tx.PostRaw(ulong.MaxValue - 3, 64, 4);                                     // address wraps
        tx.PostFrame(good, 5);
        card.Step();

        Assert.Equal(CompletionStatus.BadDescriptor, tx.Take().Status);
        Assert.Equal(CompletionStatus.BadDescriptor, tx.Take().Status);
        Assert.Equal(new Completion(0, 0, 3, CompletionStatus.DmaFault, CompletionFlags.None), tx.Take());
        Assert.Equal(new Completion(0, 0, 4, CompletionStatus.DmaFault, CompletionFlags.None), tx.Take());
        Assert.Equal(new Completion((uint)good.Length, 0, 5, CompletionStatus.Ok, CompletionFlags.None), tx.Take());
        Assert.True(card.Wire.TryReceive(out var onWire));
        Assert.Equal(good, onWire);
        Assert.False(card.Wire.TryReceive(out _));
        Assert.Equal(2u, card.QueueStat(0, QueueStatIndex.TxBadDescriptors));
        Assert.Equal(2u, card.QueueStat(0, QueueStatIndex.TxDmaFaults));
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.TxPackets));
    }

    [Fact]
    public void Bad_RX_buffers_complete_with_their_reason_and_drop_the_frame()
    {
        using var card = new CardHarness(queues: 1);
        var rx = new HostQueue(card, 0, transmit: false, 8);
        var frame = TestFrames.Udp(1, 2, 100);
        rx.PostBuffer(1, capacity: 20);                                  // smaller than the frame
        rx.PostRaw((ulong)CardHarness.HostMemoryBytes - 10, 2048, 2);    // outside host memory
        rx.PostBuffer(3);
        Assert.Equal(QueueStatus.Enabled, Enable(card, rx));

        card.Wire.Send(frame);
        card.Wire.Send(frame);
        card.Wire.Send(frame);
        card.Step();

        Assert.Equal(new Completion(0, 0, 1, CompletionStatus.BadDescriptor, CompletionFlags.None), rx.Take());
        Assert.Equal(new Completion(0, 0, 2, CompletionStatus.DmaFault, CompletionFlags.None), rx.Take());
        Assert.Equal(frame, rx.TakeFrame(out var ok));
        Assert.Equal(CompletionStatus.Ok, ok.Status);
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.RxBadDescriptors));
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.RxDmaFaults));
        Assert.Equal(2u, card.QueueStat(0, QueueStatIndex.RxDrops));
        Assert.Equal(1u, card.QueueStat(0, QueueStatIndex.RxPackets));
    }

    [Theory]
    [InlineData(6u, 0x10_0000UL, 0x11_0000UL)]          // size not a power of two
    [InlineData(1u, 0x10_0000UL, 0x11_0000UL)]          // too small
    [InlineData(8192u, 0x10_0000UL, 0x11_0000UL)]       // beyond CapMaxRingEntries
    [InlineData(8u, 0x10_0008UL, 0x11_0000UL)]          // misaligned
    [InlineData(8u, 0x7F_FFF0UL, 0x11_0000UL)]          // submission ring runs off host memory
    [InlineData(8u, 0x10_0000UL, 0xFFFF_FFFF_FFFF_FF00UL)] // completion ring far outside
    public void A_bad_ring_configuration_is_refused_with_ConfigError_and_can_be_redone(uint size, ulong submissionBase, ulong completionBase)
    {
        using var card = new CardHarness(queues: 1);
        Assert.Equal(QueueStatus.ConfigError, card.EnableRing(0, transmit: true, size, submissionBase, completionBase));

        card.Bar.Write32(Bar0.QueueRegister(0, Bar0.Queue.TxControl), (uint)QueueControl.Disabled);
        card.Step();
        Assert.Equal((uint)QueueStatus.Disabled, card.Read(Bar0.QueueRegister(0, Bar0.Queue.TxStatus)));

        var tx = new HostQueue(card, 0, transmit: true, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        tx.PostFrame(TestFrames.Udp(1, 2), 1);
        card.Step();
        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
    }

    [Fact]
    public void A_tail_more_than_a_ring_ahead_faults_the_queue()
    {
        using var card = new CardHarness(queues: 1);
        var tx = new HostQueue(card, 0, transmit: true, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        card.Bar.Write32(Bar0.QueueRegister(0, Bar0.Queue.TxSubmissionTail), 9);
        card.Step();
        Assert.Equal((uint)QueueStatus.Fault, card.Read(Bar0.QueueRegister(0, Bar0.Queue.TxStatus)));
        Assert.False(card.Wire.TryReceive(out _));
    }

    [Fact]
    public void Completion_phase_flips_on_every_wrap_of_a_small_ring()
    {
        using var card = new CardHarness(queues: 1);
        var tx = new HostQueue(card, 0, transmit: true, 4);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());

        for (ushort i = 0; i < 19; i++)
        {
            var frame = TestFrames.Udp(i, 9, 20, (byte)i);
            tx.PostFrame(frame, i);
            card.Step();
            var completion = tx.Take();
            Assert.Equal(i, completion.Id);
            Assert.Equal(CompletionStatus.Ok, completion.Status);
            Assert.True(card.Wire.TryReceive(out var onWire));
            Assert.Equal(frame, onWire);
            // The slot the host will read next still carries the previous pass's phase.
            Assert.False(tx.TryTake(out _, out _));
        }
    }

    [Fact]
    public void Disabling_a_queue_stops_it_and_reenabling_restarts_from_index_zero()
    {
        using var card = new CardHarness(queues: 1);
        var tx = new HostQueue(card, 0, transmit: true, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        tx.PostFrame(TestFrames.Udp(1, 1), 1);
        card.Step();
        tx.Take();

        card.Bar.Write32(Bar0.QueueRegister(0, Bar0.Queue.TxControl), (uint)QueueControl.Disabled);
        card.Step();
        Assert.Equal((uint)QueueStatus.Disabled, card.Read(Bar0.QueueRegister(0, Bar0.Queue.TxStatus)));

        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        var frame = TestFrames.Udp(2, 2);
        tx.PostFrame(frame, 2);
        card.Step();
        Assert.Equal(2, tx.Take().Id);
        card.Wire.ReceiveAll();
    }

    [Fact]
    public void Queue_pairs_owned_by_the_second_core_carry_traffic_too()
    {
        using var card = new CardHarness(queues: 4, cores: 2);
        Assert.Equal(2, card.Firmware.Cores.Count);
        Assert.Equal([1, 3], card.Firmware.Cores[1].Queues.Select(q => q.Index));
        var tx = new HostQueue(card, 3, transmit: true, 8);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        var frame = TestFrames.Udp(3, 3);
        tx.PostFrame(frame, 3);
        card.Firmware.Cores[1].RunOnce();
        Assert.Equal(CompletionStatus.Ok, tx.Take().Status);
        Assert.True(card.Wire.TryReceive(out var onWire));
        Assert.Equal(frame, onWire);
        Assert.Equal(1u, card.QueueStat(3, QueueStatIndex.TxPackets));
    }

    private static QueueStatus Enable(CardHarness card, HostQueue queue)
    {
        // RX buffers were pre-posted: enable without resetting the host's counters (§6.2 step 1).
        var zeros = new byte[queue.Size * CompletionDescriptor.Size];
        Assert.True(card.HostMemory.TryWrite(queue.CompletionBase, zeros));
        var block = queue.Transmit ? Bar0.Queue.TxSubmissionBase : Bar0.Queue.RxSubmissionBase;
        card.Bar.Write64(Bar0.QueueRegister(queue.Queue, block), queue.SubmissionBase);
        card.Bar.Write64(Bar0.QueueRegister(queue.Queue, block + 8), queue.CompletionBase);
        card.Bar.Write32(Bar0.QueueRegister(queue.Queue, block + 0x10), queue.Size);
        card.Bar.Write32(Bar0.QueueRegister(queue.Queue, block + 0x18), (uint)QueueControl.Enabled);
        card.Step();
        return (QueueStatus)card.Read(Bar0.QueueRegister(queue.Queue, block + 0x1C));
    }
}
