using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace OpteNic.Api.Capture;

/// <summary>
/// Reads classic libpcap files (either byte order, microsecond or nanosecond timestamps, LINKTYPE_ETHERNET). Never
/// throws on file content: a bad file ends the reading with <see cref="Error"/> and a sentence in
/// <see cref="ErrorMessage"/> that names the offset, so a tool can print it as is.
/// </summary>
public sealed class PcapReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _swapped;
    private readonly bool _nanosecond;
    private readonly byte[] _recordHeader = new byte[PcapFormat.RecordHeaderSize];
    private byte[] _data = new byte[2048];
    private long _offset = PcapFormat.FileHeaderSize;

    private PcapReader(Stream stream, bool leaveOpen, bool swapped, bool nanosecond, int snapLength)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _swapped = swapped;
        _nanosecond = nanosecond;
        SnapLength = snapLength;
    }

    /// <summary>Snapshot length from the file header.</summary>
    public int SnapLength { get; }

    /// <summary>Why reading stopped early; <see cref="PcapError.None"/> at a clean end of file.</summary>
    public PcapError Error { get; private set; }

    /// <summary>Human-readable reason for <see cref="Error"/>, or null.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Records returned so far.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Reads and checks the global header. On failure the stream is left to the caller.</summary>
    public static bool TryOpen(Stream stream, [NotNullWhen(true)] out PcapReader? reader, out PcapError error, out string message, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        reader = null;
        Span<byte> header = stackalloc byte[PcapFormat.FileHeaderSize];
        var got = ReadFully(stream, header);
        if (got < 4)
        {
            error = got == 0 ? PcapError.NotPcap : PcapError.TruncatedFileHeader;
            message = got == 0 ? "the file is empty, not a pcap file" : $"the file is {got} bytes long, shorter than a pcap header ({PcapFormat.FileHeaderSize} bytes)";
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool swapped;
        bool nanosecond;
        switch (magic)
        {
            case PcapFormat.MagicMicroseconds: swapped = false; nanosecond = false; break;
            case PcapFormat.MagicNanoseconds: swapped = false; nanosecond = true; break;
            default:
                var reversed = BinaryPrimitives.ReverseEndianness(magic);
                if (reversed == PcapFormat.MagicMicroseconds) { swapped = true; nanosecond = false; break; }
                if (reversed == PcapFormat.MagicNanoseconds) { swapped = true; nanosecond = true; break; }
                error = PcapError.NotPcap;
                message = magic == PcapFormat.PcapNgSectionHeader
                    ? "the file is pcapng, not classic pcap (convert it with: editcap -F pcap IN OUT)"
                    : $"the file does not start with a pcap magic number (found 0x{magic:X8})";
                return false;
        }

        if (got < PcapFormat.FileHeaderSize)
        {
            error = PcapError.TruncatedFileHeader;
            message = $"the file is {got} bytes long, shorter than a pcap header ({PcapFormat.FileHeaderSize} bytes)";
            return false;
        }

        var major = Read16(header[4..], swapped);
        if (major != PcapFormat.VersionMajor)
        {
            error = PcapError.UnsupportedVersion;
            message = $"pcap version {major}.{Read16(header[6..], swapped)} is not supported (expected 2.x)";
            return false;
        }

        var snapLength = Read32(header[16..], swapped);
        var linkType = Read32(header[20..], swapped) & 0xFFFF;
        if (linkType != PcapFormat.LinkTypeEthernet)
        {
            error = PcapError.NotEthernet;
            message = $"link type {linkType} is not Ethernet (1)";
            return false;
        }

        reader = new PcapReader(stream, leaveOpen, swapped, nanosecond, (int)Math.Min(snapLength, int.MaxValue));
        error = PcapError.None;
        message = string.Empty;
        return true;
    }

    /// <summary>
    /// Reads every record of <paramref name="path"/> to check it, without keeping frames: lets a tool refuse a
    /// truncated or foreign file before it creates anything.
    /// </summary>
    public static bool TryValidateFile(string path, out long frames, out string message)
    {
        frames = 0;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            message = $"{path}: {e.Message}";
            return false;
        }

        using (stream)
        {
            if (!TryOpen(stream, out var reader, out _, out var openMessage))
            {
                message = $"{path}: {openMessage}";
                return false;
            }

            using (reader)
            {
                while (reader.TryReadNext(out _))
                {
                }

                frames = reader.RecordsRead;
                if (reader.Error != PcapError.None)
                {
                    message = $"{path}: {reader.ErrorMessage}";
                    return false;
                }
            }
        }

        message = string.Empty;
        return true;
    }

    /// <summary>
    /// Reads the next record. False at the end of the file or on an error (then <see cref="Error"/> says which);
    /// once false, it stays false.
    /// </summary>
    public bool TryReadNext(out PcapRecord record)
    {
        record = default;
        if (Error != PcapError.None)
        {
            return false;
        }

        var got = ReadFully(_stream, _recordHeader);
        if (got == 0)
        {
            return false;
        }

        if (got < PcapFormat.RecordHeaderSize)
        {
            return Fail(PcapError.TruncatedRecord, $"record {RecordsRead + 1} at offset {_offset}: the file ends inside the record header ({got} of {PcapFormat.RecordHeaderSize} bytes)");
        }

        var seconds = Read32(_recordHeader, _swapped);
        var fraction = Read32(_recordHeader.AsSpan(4), _swapped);
        var captured = Read32(_recordHeader.AsSpan(8), _swapped);
        var original = Read32(_recordHeader.AsSpan(12), _swapped);
        if (captured > PcapFormat.MaxRecordLength)
        {
            return Fail(PcapError.BadRecordLength, $"record {RecordsRead + 1} at offset {_offset}: captured length {captured} exceeds {PcapFormat.MaxRecordLength}; the file is corrupt");
        }

        var length = (int)captured;
        if (_data.Length < length)
        {
            _data = new byte[Math.Max(length, _data.Length * 2)];
        }

        got = ReadFully(_stream, _data.AsSpan(0, length));
        if (got < length)
        {
            return Fail(PcapError.TruncatedRecord, $"record {RecordsRead + 1} at offset {_offset}: the file ends inside the frame ({got} of {length} bytes)");
        }

        _offset += PcapFormat.RecordHeaderSize + length;
        RecordsRead++;
        var nanoseconds = ((long)seconds * 1_000_000_000) + (_nanosecond ? fraction : (long)fraction * 1000);
        record = new PcapRecord(nanoseconds, (int)Math.Min(Math.Max(original, captured), int.MaxValue), _data.AsMemory(0, length));
        return true;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private bool Fail(PcapError error, string message)
    {
        Error = error;
        ErrorMessage = message;
        return false;
    }

    private static int ReadFully(Stream stream, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = stream.Read(destination[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static ushort Read16(ReadOnlySpan<byte> source, bool swapped) =>
        swapped ? BinaryPrimitives.ReadUInt16BigEndian(source) : BinaryPrimitives.ReadUInt16LittleEndian(source);

    private static uint Read32(ReadOnlySpan<byte> source, bool swapped) =>
        swapped ? BinaryPrimitives.ReadUInt32BigEndian(source) : BinaryPrimitives.ReadUInt32LittleEndian(source);
}
