namespace OpteNic.Engine.Tcp;

/// <summary>What one segment did to a tracked connection.</summary>
public enum TcpSegmentResult : byte
{
    /// <summary>State updated (or unchanged); the packet passes.</summary>
    Tracked,
    /// <summary>The connection reached Closed: remove the entry and its UFT pair; the packet passes.</summary>
    Closed,
    /// <summary>A SYN that does not fit: retire the old connection and process the packet as a new flow.</summary>
    NewFlow,
    /// <summary>The first segment of an untracked flow is not one that opens a connection: drop (TCP error).</summary>
    InvalidFirstSegment,
}
