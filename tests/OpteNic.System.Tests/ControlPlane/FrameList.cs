using OpteNic.Client.Frames;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Frames held in memory, as a source for <see cref="FramePump.Send"/> (guest frames to post on a host TX queue) and as
/// a sink for <see cref="FramePump.Receive"/> (frames the card delivered on host RX queues, copied out).
/// </summary>
public sealed class FrameList : IFrameSource, IFrameSink
{
    private readonly List<byte[]> _frames;
    private int _next;

    /// <summary>A source of <paramref name="frames"/>, or an empty sink.</summary>
    public FrameList(IEnumerable<byte[]>? frames = null)
    {
        _frames = frames is null ? [] : [.. frames];
    }

    /// <inheritdoc />
    public string Name => "test frames";

    /// <summary>The frames (sent or received).</summary>
    public IReadOnlyList<byte[]> Frames => _frames;

    /// <inheritdoc />
    public bool TryReadFrame(out ReadOnlyMemory<byte> frame)
    {
        if (_next < _frames.Count)
        {
            frame = _frames[_next++];
            return true;
        }

        frame = default;
        return false;
    }

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<byte> frame) => _frames.Add(frame.ToArray());

    /// <inheritdoc />
    public void Flush()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
