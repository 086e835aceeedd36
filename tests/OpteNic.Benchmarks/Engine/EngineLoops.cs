using System.Runtime.CompilerServices;
using OpteNic.Engine;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// The measured loops, kept out of Main (a loop in Main runs as on-stack-replacement code and measures slower) and
/// marked NoInlining so each is a method the JIT tiers up on its own, one per frame delivery (<see cref="IFrameLoader"/>).
/// Each processes <c>count</c> packets.
/// </summary>
public static class EngineLoops
{
    /// <summary>Baseline: load the frame into the buffer and parse it (what every path pays before any lookup).</summary>
    public static int ParseOnly(FlowWorkload work, int start, int count, ParseMode mode) =>
        work.Delivery == FrameDelivery.Streamed
            ? ParseOnly<StreamedFrames>(work, start, count, mode)
            : ParseOnly<PatchedFrames>(work, start, count, mode);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ParseOnly<TFrames>(FlowWorkload work, int start, int count, ParseMode mode)
        where TFrames : struct, IFrameLoader
    {
        int ok = 0;
        PacketBuffer buffer = work.Buffer;
        int flows = work.FlowCount;
        int index = start;
        for (int i = 0; i < count; i++)
        {
            TFrames.Load(work, buffer, index);
            if (PacketParser.TryParse(buffer.Frame, mode, out ParsedPacket parsed, out _))
            {
                ok += parsed.Length;
            }

            index = index + 1 == flows ? 0 : index + 1;
        }

        return ok;
    }

    /// <summary>Load the frame into the buffer and process it through the port (UFT hit: fast path).</summary>
    public static int Process(FlowWorkload work, int start, int count, Moment now) =>
        work.Delivery == FrameDelivery.Streamed
            ? Process<StreamedFrames>(work, start, count, now)
            : Process<PatchedFrames>(work, start, count, now);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Process<TFrames>(FlowWorkload work, int start, int count, Moment now)
        where TFrames : struct, IFrameLoader
    {
        int modified = 0;
        PacketBuffer buffer = work.Buffer;
        var port = work.Network.Port;
        Direction direction = work.Direction;
        int flows = work.FlowCount;
        int index = start;
        for (int i = 0; i < count; i++)
        {
            TFrames.Load(work, buffer, index);
            if (port.Process(direction, buffer, now).Outcome == ProcessOutcome.Modified)
            {
                modified++;
            }

            index = index + 1 == flows ? 0 : index + 1;
        }

        return modified;
    }

    /// <summary>As <see cref="Process"/>, in bursts of 32 through <c>Port.ProcessBurst</c> (staged parse + prefetch).</summary>
    public static int ProcessBurst(FlowWorkload work, int start, int count, Moment now) =>
        work.Delivery == FrameDelivery.Streamed
            ? ProcessBurst<StreamedFrames>(work, start, count, now)
            : ProcessBurst<PatchedFrames>(work, start, count, now);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ProcessBurst<TFrames>(FlowWorkload work, int start, int count, Moment now)
        where TFrames : struct, IFrameLoader
    {
        int modified = 0;
        PacketBuffer[] buffers = work.BurstBuffers;
        ProcessResult[] results = work.BurstResults;
        var port = work.Network.Port;
        Direction direction = work.Direction;
        int flows = work.FlowCount;
        int index = start;
        for (int done = 0; done < count; done += buffers.Length)
        {
            for (int b = 0; b < buffers.Length; b++)
            {
                TFrames.Load(work, buffers[b], index);
                index = index + 1 == flows ? 0 : index + 1;
            }

            TFrames.PrepareNext(work, index, buffers.Length);
            port.ProcessBurst(direction, buffers, results, now);
            for (int b = 0; b < results.Length; b++)
            {
                if (results[b].Outcome == ProcessOutcome.Modified)
                {
                    modified++;
                }
            }
        }

        return modified;
    }

    /// <summary>
    /// The burst harness with packet-by-packet processing: 32 buffers loaded, then <c>Process</c> on each. Separates what
    /// the harness costs (32 buffers in flight) from what <c>ProcessBurst</c> itself adds or saves.
    /// </summary>
    public static int ProcessEachOfBurst(FlowWorkload work, int start, int count, Moment now) =>
        work.Delivery == FrameDelivery.Streamed
            ? ProcessEachOfBurst<StreamedFrames>(work, start, count, now)
            : ProcessEachOfBurst<PatchedFrames>(work, start, count, now);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ProcessEachOfBurst<TFrames>(FlowWorkload work, int start, int count, Moment now)
        where TFrames : struct, IFrameLoader
    {
        int modified = 0;
        PacketBuffer[] buffers = work.BurstBuffers;
        var port = work.Network.Port;
        Direction direction = work.Direction;
        int flows = work.FlowCount;
        int index = start;
        for (int done = 0; done < count; done += buffers.Length)
        {
            for (int b = 0; b < buffers.Length; b++)
            {
                TFrames.Load(work, buffers[b], index);
                index = index + 1 == flows ? 0 : index + 1;
            }

            TFrames.PrepareNext(work, index, buffers.Length);
            for (int b = 0; b < buffers.Length; b++)
            {
                if (port.Process(direction, buffers[b], now).Outcome == ProcessOutcome.Modified)
                {
                    modified++;
                }
            }
        }

        return modified;
    }

    /// <summary>Rule lookups through a classifier (the slow path's per-layer cost).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Classify(RuleClassifier classifier, ParsedPacket[] packets, byte[][] frames, int count, bool linear)
    {
        int hits = 0;
        PacketMetadata meta = default;
        for (int i = 0; i < count; i++)
        {
            int p = i & (packets.Length - 1);
            RuleEntry? rule = linear
                ? classifier.MatchLinear(in packets[p], in meta, frames[p])
                : classifier.Match(in packets[p], in meta, frames[p]);
            if (rule is not null)
            {
                hits++;
            }
        }

        return hits;
    }
}
