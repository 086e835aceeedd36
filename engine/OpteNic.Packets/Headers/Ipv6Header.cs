using System.Buffers.Binary;

namespace OpteNic.Packets.Headers;

/// <summary>The fixed 40-byte IPv6 header as a value.</summary>
public readonly struct Ipv6Header
{
    /// <summary>Fixed header length.</summary>
    public const int Length = 40;

    public Ipv6Header(IpAddr src, IpAddr dst, IpProtocol nextHeader, ushort payloadLength)
    {
        Src = src;
        Dst = dst;
        NextHeader = nextHeader;
        PayloadLength = payloadLength;
        HopLimit = 64;
    }

    public byte TrafficClass { get; init; }

    /// <summary>20-bit flow label.</summary>
    public uint FlowLabel { get; init; }

    /// <summary>Bytes after the fixed header, extension headers included.</summary>
    public ushort PayloadLength { get; init; }

    /// <summary>Protocol of the next header (first extension header or upper layer).</summary>
    public IpProtocol NextHeader { get; init; }

    public byte HopLimit { get; init; }

    public IpAddr Src { get; init; }

    public IpAddr Dst { get; init; }

    /// <summary>Writes 40 bytes; returns 40.</summary>
    public int WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination.Slice(0, Length);
        BinaryPrimitives.WriteUInt32BigEndian(header, (6u << 28) | ((uint)TrafficClass << 20) | (FlowLabel & 0xF_FFFF));
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(4), PayloadLength);
        header[6] = (byte)NextHeader;
        header[7] = HopLimit;
        Src.WriteIpv6To(header.Slice(8));
        Dst.WriteIpv6To(header.Slice(24));
        return Length;
    }

    /// <summary>Reads the fixed header; false if too short or not version 6.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out Ipv6Header header)
    {
        header = default;
        if (source.Length < Length || (source[0] >> 4) != 6)
        {
            return false;
        }

        uint first = BinaryPrimitives.ReadUInt32BigEndian(source);
        header = new Ipv6Header(IpAddr.ReadIpv6(source.Slice(8)), IpAddr.ReadIpv6(source.Slice(24)), (IpProtocol)source[6],
            BinaryPrimitives.ReadUInt16BigEndian(source.Slice(4)))
        {
            TrafficClass = (byte)(first >> 20),
            FlowLabel = first & 0xF_FFFF,
            HopLimit = source[7],
        };
        return true;
    }
}
