namespace OpteNic.Engine.Tcp;

/// <summary>TCP connection states as OPTE tracks them (guest's point of view).</summary>
public enum TcpState : byte
{
    /// <summary>No connection, or closed by RST / last ACK.</summary>
    Closed,
    /// <summary>The remote sent a SYN; the guest is listening.</summary>
    Listen,
    /// <summary>The guest sent a SYN.</summary>
    SynSent,
    /// <summary>The guest answered a remote SYN with SYN+ACK.</summary>
    SynRcvd,
    /// <summary>Both sides synchronised.</summary>
    Established,
    /// <summary>The remote closed first (sent FIN).</summary>
    CloseWait,
    /// <summary>The guest closed after the remote; waiting for the ACK of its FIN.</summary>
    LastAck,
    /// <summary>The guest closed first (sent FIN).</summary>
    FinWait1,
    /// <summary>The guest's FIN was acknowledged; waiting for the remote FIN.</summary>
    FinWait2,
    /// <summary>Both FINs seen and acknowledged.</summary>
    TimeWait,
}
