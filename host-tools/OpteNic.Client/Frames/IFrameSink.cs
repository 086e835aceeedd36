namespace OpteNic.Client.Frames;

/// <summary>
/// Where frames received on a host RX queue go: a pcap file now, a TAP device later (one <c>write(2)</c> per frame).
/// </summary>
public interface IFrameSink : IDisposable
{
    /// <summary>A short name for messages.</summary>
    string Name { get; }

    /// <summary>Takes one frame; the span is only valid during the call.</summary>
    void WriteFrame(ReadOnlySpan<byte> frame);

    /// <summary>Pushes what was written to its destination (end of a burst).</summary>
    void Flush();
}
