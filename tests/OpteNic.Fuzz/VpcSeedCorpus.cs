using System.Buffers.Binary;
using System.Net;

namespace OpteNic.Fuzz;

/// <summary>
/// Seeds for <see cref="VpcFuzzTarget"/>: valid frames for each path of the fuzzed port (guest → peer, → internet via
/// SNAT, multicast, oversized with DF, gateway requests; underlay → guest from a peer and from boundary services), each
/// with the selector byte in front, plus the gateway requests again for the dispatcher and the reply writers.
/// </summary>
public static class VpcSeedCorpus
{
    private static readonly byte[] s_peerMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x06];
    private static readonly byte[] s_boundaryMac = [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77];
    private static readonly IPAddress s_guest4 = IPAddress.Parse("172.30.0.5");
    private static readonly IPAddress s_guest6 = IPAddress.Parse("fd00:1122:3344:101::5");
    private static readonly IPAddress s_guestLinkLocal = IPAddress.Parse("fe80::aa40:25ff:fef0:5");
    private static readonly IPAddress s_gatewayLinkLocal = IPAddress.Parse("fe80::aa40:25ff:feff:7777");
    private static readonly IPAddress s_peer4 = IPAddress.Parse("172.30.0.6");
    private static readonly IPAddress s_peer6 = IPAddress.Parse("fd00:1122:3344:101::6");
    private static readonly IPAddress s_internet = IPAddress.Parse("198.51.100.77");

    public static IEnumerable<(string Name, byte[] Input)> Build()
    {
        byte[] guest = VpcFuzzTarget.GuestMac;
        byte[] gateway = VpcFuzzTarget.GatewayMac;
        var outbound = new List<(string, byte[])>
        {
            ("udp-peer-v4", Ethernet(gateway, guest, 0x0800, Ipv4(s_guest4, s_peer4, 17, Udp(5000, 53, [1, 2, 3, 4]), dontFragment: false))),
            ("tcp-internet-v4", Ethernet(gateway, guest, 0x0800, Ipv4(s_guest4, s_internet, 6, Tcp(40000, 443, 0x02), dontFragment: true))),
            ("udp-peer-v6", Ethernet(gateway, guest, 0x86DD, Ipv6(s_guest6, s_peer6, 17, Udp(5000, 53, [1, 2, 3, 4])))),
            ("echo-internet-v4", Ethernet(gateway, guest, 0x0800, Ipv4(s_guest4, s_internet, 1, Echo(8, 0x1234), dontFragment: false))),
            ("multicast-v4", Ethernet([0x01, 0x00, 0x5E, 0x01, 0x01, 0x01], guest, 0x0800, Ipv4(s_guest4, IPAddress.Parse("239.1.1.1"), 17, Udp(5000, 5000, [9]), dontFragment: false))),
            ("oversized-df-v4", Ethernet(gateway, guest, 0x0800, Ipv4(s_guest4, s_internet, 17, Udp(5000, 53, new byte[1600]), dontFragment: true))),
        };
        var requests = new List<(string, byte[])>
        {
            ("arp", Arp(guest, s_guest4, IPAddress.Parse("172.30.0.1"))),
            ("echo-gateway-v4", Ethernet(gateway, guest, 0x0800, Ipv4(s_guest4, IPAddress.Parse("172.30.0.1"), 1, Echo(8, 7), dontFragment: false))),
            ("dhcp-discover", Ethernet([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], guest, 0x0800,
                Ipv4(IPAddress.Any, IPAddress.Broadcast, 17, Udp(68, 67, DhcpDiscover(guest)), dontFragment: false))),
            ("dhcpv6-solicit", Ethernet([0x33, 0x33, 0x00, 0x01, 0x00, 0x02], guest, 0x86DD,
                Ipv6(s_guestLinkLocal, IPAddress.Parse("ff02::1:2"), 17, Udp(546, 547, DhcpV6Solicit(guest)), hopLimit: 1))),
            ("router-solicitation", Ethernet([0x33, 0x33, 0x00, 0x00, 0x00, 0x02], guest, 0x86DD,
                Ipv6(s_guestLinkLocal, IPAddress.Parse("ff02::2"), 58, [133, 0, 0, 0, 0, 0, 0, 0, 1, 1, .. guest], hopLimit: 255))),
            ("neighbor-solicitation", Ethernet([0x33, 0x33, 0xFF, 0xFF, 0x77, 0x77], guest, 0x86DD,
                Ipv6(s_guestLinkLocal, IPAddress.Parse("ff02::1:ffff:7777"), 58, [135, 0, 0, 0, 0, 0, 0, 0, .. s_gatewayLinkLocal.GetAddressBytes(), 1, 1, .. guest], hopLimit: 255))),
        };
        var inbound = new List<(string, byte[])>
        {
            ("from-peer-v4", Geneve(Ethernet(guest, s_peerMac, 0x0800, Ipv4(s_peer4, s_guest4, 17, Udp(53, 5000, [5, 6]), dontFragment: false)), 7777, external: false)),
            ("to-snat-v4", Geneve(Ethernet(guest, s_boundaryMac, 0x0800, Ipv4(s_internet, IPAddress.Parse("203.0.113.10"), 6, Tcp(443, 65535, 0x12), dontFragment: true)), 99, external: true)),
            ("to-floating-v4", Geneve(Ethernet(guest, s_boundaryMac, 0x0800, Ipv4(s_internet, IPAddress.Parse("203.0.113.30"), 6, Tcp(50000, 80, 0x02), dontFragment: true)), 99, external: true)),
            ("from-peer-v6", Geneve(Ethernet(guest, s_peerMac, 0x86DD, Ipv6(s_peer6, s_guest6, 17, Udp(53, 5000, [5, 6]))), 7777, external: false)),
        };

        foreach ((string name, byte[] frame) in outbound.Concat(requests))
        {
            yield return ($"vpc-out-{name}", [0, .. frame]);
        }

        foreach ((string name, byte[] frame) in inbound)
        {
            yield return ($"vpc-in-{name}", [1, .. frame]);
        }

        foreach ((string name, byte[] frame) in requests)
        {
            yield return ($"vpc-gateway-{name}", [2, .. frame]);
            yield return ($"vpc-writers-{name}", [3, .. frame]);
        }
    }

    private static byte[] Ethernet(byte[] destination, byte[] source, ushort etherType, byte[] payload)
    {
        byte[] frame = [.. destination, .. source, (byte)(etherType >> 8), (byte)etherType, .. payload];
        return frame;
    }

    private static byte[] Ipv4(IPAddress source, IPAddress destination, byte protocol, byte[] payload, bool dontFragment)
    {
        byte[] packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[6] = dontFragment ? (byte)0x40 : (byte)0;
        packet[8] = 64;
        packet[9] = protocol;
        source.GetAddressBytes().CopyTo(packet, 12);
        destination.GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20), 0));
        payload.CopyTo(packet, 20);
        int checksumAt = protocol switch { 6 => 16, 17 => 6, _ => 2 };
        uint pseudo = protocol == 1 ? 0 : Sum(packet.AsSpan(12, 8), 0) + protocol + (uint)payload.Length;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20 + checksumAt), Checksum(packet.AsSpan(20), pseudo));
        return packet;
    }

    private static byte[] Ipv6(IPAddress source, IPAddress destination, byte nextHeader, byte[] payload, byte hopLimit = 64)
    {
        byte[] packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        source.GetAddressBytes().CopyTo(packet, 8);
        destination.GetAddressBytes().CopyTo(packet, 24);
        payload.CopyTo(packet, 40);
        int checksumAt = nextHeader switch { 6 => 16, 17 => 6, _ => 2 };
        uint pseudo = Sum(packet.AsSpan(8, 32), 0) + nextHeader + (uint)payload.Length;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(40 + checksumAt), Checksum(packet.AsSpan(40), pseudo));
        return packet;
    }

    private static byte[] Udp(ushort source, ushort destination, byte[] payload)
    {
        byte[] datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, source);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        return datagram;
    }

    private static byte[] Tcp(ushort source, ushort destination, byte flags)
    {
        byte[] segment = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(segment, source);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), 1000);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), (flags & 0x10) != 0 ? 2000u : 0u);
        segment[12] = 5 << 4;
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), 64240);
        return segment;
    }

    private static byte[] Echo(byte type, ushort id) => [type, 0, 0, 0, (byte)(id >> 8), (byte)id, 0, 1, .. "opte"u8];

    private static byte[] Arp(byte[] senderMac, IPAddress sender, IPAddress target) =>
        Ethernet([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], senderMac, 0x0806,
            [0, 1, 8, 0, 6, 4, 0, 1, .. senderMac, .. sender.GetAddressBytes(), 0, 0, 0, 0, 0, 0, .. target.GetAddressBytes()]);

    private static byte[] DhcpDiscover(byte[] clientMac)
    {
        byte[] bootp = new byte[240];
        bootp[0] = 1;
        bootp[1] = 1;
        bootp[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(bootp.AsSpan(4), 0x1234_5678);
        clientMac.CopyTo(bootp, 28);
        BinaryPrimitives.WriteUInt32BigEndian(bootp.AsSpan(236), 0x6382_5363);
        return [.. bootp, 53, 1, 1, 55, 4, 1, 3, 6, 121, 255];
    }

    private static byte[] DhcpV6Solicit(byte[] clientMac) =>
    [
        1, 0x12, 0x34, 0x56,
        0, 1, 0, 10, 0, 3, 0, 1, .. clientMac, // client id: DUID-LL
        0, 3, 0, 12, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, // IA_NA
        0, 14, 0, 0, // rapid commit
    ];

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if ((data.Length & 1) != 0)
        {
            sum += (uint)data[^1] << 8;
        }

        return sum;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint sum)
    {
        sum = Sum(data, sum);
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static byte[] Geneve(byte[] inner, uint vni, bool external)
    {
        byte[] options = external ? [0x01, 0x29, 0x00, 0x00] : [];
        byte[] geneve = [(byte)(options.Length / 4), 0, 0x65, 0x58, (byte)(vni >> 16), (byte)(vni >> 8), (byte)vni, 0, .. options, .. inner];
        byte[] ipv6 = Ipv6(IPAddress.Parse(external ? "fd00:99::1" : "fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"), 17, Udp(4242, 6081, geneve));
        return Ethernet([0xA8, 0x40, 0x25, 0, 0, 0x10], [0xA8, 0x40, 0x25, 0, 0, 0x20], 0x86DD, ipv6);
    }
}
