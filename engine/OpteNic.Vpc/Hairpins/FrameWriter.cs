using System.Buffers.Binary;

namespace OpteNic.Vpc.Hairpins;

/// <summary>Writes the Ethernet/IP/UDP headers of hairpin replies, with checksums, into a caller's span.</summary>
internal static class FrameWriter
{
    public const int Ipv4HeaderLength = 20;
    public const int Ipv6HeaderLength = 40;
    public const int UdpHeaderLength = 8;
    public const byte ProtocolIcmp = 1;
    public const byte ProtocolUdp = 17;
    public const byte ProtocolIcmpV6 = 58;

    public static void WriteEthernet(Span<byte> destination, ReadOnlySpan<byte> dstMac, ReadOnlySpan<byte> srcMac, ushort etherType)
    {
        dstMac.CopyTo(destination);
        srcMac.CopyTo(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(12, 2), etherType);
    }

    /// <summary>An IPv4 header without options, DF set (replies are never fragmented), header checksum filled.</summary>
    public static void WriteIpv4(Span<byte> destination, ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, byte protocol, int payloadLength, byte ttl)
    {
        Span<byte> h = destination[..Ipv4HeaderLength];
        h[0] = 0x45;
        h[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(h.Slice(2, 2), (ushort)(Ipv4HeaderLength + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(h.Slice(4, 2), 0);
        BinaryPrimitives.WriteUInt16BigEndian(h.Slice(6, 2), 0x4000);
        h[8] = ttl;
        h[9] = protocol;
        h[10] = 0;
        h[11] = 0;
        source.CopyTo(h[12..]);
        target.CopyTo(h[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(h.Slice(10, 2), InternetChecksum.Finish(InternetChecksum.Add(0, h)));
    }

    public static void WriteIpv6(Span<byte> destination, ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, byte nextHeader, int payloadLength, byte hopLimit)
    {
        Span<byte> h = destination[..Ipv6HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(h, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(h.Slice(4, 2), (ushort)payloadLength);
        h[6] = nextHeader;
        h[7] = hopLimit;
        source.CopyTo(h[8..]);
        target.CopyTo(h[24..]);
    }

    /// <summary>UDP header with a zero checksum; call <see cref="FinishUdpV4"/> or <see cref="FinishUdpV6"/> after the body.</summary>
    public static void WriteUdp(Span<byte> destination, ushort sourcePort, ushort destinationPort, int payloadLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(UdpHeaderLength + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], 0);
    }

    /// <summary>Fills the UDP checksum over IPv4; a computed zero is sent as 0xFFFF (RFC 768).</summary>
    public static void FinishUdpV4(Span<byte> ipv4Header, Span<byte> udpDatagram)
    {
        uint sum = InternetChecksum.PseudoHeaderV4(ipv4Header.Slice(12, 4), ipv4Header.Slice(16, 4), ProtocolUdp, udpDatagram.Length);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, udpDatagram));
        BinaryPrimitives.WriteUInt16BigEndian(udpDatagram[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
    }

    /// <summary>Fills the checksum of an upper-layer message over IPv6 at <paramref name="checksumOffset"/>.</summary>
    public static void FinishV6(Span<byte> ipv6Header, Span<byte> message, byte nextHeader, int checksumOffset)
    {
        message[checksumOffset] = 0;
        message[checksumOffset + 1] = 0;
        uint sum = InternetChecksum.PseudoHeaderV6(ipv6Header.Slice(8, 16), ipv6Header.Slice(24, 16), nextHeader, message.Length);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, message));
        if (checksum == 0 && nextHeader == ProtocolUdp)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(message[checksumOffset..], checksum);
    }

    /// <summary>Fills the ICMPv4 checksum (no pseudo-header) at offset 2.</summary>
    public static void FinishIcmpV4(Span<byte> message)
    {
        message[2] = 0;
        message[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Finish(InternetChecksum.Add(0, message)));
    }
}
