using System.Runtime.CompilerServices;
using OpteNic.Packets;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Benchmarks.Packets;

/// <summary>
/// The measured per-packet loops of <see cref="PacketPathBenchmarks"/>, each over <c>count</c> packets cycling through
/// the workload's flows. Every loop starts by loading the frame into the buffer (as a receive does), so each case
/// minus <see cref="CopyOnly"/> is the cost of the stage it adds. NoInlining keeps each a method the JIT tiers on its own.
/// </summary>
public static class PacketLoops
{
    private const int Mask = PacketWorkload.FrameCount - 1;

    /// <summary>Throws unless every loop did its whole job on every frame (a benchmark of failing packets measures nothing).</summary>
    public static void Verify(PacketWorkload work)
    {
        const int count = PacketWorkload.FrameCount;
        int frame = PacketWorkload.OutboundFrameLength;
        int encapsulated = work.InboundFrame(0).Length;
        Check(CopyOnly(work, count) == count * frame, "copy");
        Check(CopyInbound(work, count) == count * encapsulated, "inbound copy");
        Check(ParseOutbound(work, count) == count * frame, "outbound parse");
        Check(ParseInbound(work, count) == count * encapsulated, "inbound parse");
        Check(CompiledOutbound(work, count) == count * (frame + work.OutboundCompiled[0].OuterLength), "compiled outbound");
        Check(CompiledInbound(work, count) == count * frame, "compiled inbound");
        Check(ReplayOutbound(work, count) == count * (frame + work.OutboundCompiled[0].OuterLength), "replay outbound");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"benchmark workload failed: {what}");
        }
    }

    /// <summary>Baseline: copy a 64-byte frame into the packet buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CopyOnly(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.OutboundFrame(i & Mask));
            total += buffer.Length;
        }

        return total;
    }

    /// <summary>Copy of an encapsulated inbound frame (142 bytes): what the inbound cases pay before parsing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CopyInbound(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.InboundFrame(i & Mask));
            total += buffer.Length;
        }

        return total;
    }

    /// <summary>Copy + parse a guest IPv4/TCP frame (Outbound mode).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ParseOutbound(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.OutboundFrame(i & Mask));
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket packet, out _))
            {
                total += packet.Length;
            }
        }

        return total;
    }

    /// <summary>Copy + parse a Geneve-encapsulated frame (Inbound mode: outer Ethernet/IPv6/UDP/Geneve, inner IPv4/TCP).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ParseInbound(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.InboundFrame(i & Mask));
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, out ParsedPacket packet, out _))
            {
                total += packet.Length;
            }
        }

        return total;
    }

    /// <summary>Copy + parse + flow id + flow hash (everything before the UFT lookup).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static uint ParseFlowHash(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        uint total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.OutboundFrame(i & Mask));
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket packet, out _))
            {
                InnerFlowId flow = packet.FlowId;
                total += flow.Hash();
            }
        }

        return total;
    }

    /// <summary>Copy + parse + flow hash + compiled outbound entry (MAC rewrite, SNAT, push Ethernet/IPv6/UDP/Geneve).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CompiledOutbound(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        CompiledTransform[] entries = work.OutboundCompiled;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.OutboundFrame(i & Mask));
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket packet, out _))
            {
                uint hash = packet.FlowId.Hash();
                if (entries[0].Apply(buffer, ref packet, hash, ChecksumOffload.None) == TransformError.None)
                {
                    total += buffer.Length;
                }
            }
        }

        return total;
    }

    /// <summary>Copy + parse (Inbound) + flow hash + compiled inbound entry (pop outer headers, reverse SNAT, MAC rewrite).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CompiledInbound(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        CompiledTransform[] entries = work.InboundCompiled;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.InboundFrame(i & Mask));
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, out ParsedPacket packet, out _))
            {
                uint hash = packet.FlowId.Hash();
                if (entries[0].Apply(buffer, ref packet, hash, ChecksumOffload.None) == TransformError.None)
                {
                    total += buffer.Length;
                }
            }
        }

        return total;
    }

    /// <summary>Copy + parse + flow hash + replaying the outbound entry's per-layer list (UFT hit without a compiled entry).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ReplayOutbound(PacketWorkload work, int count)
    {
        PacketBuffer buffer = work.Buffer;
        HeaderTransform[] layers = work.Outbound;
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            buffer.TryLoad(work.OutboundFrame(i & Mask));
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket packet, out _))
            {
                uint hash = packet.FlowId.Hash();
                if (HeaderTransformer.ApplyAll(buffer, ref packet, layers, hash, ChecksumOffload.None) == TransformError.None)
                {
                    total += buffer.Length;
                }
            }
        }

        return total;
    }
}
