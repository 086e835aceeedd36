namespace OpteNic.Api.Commands;

/// <summary>TCP connection state as tracked by a port (OPTE's order; the wire discriminant is the value).</summary>
public enum TcpState : byte
{
    /// <summary>No connection (or just reset/closed).</summary>
    Closed = 0,
    /// <summary>Remote sent SYN first.</summary>
    Listen = 1,
    /// <summary>Guest sent SYN.</summary>
    SynSent = 2,
    /// <summary>Guest answered a remote SYN with SYN+ACK.</summary>
    SynRcvd = 3,
    /// <summary>Open.</summary>
    Established = 4,
    /// <summary>Remote sent FIN.</summary>
    CloseWait = 5,
    /// <summary>Guest sent FIN after the remote's.</summary>
    LastAck = 6,
    /// <summary>Guest sent FIN first.</summary>
    FinWait1 = 7,
    /// <summary>Remote acknowledged the guest's FIN.</summary>
    FinWait2 = 8,
    /// <summary>Both FINs seen.</summary>
    TimeWait = 9,
}
