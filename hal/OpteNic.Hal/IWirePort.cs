namespace OpteNic.Hal;

/// <summary>
/// Data side of one wire (underlay) port: per-queue receive and transmit bursts. Queue <c>q</c> is touched by one
/// NIC core only, so calls on different queues may run in parallel without locks. Best-effort (<i>burst</i>): a call
/// moves as many frames as it can and returns how many.
/// </summary>
public interface IWirePort
{
    /// <summary>Wire queue pairs on this port.</summary>
    int QueueCount { get; }

    /// <summary>
    /// Moves up to <paramref name="maxFrames"/> (at most the burst's capacity) received frames of
    /// <paramref name="queue"/> into slots 0..n-1 of <paramref name="burst"/> and returns n. A frame that does not fit
    /// its slot is dropped by the port and counted, never truncated.
    /// </summary>
    int ReceiveBurst(int queue, IFrameBurst burst, int maxFrames);

    /// <summary>
    /// Queues frames at slots <paramref name="first"/>..first+count-1 of <paramref name="burst"/> for transmission on
    /// <paramref name="queue"/>; returns how many were accepted (the rest: the queue is full). The port copies (or
    /// finishes sending) the accepted frames before returning: the burst's buffers are the firmware's again on return.
    /// </summary>
    int TransmitBurst(int queue, IFrameBurst burst, int first, int count);
}
