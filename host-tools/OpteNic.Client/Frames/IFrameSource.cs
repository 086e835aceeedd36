namespace OpteNic.Client.Frames;

/// <summary>
/// Where guest frames come from before they are posted to a host TX queue: a pcap file now, a TAP device later
/// (a TAP source would <c>read(2)</c> one frame per call into its own buffer and return it the same way).
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>A short name for messages (the file or device).</summary>
    string Name { get; }

    /// <summary>
    /// The next frame, valid until the next call; false at the end of input. A source whose input is damaged throws
    /// <see cref="InvalidDataException"/> with a message that says where.
    /// </summary>
    bool TryReadFrame(out ReadOnlyMemory<byte> frame);
}
