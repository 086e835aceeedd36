using System.Buffers.Binary;

namespace OpteNic.Api.Capture;

/// <summary>
/// Writes classic libpcap files (little-endian, microsecond timestamps, LINKTYPE_ETHERNET) that tshark, tcpdump and
/// Wireshark open. Each record is written whole in one call, so a reader that stops at any record boundary sees a
/// valid file; <see cref="Flush"/> pushes written records to the file.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _snapLength;
    private byte[] _record = new byte[PcapFormat.RecordHeaderSize + 2048];

    public PcapWriter(Stream stream, int snapLength = PcapFormat.DefaultSnapLength, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(snapLength);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _snapLength = snapLength;
        Span<byte> header = stackalloc byte[PcapFormat.FileHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, PcapFormat.MagicMicroseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], PcapFormat.VersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], PcapFormat.VersionMinor);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone: UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], PcapFormat.LinkTypeEthernet);
        _stream.Write(header);
    }

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the file header.</summary>
    public static PcapWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));

    /// <summary>Records written.</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Appends one frame; bytes beyond the snapshot length are cut (the original length is kept).</summary>
    public void Write(ReadOnlySpan<byte> frame, long timestampNanoseconds)
    {
        var captured = Math.Min(frame.Length, _snapLength);
        var size = PcapFormat.RecordHeaderSize + captured;
        if (_record.Length < size)
        {
            _record = new byte[size];
        }

        var microseconds = timestampNanoseconds / 1000;
        var record = _record.AsSpan(0, size);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(microseconds / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(microseconds % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)captured);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        frame[..captured].CopyTo(record[PcapFormat.RecordHeaderSize..]);
        _stream.Write(record);
        RecordsWritten++;
    }

    /// <summary>Pushes buffered records to the underlying stream (and the file).</summary>
    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
