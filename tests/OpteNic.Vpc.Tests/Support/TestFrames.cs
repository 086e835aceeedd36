using System.Buffers.Binary;
using System.Net;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>
/// Builds the guest's request frames byte by byte, independently of the code under test (its own checksum routine),
/// so a bug in the responders' writers cannot hide in a shared helper.
/// </summary>
public static class TestFrames
{
    public static readonly byte[] GuestMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x05];
    public static readonly byte[] GatewayMac = [0xA8, 0x40, 0x25, 0xFF, 0x77, 0x77];
    public static readonly byte[] BroadcastMac = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    public static readonly IPAddress PrivateIpv4 = IPAddress.Parse("172.30.0.5");
    public static readonly IPAddress GatewayIpv4 = IPAddress.Parse("172.30.0.1");
    public static readonly IPAddress PrivateIpv6 = IPAddress.Parse("fd00:1122:3344:101::5");
    public static readonly IPAddress GatewayLinkLocal = IPAddress.Parse("fe80::aa40:25ff:feff:7777");
    public static readonly IPAddress GuestLinkLocal = IPAddress.Parse("fe80::aa40:25ff:fef0:5");

    public static byte[] Ethernet(byte[] dst, byte[] src, ushort etherType, byte[] payload)
    {
        byte[] frame = new byte[14 + payload.Length];
        dst.CopyTo(frame, 0);
        src.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame, 14);
        return frame;
    }

    public static byte[] ArpRequest(byte[] senderMac, IPAddress senderIp, IPAddress targetIp, ushort operation = 1)
    {
        byte[] arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), operation);
        senderMac.CopyTo(arp, 8);
        senderIp.GetAddressBytes().CopyTo(arp, 14);
        targetIp.GetAddressBytes().CopyTo(arp, 24);
        return Ethernet(BroadcastMac, senderMac, 0x0806, arp);
    }

    public static byte[] Ipv4(IPAddress src, IPAddress dst, byte protocol, byte[] payload, byte ttl = 64)
    {
        byte[] packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1234);
        packet[8] = ttl;
        packet[9] = protocol;
        src.GetAddressBytes().CopyTo(packet, 12);
        dst.GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20), 0));
        payload.CopyTo(packet, 20);
        if (protocol == 17)
        {
            uint pseudo = Sum(packet.AsSpan(12, 8), 0) + 17u + (uint)payload.Length;
            ushort udp = Checksum(packet.AsSpan(20), pseudo);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(26), udp == 0 ? (ushort)0xFFFF : udp);
        }
        else if (protocol == 1)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), Checksum(packet.AsSpan(20), 0));
        }

        return packet;
    }

    public static byte[] Ipv6(IPAddress src, IPAddress dst, byte nextHeader, byte[] payload, byte hopLimit = 255)
    {
        byte[] packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        src.GetAddressBytes().CopyTo(packet, 8);
        dst.GetAddressBytes().CopyTo(packet, 24);
        payload.CopyTo(packet, 40);
        uint pseudo = Sum(packet.AsSpan(8, 32), 0) + nextHeader + (uint)payload.Length;
        int checksumOffset = nextHeader == 17 ? 46 : 42;
        ushort checksum = Checksum(packet.AsSpan(40), pseudo);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(checksumOffset), nextHeader == 17 && checksum == 0 ? (ushort)0xFFFF : checksum);
        return packet;
    }

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        byte[] datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        return datagram;
    }

    public static byte[] IcmpEcho(byte type, ushort id, ushort sequence, byte[] data)
    {
        byte[] message = new byte[8 + data.Length];
        message[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), sequence);
        data.CopyTo(message, 8);
        return message;
    }

    /// <summary>A guest's ICMPv4 echo request to <paramref name="target"/>.</summary>
    public static byte[] PingV4(IPAddress target, ushort id, ushort sequence, byte[] data)
        => Ethernet(GatewayMac, GuestMac, 0x0800, Ipv4(PrivateIpv4, target, 1, IcmpEcho(8, id, sequence, data)));

    /// <summary>A guest's ICMPv6 echo request from its link-local address to <paramref name="target"/>.</summary>
    public static byte[] PingV6(IPAddress target, ushort id, ushort sequence, byte[] data)
        => Ethernet(GatewayMac, GuestMac, 0x86DD, Ipv6(GuestLinkLocal, target, 58, IcmpEcho(128, id, sequence, data), 64));

    /// <summary>A BOOTP request with the given DHCP options (code, value) followed by end.</summary>
    public static byte[] DhcpV4(uint xid, bool broadcast, byte[] clientMac, IPAddress? clientIp, params (byte Code, byte[] Value)[] options)
    {
        var body = new List<byte>(new byte[240]);
        body[0] = 1;
        body[1] = 1;
        body[2] = 6;
        byte[] bootp = [.. body];
        BinaryPrimitives.WriteUInt32BigEndian(bootp.AsSpan(4), xid);
        BinaryPrimitives.WriteUInt16BigEndian(bootp.AsSpan(8), 3);
        BinaryPrimitives.WriteUInt16BigEndian(bootp.AsSpan(10), broadcast ? (ushort)0x8000 : (ushort)0);
        clientIp?.GetAddressBytes().CopyTo(bootp, 12);
        clientMac.CopyTo(bootp, 28);
        BinaryPrimitives.WriteUInt32BigEndian(bootp.AsSpan(236), 0x63825363);
        var all = new List<byte>(bootp);
        foreach (var (code, value) in options)
        {
            all.Add(code);
            all.Add((byte)value.Length);
            all.AddRange(value);
        }

        all.Add(255);
        while (all.Count < 300)
        {
            all.Add(0);
        }

        IPAddress source = clientIp ?? IPAddress.Any;
        IPAddress destination = clientIp is null ? IPAddress.Broadcast : GatewayIpv4;
        byte[] dstMac = clientIp is null ? BroadcastMac : GatewayMac;
        return Ethernet(dstMac, clientMac, 0x0800, Ipv4(source, destination, 17, Udp(68, 67, [.. all])));
    }

    public static (byte, byte[]) MessageType(byte type) => (53, [type]);

    public static byte[] DhcpV6Option(ushort code, byte[] value)
    {
        byte[] option = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(option, code);
        BinaryPrimitives.WriteUInt16BigEndian(option.AsSpan(2), (ushort)value.Length);
        value.CopyTo(option, 4);
        return option;
    }

    /// <summary>The guest's DUID-LLT as a client identifier option.</summary>
    public static byte[] ClientIdOption => DhcpV6Option(1, [0, 1, 0, 1, 0x2C, 0x3B, 0x4A, 0x5D, .. GuestMac]);

    /// <summary>IA_NA with IAID 0x0A0B0C0D and optionally one IAADDR.</summary>
    public static byte[] IaNaOption(IPAddress? address = null)
    {
        var value = new List<byte> { 0x0A, 0x0B, 0x0C, 0x0D, 0, 0, 0x0E, 0x10, 0, 0, 0x15, 0x18 };
        if (address is not null)
        {
            value.AddRange(DhcpV6Option(5, [.. address.GetAddressBytes(), 0, 0, 0x1C, 0x20, 0, 0, 0x2A, 0x30]));
        }

        return DhcpV6Option(3, [.. value]);
    }

    public static readonly IPAddress AllDhcpAgents = IPAddress.Parse("ff02::1:2");

    public static byte[] DhcpV6(byte messageType, uint transactionId, params byte[][] options)
    {
        var body = new List<byte> { messageType, (byte)(transactionId >> 16), (byte)(transactionId >> 8), (byte)transactionId };
        foreach (byte[] option in options)
        {
            body.AddRange(option);
        }

        return Ethernet([0x33, 0x33, 0, 1, 0, 2], GuestMac, 0x86DD, Ipv6(GuestLinkLocal, AllDhcpAgents, 17, Udp(546, 547, [.. body]), 1));
    }

    public static byte[] RouterSolicitation(IPAddress source, bool withSourceLinkLayer, byte hopLimit = 255)
    {
        var message = new List<byte> { 133, 0, 0, 0, 0, 0, 0, 0 };
        if (withSourceLinkLayer)
        {
            message.AddRange([1, 1, .. GuestMac]);
        }

        IPAddress allRouters = IPAddress.Parse("ff02::2");
        return Ethernet([0x33, 0x33, 0, 0, 0, 2], GuestMac, 0x86DD, Ipv6(source, allRouters, 58, [.. message], hopLimit));
    }

    public static byte[] NeighborSolicitation(IPAddress source, IPAddress destination, IPAddress target, bool withSourceLinkLayer, byte hopLimit = 255)
    {
        var message = new List<byte> { 135, 0, 0, 0, 0, 0, 0, 0 };
        message.AddRange(target.GetAddressBytes());
        if (withSourceLinkLayer)
        {
            message.AddRange([1, 1, .. GuestMac]);
        }

        byte[] dstBytes = destination.GetAddressBytes();
        byte[] dstMac = dstBytes[0] == 0xFF ? [0x33, 0x33, dstBytes[12], dstBytes[13], dstBytes[14], dstBytes[15]] : GatewayMac;
        return Ethernet(dstMac, GuestMac, 0x86DD, Ipv6(source, destination, 58, [.. message], hopLimit));
    }

    /// <summary>The solicited-node multicast group of <paramref name="address"/> (ff02::1:ffXX:XXXX).</summary>
    public static IPAddress SolicitedNode(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        return new IPAddress([0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, bytes[13], bytes[14], bytes[15]]);
    }

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8 | (i + 1 < data.Length ? data[i + 1] : 0));
        }

        return sum;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint initial)
    {
        uint sum = Sum(data, initial);
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
