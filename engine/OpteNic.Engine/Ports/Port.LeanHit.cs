using System.Runtime.CompilerServices;
using OpteNic.Engine.Flows;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Ports;

/// <summary>
/// The lean UFT hit: most packets belong to an established flow and carry a common header stack, and all such a packet
/// needs is its flow, where its inner headers sit, and the flow's compiled entry. <see cref="PacketParser.TryParseFlow"/>
/// reads just that (no full <see cref="ParsedPacket"/>), and the entry's bytes are written from those offsets. Any
/// packet that would take another turn on the full path (a miss, a stale entry, a TCP segment that may change state, a
/// size-limit breach, a replayed or failing transformation, an uncommon stack) leaves here untouched and goes the full
/// way, which decides exactly as before; a lean hit has the very effects of a full one (bytes, counters, TCP state).
/// </summary>
public sealed partial class Port
{
    /// <summary>
    /// False sends every packet the full way: for tests that hold the lean hit to the full path's results, and for
    /// measuring what it saves. On by default; nothing else reads it.
    /// </summary>
    internal bool LeanHits { get; set; } = true;

    /// <summary>
    /// Serves the packet as a lean UFT hit when it can. False with the packet unchanged otherwise; then
    /// <paramref name="candidate"/> is the slot its lookup found, for the full path to try first (<see cref="KnownMiss"/> when
    /// it found none; -1 when the flow headers could not be read).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryLeanHit(Direction direction, PacketBuffer packet, ParseMode mode, Moment now, PortDirectionCounters counters,
        out int candidate)
    {
        candidate = -1;
        if (!PacketParser.TryParseFlow(packet.Frame, mode, out FlowHeaders headers, out uint hash))
        {
            return false;
        }

        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        int slot = uft.Find(in headers.Flow, hash);
        candidate = slot >= 0 ? slot : KnownMiss;
        return slot >= 0 && TryLeanHit(direction, packet, in headers, uft, slot, now, counters);
    }

    /// <summary>
    /// A burst's packet whose flow headers were read in its staging pass: a lean hit when it can be, else the full way
    /// (the slot found, if any, tried first).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ProcessResult ProcessLean(Direction direction, PacketBuffer packet, ParseMode mode, in FlowHeaders headers, UnifiedFlowTable uft,
        int candidate, Moment now)
    {
        int slot = uft.Find(in headers.Flow, headers.Hash, candidate);
        return slot >= 0 && TryLeanHit(direction, packet, in headers, uft, slot, now, CountersFor(direction))
            ? ProcessResult.Modified
            : ProcessFully(direction, packet, mode, now, slot >= 0 ? slot : KnownMiss);
    }

    /// <summary>The lean hit of a packet whose flow's entry is in <paramref name="slot"/> (see the class summary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryLeanHit(Direction direction, PacketBuffer packet, in FlowHeaders headers, UnifiedFlowTable uft, int slot, Moment now,
        PortDirectionCounters counters)
    {
        ref UftEntry entry = ref uft.EntryAt(slot);
        // The full path's order of decisions: size limit, then a current entry (epoch, live connection, shared state).
        if (headers.IpPacketLength > (direction == Direction.Outbound ? _maxOutboundIpLength : _maxInboundIpLength) ||
            entry.Epoch != (uint)Volatile.Read(ref _epoch) || (entry.IsTcp && !_tcp.IsLive(entry.Tcp)) ||
            (entry.HasDependencies && !uft.DependenciesAt(slot).AreCurrent(_dependencies)))
        {
            return false;
        }

        // The flow key holds the protocol, so a TCP entry's packets are TCP.
        bool tracked = entry.IsTcp && headers.IsTcp;
        if (tracked && ChangesTcpState(headers.TcpFlags, in _tcp.EntryAt(entry.Tcp.Slot)))
        {
            return false;
        }

        UftTransformKind kind = entry.TransformKind;
        if (kind == UftTransformKind.List || (kind == UftTransformKind.Compiled && !uft.TryApplyCompiled(slot, ref entry, packet, in headers, _offload)))
        {
            return false;
        }

        if (tracked)
        {
            RecordEstablishedSegment(direction, ref _tcp.EntryAt(entry.Tcp.Slot), headers.TcpSeq, headers.TcpAck, now);
        }

        CountHit(uft, slot, ref entry, now, counters);
        counters.LeanHits++;
        return true;
    }
}
