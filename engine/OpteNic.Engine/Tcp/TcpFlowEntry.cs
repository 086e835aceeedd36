using OpteNic.Engine.Flows;

namespace OpteNic.Engine.Tcp;

/// <summary>One tracked TCP connection, keyed in the TCP flow table on the guest's (outbound) flow id.</summary>
public struct TcpFlowEntry
{
    /// <summary>Current state.</summary>
    public TcpState State;
    /// <summary>Last sequence number the guest sent.</summary>
    public uint GuestSeq;
    /// <summary>Last acknowledgement the guest sent.</summary>
    public uint GuestAck;
    /// <summary>Last sequence number the remote sent.</summary>
    public uint RemoteSeq;
    /// <summary>Last acknowledgement the remote sent.</summary>
    public uint RemoteAck;
    /// <summary>The acknowledgement number that acknowledges the guest's FIN (valid once the guest sent one).</summary>
    public uint GuestFinAck;
    /// <summary>True once the guest sent FIN.</summary>
    public bool GuestFinSent;
    /// <summary>Time of the last segment either way (ns).</summary>
    public long LastHit;
    /// <summary>Segments from the guest.</summary>
    public long SegmentsOut;
    /// <summary>Segments from the remote.</summary>
    public long SegmentsIn;
    /// <summary>The outbound UFT entry of this connection, if any.</summary>
    public FlowRef UftOut;
    /// <summary>The inbound UFT entry of this connection, if any.</summary>
    public FlowRef UftIn;
}
