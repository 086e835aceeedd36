using OpteNic.Engine.Flows;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;

namespace OpteNic.Engine.Ports;

/// <summary>
/// Port state transfer (beyond OPTE, whose oldest open request is live migration): the engine's half is general — read
/// a connection's portable TCP state, and set it on a connection rebuilt here. A network definition rebuilds each
/// flow on the destination port by running a synthetic packet of that flow through <see cref="Process"/> (so every
/// layer decides afresh under its current rules and makes its LFT/UFT entries), then restores the TCP state it
/// exported. Control path: call from the port's owner between bursts.
/// </summary>
public sealed partial class Port
{
    /// <summary>The TCP state of the connection keyed on <paramref name="guestFlow"/> (the guest's outbound flow id).</summary>
    public bool TryGetTcpState(in InnerFlowId guestFlow, out TcpConnectionState state)
    {
        if (_tcp.TryFind(in guestFlow, out int slot))
        {
            state = TcpConnectionState.From(in _tcp.EntryAt(slot));
            return true;
        }

        state = default;
        return false;
    }

    /// <summary>
    /// Sets the state and sequence numbers of the tracked connection keyed on <paramref name="guestFlow"/> to
    /// <paramref name="state"/> (imported from another card), restarting its idle clock at <paramref name="now"/> and
    /// moving its UFT entries to the eviction queue that state belongs to. False when no connection is tracked for
    /// the flow (rebuild it first) or the state is Closed (a closed connection is not kept).
    /// </summary>
    public bool TryRestoreTcpState(in InnerFlowId guestFlow, in TcpConnectionState state, Moment now)
    {
        if (state.State == TcpState.Closed || !_tcp.TryFind(in guestFlow, out int slot))
        {
            return false;
        }

        ref TcpFlowEntry connection = ref _tcp.EntryAt(slot);
        connection.State = state.State;
        connection.GuestSeq = state.GuestSeq;
        connection.GuestAck = state.GuestAck;
        connection.RemoteSeq = state.RemoteSeq;
        connection.RemoteAck = state.RemoteAck;
        connection.GuestFinAck = state.GuestFinAck;
        connection.GuestFinSent = state.GuestFinSent;
        connection.LastHit = now.Nanoseconds;
        byte queue = TcpTimers.IsHandshake(state.State) ? UnifiedFlowTable.HandshakeQueue : UnifiedFlowTable.EstablishedQueue;
        if (_uftOut.IsLive(connection.UftOut))
        {
            _uftOut.Enqueue(connection.UftOut.Slot, queue);
        }

        if (_uftIn.IsLive(connection.UftIn))
        {
            _uftIn.Enqueue(connection.UftIn.Slot, queue);
        }

        return true;
    }
}
