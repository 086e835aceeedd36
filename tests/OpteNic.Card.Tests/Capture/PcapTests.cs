using System.Buffers.Binary;
using OpteNic.Api.Capture;

namespace OpteNic.Card.Tests.Capture;

public sealed class PcapTests
{
    private static byte[] WriteFile(params byte[][] frames)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            for (var i = 0; i < frames.Length; i++)
            {
                writer.Write(frames[i], 1_700_000_000_123_456_000L + (i * 1000L));
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void Writer_output_has_the_classic_libpcap_layout_byte_for_byte()
    {
        var file = WriteFile([0xAA, 0xBB, 0xCC]);

        // Global header: magic, 2.4, zone 0, sigfigs 0, snaplen 65535, LINKTYPE_ETHERNET.
        Assert.Equal(
            new byte[] { 0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0 },
            file[..24]);
        // Record header: seconds, microseconds, captured length, original length.
        Assert.Equal(1_700_000_000u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(123_456u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(32)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(36)));
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, file[40..]);
    }

    [Fact]
    public void Reader_returns_what_the_writer_wrote()
    {
        var frames = new[] { TestFrames.Udp(1, 2, 10), TestFrames.Udp(3, 4, 1400), TestFrames.Udp(5, 6, 0) };
        var file = WriteFile(frames);
        using var reader = Open(file);
        for (var i = 0; i < frames.Length; i++)
        {
            Assert.True(reader.TryReadNext(out var record));
            Assert.Equal(frames[i], record.Data.ToArray());
            Assert.Equal(frames[i].Length, record.OriginalLength);
            Assert.Equal(1_700_000_000_123_456_000L + (i * 1000L), record.TimestampNanoseconds);
        }

        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(PcapError.None, reader.Error);
    }

    [Fact]
    public void Reader_accepts_big_endian_nanosecond_files()
    {
        var file = new byte[24 + 16 + 2];
        BinaryPrimitives.WriteUInt32BigEndian(file, PcapFormat.MagicNanoseconds);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(24), 5);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(28), 7);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(36), 2);
        file[40] = 0x12;
        file[41] = 0x34;
        using var reader = Open(file);
        Assert.True(reader.TryReadNext(out var record));
        Assert.Equal(5_000_000_007L, record.TimestampNanoseconds);
        Assert.Equal(new byte[] { 0x12, 0x34 }, record.Data.ToArray());
    }

    [Fact]
    public void Truncation_at_every_byte_offset_is_reported_never_thrown()
    {
        var file = WriteFile(TestFrames.Udp(1, 2, 30), TestFrames.Udp(3, 4, 30));
        var firstRecordEnd = 24 + 16 + TestFrames.Udp(1, 2, 30).Length;
        for (var length = 0; length < file.Length; length++)
        {
            var cut = file[..length];
            using var stream = new MemoryStream(cut);
            if (!PcapReader.TryOpen(stream, out var reader, out var openError, out var message))
            {
                Assert.True(length < 24, $"header refused at length {length}");
                Assert.Equal(length == 0 ? PcapError.NotPcap : PcapError.TruncatedFileHeader, openError);
                Assert.NotEmpty(message);
                continue;
            }

            using (reader)
            {
                var frames = 0;
                while (reader.TryReadNext(out _))
                {
                    frames++;
                }

                var cleanEnd = length == 24 || length == firstRecordEnd;
                Assert.Equal(cleanEnd ? PcapError.None : PcapError.TruncatedRecord, reader.Error);
                Assert.Equal(length >= firstRecordEnd ? 1 : 0, frames);
                if (!cleanEnd)
                {
                    Assert.Contains("ends inside", reader.ErrorMessage);
                }
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, PcapError.NotPcap, "pcapng")]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, PcapError.NotPcap, "magic")]
    [InlineData(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0 }, PcapError.UnsupportedVersion, "version")]
    [InlineData(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 101, 0, 0, 0 }, PcapError.NotEthernet, "not Ethernet")]
    public void Foreign_files_are_refused_with_a_clear_message(byte[] file, PcapError expected, string mentions)
    {
        using var stream = new MemoryStream(file);
        Assert.False(PcapReader.TryOpen(stream, out _, out var error, out var message));
        Assert.Equal(expected, error);
        Assert.Contains(mentions, message);
    }

    [Fact]
    public void A_record_claiming_an_absurd_length_is_refused_without_allocating_it()
    {
        var file = WriteFile([1, 2, 3]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(32), 0x7FFF_0000);
        using var reader = Open(file);
        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(PcapError.BadRecordLength, reader.Error);
    }

    [Fact]
    public void TryValidateFile_counts_frames_or_names_the_problem_and_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opte-pcap-{Guid.NewGuid():N}.pcap");
        try
        {
            var file = WriteFile(TestFrames.Udp(1, 2), TestFrames.Udp(3, 4));
            File.WriteAllBytes(path, file);
            Assert.True(PcapReader.TryValidateFile(path, out var frames, out _));
            Assert.Equal(2, frames);

            File.WriteAllBytes(path, file[..^5]);
            Assert.False(PcapReader.TryValidateFile(path, out _, out var message));
            Assert.Contains(path, message);
            Assert.Contains("record 2", message);

            Assert.False(PcapReader.TryValidateFile(path + ".missing", out _, out var missing));
            Assert.Contains(".missing", missing);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static PcapReader Open(byte[] file)
    {
        Assert.True(PcapReader.TryOpen(new MemoryStream(file), out var reader, out _, out var message), message);
        return reader;
    }
}
