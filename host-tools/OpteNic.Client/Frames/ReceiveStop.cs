namespace OpteNic.Client.Frames;

/// <summary>When <see cref="FramePump.Receive"/> stops; any condition that is set ends it.</summary>
public sealed record ReceiveStop
{
    /// <summary>Stop after this many frames.</summary>
    public long? MaxFrames { get; init; }

    /// <summary>Stop when nothing arrived for this long after at least one frame did.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Stop after this long in all.</summary>
    public TimeSpan? Timeout { get; init; }
}
