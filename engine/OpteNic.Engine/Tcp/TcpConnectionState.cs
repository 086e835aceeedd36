namespace OpteNic.Engine.Tcp;

/// <summary>
/// The portable part of a tracked TCP connection: its state and the sequence numbers the state machine compares (what
/// a port's state export carries to another card, see <c>Port.TryRestoreTcpState</c>). No table links or timestamps.
/// </summary>
public readonly record struct TcpConnectionState(
    TcpState State,
    uint GuestSeq,
    uint GuestAck,
    uint RemoteSeq,
    uint RemoteAck,
    uint GuestFinAck,
    bool GuestFinSent)
{
    /// <summary>The portable part of <paramref name="entry"/>.</summary>
    public static TcpConnectionState From(in TcpFlowEntry entry) =>
        new(entry.State, entry.GuestSeq, entry.GuestAck, entry.RemoteSeq, entry.RemoteAck, entry.GuestFinAck, entry.GuestFinSent);
}
