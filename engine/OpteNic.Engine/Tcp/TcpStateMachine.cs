using System.Runtime.CompilerServices;
using OpteNic.Packets.Headers;

namespace OpteNic.Engine.Tcp;

/// <summary>
/// OPTE's TCP transition table (behaviour §1 "TCP state tracking"). Pure: given the entry and one segment, updates
/// the entry and says what happened. RST either way closes; a pure SYN that does not fit the state asks for a new
/// flow; other unexpected segments pass unchanged.
/// </summary>
public static class TcpStateMachine
{
    /// <summary>
    /// The bookkeeping every segment gets whatever its effect on the state: its sequence and acknowledgement numbers
    /// and the per-direction segment count (also what the fast path does for an established connection's data/ACK).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RecordSegment(ref TcpFlowEntry entry, bool outbound, uint seq, uint ack)
    {
        if (outbound)
        {
            entry.GuestSeq = seq;
            entry.GuestAck = ack;
            entry.SegmentsOut++;
        }
        else
        {
            entry.RemoteSeq = seq;
            entry.RemoteAck = ack;
            entry.SegmentsIn++;
        }
    }

    /// <summary>
    /// Applies one segment to <paramref name="entry"/>. <paramref name="payloadLength"/> is the TCP payload length
    /// (needed to know which ACK acknowledges a FIN).
    /// </summary>
    public static TcpSegmentResult Apply(ref TcpFlowEntry entry, Direction direction, TcpFlags flags, uint seq, uint ack, int payloadLength)
    {
        bool outbound = direction == Direction.Outbound;
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool ackFlag = (flags & TcpFlags.Ack) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0;
        bool rst = (flags & TcpFlags.Rst) != 0;
        bool pureSyn = syn && !ackFlag;
        TcpState state = entry.State;

        RecordSegment(ref entry, outbound, seq, ack);

        if (rst)
        {
            entry.State = TcpState.Closed;
            return state == TcpState.Closed && entry.SegmentsIn + entry.SegmentsOut == 1
                ? TcpSegmentResult.InvalidFirstSegment
                : TcpSegmentResult.Closed;
        }

        if (fin && outbound)
        {
            entry.GuestFinSent = true;
            // The FIN occupies one sequence number after the payload.
            entry.GuestFinAck = unchecked(seq + (uint)payloadLength + 1);
        }

        bool acksGuestFin = !outbound && ackFlag && entry.GuestFinSent && ack == entry.GuestFinAck;

        TcpState next = (state, outbound) switch
        {
            (TcpState.Closed, true) when pureSyn => TcpState.SynSent,
            (TcpState.Closed, true) when ackFlag && !syn => TcpState.Established,
            (TcpState.Closed, false) when pureSyn => TcpState.Listen,
            (TcpState.Closed, false) when ackFlag && !syn => TcpState.Established,
            (TcpState.Closed, _) => TcpState.Closed,
            (TcpState.Listen, true) when syn && ackFlag => TcpState.SynRcvd,
            (TcpState.SynSent, false) when syn && ackFlag => TcpState.Established,
            (TcpState.SynRcvd, false) when ackFlag && !syn => TcpState.Established,
            (TcpState.Established, true) when fin => TcpState.FinWait1,
            (TcpState.Established, false) when fin => TcpState.CloseWait,
            (TcpState.FinWait1, false) when fin && ackFlag => TcpState.TimeWait,
            (TcpState.FinWait1, false) when acksGuestFin => TcpState.FinWait2,
            (TcpState.FinWait2, false) when fin && acksGuestFin => TcpState.TimeWait,
            (TcpState.CloseWait, true) when fin => TcpState.LastAck,
            (TcpState.LastAck, false) when acksGuestFin => TcpState.Closed,
            _ => state,
        };

        if (state == TcpState.Closed)
        {
            if (next == TcpState.Closed)
            {
                return TcpSegmentResult.InvalidFirstSegment;
            }

            entry.State = next;
            return TcpSegmentResult.Tracked;
        }

        // A pure SYN that fits: the guest retransmitting its SYN, or the remote retransmitting towards a listener.
        if (pureSyn && !((state == TcpState.SynSent && outbound) || (state == TcpState.Listen && !outbound)))
        {
            return TcpSegmentResult.NewFlow;
        }

        entry.State = next;
        return next == TcpState.Closed ? TcpSegmentResult.Closed : TcpSegmentResult.Tracked;
    }
}
