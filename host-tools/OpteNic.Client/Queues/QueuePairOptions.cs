namespace OpteNic.Client.Queues;

/// <summary>How a host queue pair is laid out when it is opened.</summary>
public sealed record QueuePairOptions
{
    /// <summary>Entries in each ring (a power of two, at most the card's <c>CapMaxRingEntries</c>).</summary>
    public int RingEntries { get; init; } = 256;

    /// <summary>Bytes per frame buffer: the largest frame that can be sent or received.</summary>
    public int BufferBytes { get; init; } = 2048;

    /// <summary>
    /// Which directions to take. A process that only sends should not enable RX: an enabled RX ring with posted
    /// buffers takes the frames RSS steers to it, and they are lost to whoever opens the ring next.
    /// </summary>
    public QueueDirections Directions { get; init; } = QueueDirections.Both;

    /// <summary>How long to wait for the firmware to acknowledge enable or disable.</summary>
    public TimeSpan EnableTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for another process to give up the queue pair.</summary>
    public TimeSpan OwnershipTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
