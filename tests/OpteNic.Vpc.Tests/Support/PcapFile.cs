using System.Buffers.Binary;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>
/// Writes classic libpcap files (Ethernet link type) so every scenario's packets can be opened in Wireshark and fed to
/// tshark. Files go to <c>pcap/</c> under the test output directory.
/// </summary>
public static class PcapFile
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "pcap")).FullName;

    /// <summary>Writes <paramref name="frames"/> (one microsecond apart) to <c>pcap/{name}.pcap</c> and returns the path.</summary>
    public static string Write(string name, params byte[][] frames)
    {
        string path = Path.Combine(Directory, name + ".pcap");
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        for (int i = 0; i < frames.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, 1_700_000_000);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)i);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frames[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frames[i].Length);
            stream.Write(record);
            stream.Write(frames[i]);
        }

        return path;
    }
}
