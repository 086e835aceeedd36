using OpteNic.Api.Capture;

namespace OpteNic.Client.Frames;

/// <summary>Frames from a classic pcap file (the card engineer's <see cref="PcapReader"/>).</summary>
public sealed class PcapFrameSource : IFrameSource
{
    private readonly PcapReader _reader;

    private PcapFrameSource(string name, PcapReader reader)
    {
        Name = name;
        _reader = reader;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Frames read so far.</summary>
    public long FramesRead => _reader.RecordsRead;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="InvalidDataException"/> if it is not a pcap file.</summary>
    public static PcapFrameSource Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (!PcapReader.TryOpen(stream, out var reader, out _, out var message))
        {
            stream.Dispose();
            throw new InvalidDataException($"{path}: {message}");
        }

        return new PcapFrameSource(path, reader);
    }

    /// <inheritdoc />
    public bool TryReadFrame(out ReadOnlyMemory<byte> frame)
    {
        if (_reader.TryReadNext(out var record))
        {
            frame = record.Data;
            return true;
        }

        frame = default;
        if (_reader.Error != PcapError.None)
        {
            throw new InvalidDataException($"{Name}: {_reader.ErrorMessage}");
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
