namespace OpteNic.Client.Queues;

/// <summary>
/// Receives frames reaped from an RX completion ring. Implement it on a struct and pass it by reference so the JIT
/// specialises the call (no interface dispatch, no allocation per frame). The span is valid only during the call:
/// its buffer goes back to the card right after.
/// </summary>
public interface IRxFrameHandler
{
    /// <summary>One received frame.</summary>
    void OnFrame(ReadOnlySpan<byte> frame, in RxCompletion completion);
}
