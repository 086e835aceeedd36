using System.Diagnostics;
using OpteNic.Api.Capture;

namespace OpteNic.Client.Frames;

/// <summary>Frames into a classic pcap file (the card engineer's <see cref="PcapWriter"/>), stamped with wall-clock time.</summary>
public sealed class PcapFrameSink : IFrameSink
{
    private readonly PcapWriter _writer;
    private readonly long _startUnixNanoseconds;
    private readonly long _startTicks;

    private PcapFrameSink(string name, PcapWriter writer)
    {
        Name = name;
        _writer = writer;
        _startUnixNanoseconds = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        _startTicks = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Frames written.</summary>
    public long FramesWritten => _writer.RecordsWritten;

    /// <summary>Creates (or replaces) <paramref name="path"/>.</summary>
    public static PcapFrameSink Create(string path) => new(path, PcapWriter.Create(path));

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<byte> frame)
    {
        var elapsed = Stopwatch.GetElapsedTime(_startTicks);
        _writer.Write(frame, _startUnixNanoseconds + (elapsed.Ticks * 100));
    }

    /// <inheritdoc />
    public void Flush() => _writer.Flush();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
