using System.Buffers.Binary;
using System.Net;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Guest frames built byte by byte for the control-plane system tests (Ethernet/IPv4 with UDP, a TCP SYN, ICMP echo,
/// ARP), with correct IPv4, UDP, TCP and ICMP checksums. Written here, independent of the product's packet code, so
/// that what the card emits is checked against an encoder it does not share.
/// </summary>
public static class GuestFrames
{
    /// <summary>EtherType IPv4.</summary>
    public const ushort EtherTypeIpv4 = 0x0800;

    /// <summary>EtherType ARP.</summary>
    public const ushort EtherTypeArp = 0x0806;

    /// <summary>EtherType IPv6.</summary>
    public const ushort EtherTypeIpv6 = 0x86DD;

    /// <summary>The broadcast MAC.</summary>
    public static readonly byte[] Broadcast = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    /// <summary>Ethernet + IPv4 + UDP carrying <paramref name="payload"/>.</summary>
    public static byte[] Udp(byte[] destinationMac, byte[] sourceMac, IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(4), (ushort)segment.Length);
        payload.CopyTo(segment.AsSpan(8));
        var checksum = TransportChecksum(source, destination, 17, segment);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(6), checksum == 0 ? (ushort)0xFFFF : checksum);
        return Ethernet(destinationMac, sourceMac, EtherTypeIpv4, Ipv4(source, destination, 17, segment));
    }

    /// <summary>Ethernet + IPv4 + a TCP SYN (20-byte header, no options) with sequence number <paramref name="sequence"/>.</summary>
    public static byte[] TcpSyn(byte[] destinationMac, byte[] sourceMac, IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, uint sequence)
        => Tcp(destinationMac, sourceMac, source, destination, sourcePort, destinationPort, TcpSynFlag, sequence, 0, []);

    /// <summary>TCP flag bits (byte 13 of the header).</summary>
    public const byte TcpSynFlag = 0x02;
    public const byte TcpPshFlag = 0x08;
    public const byte TcpAckFlag = 0x10;

    /// <summary>Ethernet + IPv4 + a TCP segment (20-byte header, no options) with the given flags, numbers and payload.</summary>
    public static byte[] Tcp(byte[] destinationMac, byte[] sourceMac, IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort,
        byte flags, uint sequence, uint acknowledgement, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), acknowledgement);
        segment[12] = 5 << 4; // data offset: 5 words
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 64240);
        payload.CopyTo(segment.AsSpan(20));
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(16), TransportChecksum(source, destination, 6, segment));
        return Ethernet(destinationMac, sourceMac, EtherTypeIpv4, Ipv4(source, destination, 6, segment));
    }

    /// <summary>Ethernet + IPv4 + ICMP echo request with the given identifier, sequence and payload.</summary>
    public static byte[] IcmpEchoRequest(byte[] destinationMac, byte[] sourceMac, IPAddress source, IPAddress destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var message = new byte[8 + payload.Length];
        message[0] = 8; // echo request
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), sequence);
        payload.CopyTo(message.AsSpan(8));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), InternetChecksum(message));
        return Ethernet(destinationMac, sourceMac, EtherTypeIpv4, Ipv4(source, destination, 1, message));
    }

    /// <summary>A broadcast ARP request: who has <paramref name="target"/>? tell <paramref name="sender"/>.</summary>
    public static byte[] ArpRequest(byte[] senderMac, IPAddress sender, IPAddress target)
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);                 // hardware: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), EtherTypeIpv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), 1);       // request
        senderMac.CopyTo(arp, 8);
        sender.GetAddressBytes().CopyTo(arp, 14);
        target.GetAddressBytes().CopyTo(arp, 24);
        return Ethernet(Broadcast, senderMac, EtherTypeArp, arp);
    }

    /// <summary>The IPv4 packet inside an Ethernet frame (bytes 14 to the IPv4 total length; padding excluded).</summary>
    public static ReadOnlySpan<byte> Ipv4Packet(ReadOnlySpan<byte> frame)
    {
        var ip = frame[14..];
        return ip[..BinaryPrimitives.ReadUInt16BigEndian(ip[2..])];
    }

    /// <summary>The one's-complement sum of RFC 1071, folded and inverted (0 when verifying a correct header).</summary>
    public static ushort InternetChecksum(ReadOnlySpan<byte> bytes, uint initial = 0)
    {
        var sum = initial;
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (i < bytes.Length)
        {
            sum += (uint)bytes[i] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>TCP/UDP checksum over the IPv4 pseudo-header and <paramref name="segment"/> (0 when verifying a correct one).</summary>
    public static ushort TransportChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        Span<byte> pseudo = stackalloc byte[12];
        source.GetAddressBytes().CopyTo(pseudo);
        destination.GetAddressBytes().CopyTo(pseudo[4..]);
        pseudo[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)segment.Length);
        var partial = (uint)(ushort)~InternetChecksum(pseudo);
        return InternetChecksum(segment, partial);
    }

    private static byte[] Ipv4(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1234);
        packet[6] = 0x40; // don't fragment
        packet[8] = 64;
        packet[9] = protocol;
        source.GetAddressBytes().CopyTo(packet, 12);
        destination.GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum(packet.AsSpan(0, 20)));
        payload.CopyTo(packet.AsSpan(20));
        return packet;
    }

    private static byte[] Ethernet(byte[] destination, byte[] source, ushort etherType, ReadOnlySpan<byte> payload)
    {
        // Pad to the 60-byte minimum (without FCS), as a NIC would put it on the wire.
        var frame = new byte[Math.Max(60, 14 + payload.Length)];
        destination.CopyTo(frame, 0);
        source.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame.AsSpan(14));
        return frame;
    }
}
