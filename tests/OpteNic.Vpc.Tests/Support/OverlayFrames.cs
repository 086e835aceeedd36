using System.Buffers.Binary;
using System.Net;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>Test-side builders for TCP segments and Geneve-encapsulated underlay frames (independent of the code under test).</summary>
public static class OverlayFrames
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;

    public static byte[] TcpSegment(ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgement, byte flags, byte[]? payload = null)
    {
        payload ??= [];
        byte[] segment = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), acknowledgement);
        segment[12] = 5 << 4;
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 64240);
        payload.CopyTo(segment, 20);
        return segment;
    }

    /// <summary>An IPv4 TCP frame with a correct TCP checksum.</summary>
    public static byte[] TcpV4(byte[] srcMac, byte[] dstMac, IPAddress src, IPAddress dst, ushort sport, ushort dport, byte flags, uint seq = 1000, uint ack = 0,
        byte[]? payload = null, bool dontFragment = false)
    {
        byte[] segment = TcpSegment(sport, dport, seq, ack, flags, payload);
        byte[] ip = TestFrames.Ipv4(src, dst, 6, segment);
        if (dontFragment)
        {
            SetDontFragment(ip);
        }

        FixTcpChecksumV4(ip);
        return TestFrames.Ethernet(dstMac, srcMac, 0x0800, ip);
    }

    /// <summary>An IPv4 UDP frame.</summary>
    public static byte[] UdpV4(byte[] srcMac, byte[] dstMac, IPAddress src, IPAddress dst, ushort sport, ushort dport, byte[]? payload = null)
        => TestFrames.Ethernet(dstMac, srcMac, 0x0800, TestFrames.Ipv4(src, dst, 17, TestFrames.Udp(sport, dport, payload ?? [1, 2, 3, 4])));

    /// <summary>An IPv6 UDP frame.</summary>
    public static byte[] UdpV6(byte[] srcMac, byte[] dstMac, IPAddress src, IPAddress dst, ushort sport, ushort dport, byte[]? payload = null)
        => TestFrames.Ethernet(dstMac, srcMac, 0x86DD, TestFrames.Ipv6(src, dst, 17, TestFrames.Udp(sport, dport, payload ?? [1, 2, 3, 4]), 64));

    /// <summary>Wraps <paramref name="inner"/> in Ethernet/IPv6/UDP 6081/Geneve as the underlay delivers it.</summary>
    public static byte[] Geneve(byte[] inner, uint vni, IPAddress underlaySource, IPAddress underlayDestination, bool external = false)
    {
        int optionLength = external ? 4 : 0;
        byte[] geneve = new byte[8 + optionLength + inner.Length];
        geneve[0] = (byte)(optionLength / 4);
        BinaryPrimitives.WriteUInt16BigEndian(geneve.AsSpan(2), 0x6558);
        geneve[4] = (byte)(vni >> 16);
        geneve[5] = (byte)(vni >> 8);
        geneve[6] = (byte)vni;
        if (external)
        {
            BinaryPrimitives.WriteUInt16BigEndian(geneve.AsSpan(8), 0x0129);
            geneve[10] = 0;
            geneve[11] = 0;
        }

        inner.CopyTo(geneve, 8 + optionLength);
        byte[] udp = TestFrames.Udp(4242, 6081, geneve);
        byte[] ipv6 = new byte[40 + udp.Length];
        ipv6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ipv6.AsSpan(4), (ushort)udp.Length);
        ipv6[6] = 17;
        ipv6[7] = 64;
        underlaySource.GetAddressBytes().CopyTo(ipv6, 8);
        underlayDestination.GetAddressBytes().CopyTo(ipv6, 24);
        udp.CopyTo(ipv6, 40);
        return TestFrames.Ethernet([0xA8, 0x40, 0x25, 0, 0, 0x10], [0xA8, 0x40, 0x25, 0, 0, 0x20], 0x86DD, ipv6);
    }

    /// <summary>Sets Don't Fragment in an IPv4 packet and fixes its header checksum.</summary>
    public static void SetDontFragment(Span<byte> ip)
    {
        ip[6] |= 0x40;
        ip[10] = 0;
        ip[11] = 0;
        uint sum = 0;
        int headerLength = (ip[0] & 0x0F) * 4;
        for (int i = 0; i < headerLength; i += 2)
        {
            sum += (uint)(ip[i] << 8 | ip[i + 1]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
    }

    private static void FixTcpChecksumV4(byte[] ip)
    {
        int length = ip.Length - 20;
        uint sum = 0;
        for (int i = 12; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(i));
        }

        sum += 6u + (uint)length;
        ip[36] = 0;
        ip[37] = 0;
        for (int i = 20; i < ip.Length; i += 2)
        {
            sum += (uint)(ip[i] << 8 | (i + 1 < ip.Length ? ip[i + 1] : 0));
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(36), (ushort)~sum);
    }
}
