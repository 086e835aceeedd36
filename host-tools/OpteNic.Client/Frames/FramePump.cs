using System.Diagnostics;
using OpteNic.Client.Queues;

namespace OpteNic.Client.Frames;

/// <summary>
/// Moves frames between a source or sink (pcap file, later a TAP device) and host queues: the feeder posts a source's
/// frames on a TX queue and waits for their completions; the drain writes RX frames to a sink.
/// </summary>
public static class FramePump
{
    /// <summary>
    /// Posts every frame of <paramref name="source"/> on <paramref name="tx"/> (doorbell per burst), then waits until the
    /// card has completed all of them. Gives up when the card makes no progress for <paramref name="stallTimeout"/>.
    /// </summary>
    public static SendReport Send(IFrameSource source, HostTxQueue tx, TimeSpan stallTimeout, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tx);
        var counters = tx.Counters;
        var before = Snapshot(counters);
        long read = 0;
        var lastProgress = Stopwatch.StartNew();
        var stalled = false;

        while (!cancellation.IsCancellationRequested && source.TryReadFrame(out var frame))
        {
            read++;
            if (frame.Length > tx.MaxFrameBytes || frame.IsEmpty)
            {
                tx.TryPost(frame.Span); // counts TxTooLong
                continue;
            }

            while (!tx.TryPost(frame.Span))
            {
                // Ring full: publish what is posted and make room by reaping completions.
                tx.RingDoorbell();
                if (tx.ReapCompletions() > 0)
                {
                    lastProgress.Restart();
                }
                else if (lastProgress.Elapsed > stallTimeout || cancellation.IsCancellationRequested)
                {
                    stalled = true;
                    break;
                }
                else
                {
                    Thread.Yield();
                }
            }

            if (stalled)
            {
                break;
            }

            if (tx.Outstanding % 32 == 0)
            {
                tx.RingDoorbell();
            }
        }

        tx.RingDoorbell();
        lastProgress.Restart();
        while (!stalled && tx.Outstanding > 0 && !cancellation.IsCancellationRequested)
        {
            if (tx.ReapCompletions() > 0)
            {
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > stallTimeout)
            {
                stalled = true;
            }
            else
            {
                Thread.Sleep(0);
            }
        }

        var after = Snapshot(counters);
        return new SendReport(
            FramesRead: read,
            Posted: after.TxPosted - before.TxPosted,
            TooLong: after.TxTooLong - before.TxTooLong,
            CompletedOk: after.TxCompletedOk - before.TxCompletedOk,
            Dropped: after.TxDropped - before.TxDropped,
            DmaFaults: after.TxDmaFaults - before.TxDmaFaults,
            BadDescriptors: after.TxBadDescriptors - before.TxBadDescriptors,
            Outstanding: tx.Outstanding,
            Stalled: stalled);
    }

    /// <summary>
    /// Writes frames received on <paramref name="queues"/> to <paramref name="sink"/> until <paramref name="stop"/> says
    /// so (a frame count, a quiet period after the first frame, an overall limit, or cancellation).
    /// </summary>
    public static long Receive(IReadOnlyList<HostRxQueue> queues, IFrameSink sink, ReceiveStop stop, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(stop);
        var handler = new SinkHandler(sink);
        var overall = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var idleRounds = 0;
        while (!cancellation.IsCancellationRequested)
        {
            var got = 0;
            foreach (var queue in queues)
            {
                var budget = stop.MaxFrames is { } max ? (int)Math.Min(max - handler.Frames, 64) : 64;
                if (budget <= 0)
                {
                    break;
                }

                got += queue.Receive(ref handler, budget);
            }

            if (got > 0)
            {
                sink.Flush();
                quiet.Restart();
                idleRounds = 0;
            }

            if ((stop.MaxFrames is { } limit && handler.Frames >= limit)
                || (stop.IdleTimeout is { } idle && handler.Frames > 0 && quiet.Elapsed > idle)
                || (stop.Timeout is { } total && overall.Elapsed > total))
            {
                break;
            }

            if (got == 0)
            {
                // Nothing arrived: back off (the simulator polls too, so there is no interrupt to wait for).
                if (idleRounds++ < 64)
                {
                    Thread.Yield();
                }
                else
                {
                    Thread.Sleep(1);
                }
            }
        }

        sink.Flush();
        return handler.Frames;
    }

    private static QueueCounters Snapshot(QueueCounters counters) => new()
    {
        TxPosted = counters.TxPosted,
        TxCompletedOk = counters.TxCompletedOk,
        TxDropped = counters.TxDropped,
        TxDmaFaults = counters.TxDmaFaults,
        TxBadDescriptors = counters.TxBadDescriptors,
        TxTooLong = counters.TxTooLong,
    };

    private struct SinkHandler(IFrameSink sink) : IRxFrameHandler
    {
        public long Frames;

        public void OnFrame(ReadOnlySpan<byte> frame, in RxCompletion completion)
        {
            sink.WriteFrame(frame);
            Frames++;
        }
    }
}
