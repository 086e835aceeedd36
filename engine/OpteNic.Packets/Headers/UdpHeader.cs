using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>The 8-byte UDP header as a value.</summary>
public readonly struct UdpHeader
{
    public const int Length = 8;

    public UdpHeader(ushort srcPort, ushort dstPort, ushort length, ushort checksum = 0)
    {
        SrcPort = srcPort;
        DstPort = dstPort;
        DatagramLength = length;
        Checksum = checksum;
    }

    public ushort SrcPort { get; init; }

    public ushort DstPort { get; init; }

    /// <summary>Header plus payload bytes.</summary>
    public ushort DatagramLength { get; init; }

    /// <summary>0 means "none" (allowed over IPv4, and over IPv6 for tunnels per RFC 6935).</summary>
    public ushort Checksum { get; init; }

    /// <summary>Writes 8 bytes as given; returns 8.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination.Slice(0, Length);
        BinaryPrimitives.WriteUInt16BigEndian(header, SrcPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), DstPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(4), DatagramLength);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(6), Checksum);
        return Length;
    }

    /// <summary>Reads 8 bytes; false if too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out UdpHeader header)
    {
        header = default;
        if (source.Length < Length)
        {
            return false;
        }

        header = new UdpHeader(BinaryPrimitives.ReadUInt16BigEndian(source), BinaryPrimitives.ReadUInt16BigEndian(source.Slice(2)),
            BinaryPrimitives.ReadUInt16BigEndian(source.Slice(4)), BinaryPrimitives.ReadUInt16BigEndian(source.Slice(6)));
        return true;
    }
}
