using System.Buffers.Binary;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>
/// A minimal classic-pcap reader and writer written for the tests, independent of the product's own
/// (<c>OpteNic.Api.Capture</c>), so a bug there cannot hide itself in a round trip.
/// </summary>
public static class PcapFile
{
    /// <summary>Writes <paramref name="frames"/> as a little-endian, microsecond, Ethernet pcap file.</summary>
    public static void Write(string path, IEnumerable<byte[]> frames)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        stream.Write(header);
        var second = 1_700_000_000u;
        Span<byte> record = stackalloc byte[16];
        foreach (var frame in frames)
        {
            record.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(record, second++);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            stream.Write(record);
            stream.Write(frame);
        }
    }

    /// <summary>Reads every frame of a pcap file (either byte order); throws if the file is malformed.</summary>
    public static List<byte[]> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 24)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, no pcap header");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var swapped = magic switch
        {
            0xA1B2C3D4 or 0xA1B23C4D => false,
            0xD4C3B2A1 or 0x4D3CB2A1 => true,
            _ => throw new InvalidDataException($"{path}: magic 0x{magic:x8} is not pcap"),
        };
        uint U32(int offset) => swapped ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        if (U32(20) != 1)
        {
            throw new InvalidDataException($"{path}: link type {U32(20)} is not Ethernet");
        }

        var frames = new List<byte[]>();
        var position = 24;
        while (position < bytes.Length)
        {
            if (position + 16 > bytes.Length)
            {
                throw new InvalidDataException($"{path}: truncated record header at {position}");
            }

            var captured = (int)U32(position + 8);
            if (position + 16 + captured > bytes.Length)
            {
                throw new InvalidDataException($"{path}: truncated record at {position}");
            }

            frames.Add(bytes.AsSpan(position + 16, captured).ToArray());
            position += 16 + captured;
        }

        return frames;
    }

    /// <summary>
    /// Frames of a pcap file another process is still writing, once it holds at least <paramref name="count"/> (waits
    /// up to 20 s; a read that lands between a record header and its bytes is simply repeated). Fails the test when
    /// fewer arrive.
    /// </summary>
    public static List<byte[]> WaitForFrames(string path, int count)
    {
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            List<byte[]> frames = [];
            try
            {
                frames = File.Exists(path) ? Read(path) : [];
            }
            catch (InvalidDataException)
            {
                // Caught between a record header and its bytes: read again.
            }

            if (frames.Count >= count || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.True(frames.Count >= count, $"{path}: {frames.Count} frames, expected {count}");
                return frames;
            }

            Thread.Sleep(20);
        }
    }
}
