namespace OpteNic.Engine.Dumps;

/// <summary>One connection in dump-tcp-flows.</summary>
public sealed record TcpFlowDump(string Flow, string State, long SegmentsIn, long SegmentsOut, uint GuestSeq, uint GuestAck,
    uint RemoteSeq, uint RemoteAck, long LastHitNanoseconds);
