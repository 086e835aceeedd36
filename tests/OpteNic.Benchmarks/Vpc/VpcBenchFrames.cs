using System.Buffers.Binary;
using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>The benchmark VPC (same addresses as the VPC scenario tests) and raw guest frames for it.</summary>
public static class VpcBenchFrames
{
    public static readonly byte[] GuestMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x05];
    public static readonly byte[] GatewayMac = [0xA8, 0x40, 0x25, 0xFF, 0x77, 0x77];
    public static readonly byte[] PeerMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x06];
    public static readonly IPAddress Private4 = IPAddress.Parse("172.30.0.5");
    public static readonly IPAddress Gateway4 = IPAddress.Parse("172.30.0.1");
    public static readonly IPAddress Peer4 = IPAddress.Parse("172.30.0.6");
    public static readonly IPAddress Private6 = IPAddress.Parse("fd00:1122:3344:101::5");
    public static readonly IPAddress Peer6 = IPAddress.Parse("fd00:1122:3344:101::6");
    public static readonly IPAddress GuestLinkLocal = IPAddress.Parse("fe80::aa40:25ff:fef0:5");
    public static readonly IPAddress GatewayLinkLocal = IPAddress.Parse("fe80::aa40:25ff:feff:7777");
    public static readonly IPAddress Internet4 = IPAddress.Parse("198.51.100.77");
    public static readonly IPAddress Internet6 = IPAddress.Parse("2001:db8::77");

    /// <summary>A started dual-stack port with routes, V2P, V2B and SNAT for both families.</summary>
    public static VpcPort CreatePort(VpcNetwork network, int flows)
    {
        var v4 = new Ipv4Cfg(Ipv4Cidr.Parse("172.30.0.0/22"), Ipv4Addr.Parse("172.30.0.5"), Ipv4Addr.Parse("172.30.0.1"),
            new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.10"), 1024, 65535), null, []), [], []);
        var v6 = new Ipv6Cfg(Ipv6Cidr.Parse("fd00:1122:3344:101::/64"), Ipv6Addr.Parse("fd00:1122:3344:101::5"),
            Ipv6Addr.Parse("fe80::aa40:25ff:feff:7777"),
            new ExternalIpCfg<Ipv6Addr>(new SNatCfg<Ipv6Addr>(Ipv6Addr.Parse("2001:db8:ffff::10"), 1024, 65535), null, []), [], []);
        var config = new VpcCfg(new IpCfg.DualStack(v4, v6), MacAddr.FromBytes(GuestMac), MacAddr.FromBytes(GatewayMac), new Vni(7777), Ipv6Addr.Parse("fd00:aaaa::1"));
        var dhcp = new DhcpCfg("web1", "vpc.oxide.internal", ["vpc.oxide.internal", "oxide.internal"], [Ipv4Addr.Parse("172.30.0.53")], [Ipv6Addr.Parse("fd00::53")]);
        var options = new VpcPortOptions { UftLimit = flows * 2 + 64, LayerFlowLimit = flows * 2 + 64, TcpLimit = 1024 };
        if (!VpcPort.TryCreate("bench0", config, dhcp, network, options, out VpcPort? port, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        port.Port.Start();
        port.TryAddRouterEntry(IpCidr.Parse("172.30.0.0/22"), new RouterTarget.VpcSubnet(IpCidr.Parse("172.30.0.0/22")), RouterClass.System, out _);
        port.TryAddRouterEntry(IpCidr.Parse("fd00:1122:3344:101::/64"), new RouterTarget.VpcSubnet(IpCidr.Parse("fd00:1122:3344:101::/64")), RouterClass.System, out _);
        port.TryAddRouterEntry(IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null), RouterClass.System, out _);
        port.TryAddRouterEntry(IpCidr.Parse("::/0"), new RouterTarget.InternetGateway(null), RouterClass.System, out _);
        network.Virt2Phys.TrySet(new Vni(7777), OpteNic.Packets.IpAddr.From(Peer4), new GuestPhysAddr(MacAddr.FromBytes(PeerMac), Ipv6Addr.Parse("fd00:bbbb::1")));
        network.Virt2Phys.TrySet(new Vni(7777), OpteNic.Packets.IpAddr.From(Peer6), new GuestPhysAddr(MacAddr.FromBytes(PeerMac), Ipv6Addr.Parse("fd00:bbbb::1")));
        network.Virt2Boundary.Set(IpCidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99))]);
        network.Virt2Boundary.Set(IpCidr.Parse("::/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99))]);
        return port;
    }

    public static byte[] Ethernet(byte[] dst, byte[] src, ushort type, byte[] payload)
    {
        byte[] frame = new byte[14 + payload.Length];
        dst.CopyTo(frame, 0);
        src.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), type);
        payload.CopyTo(frame, 14);
        return frame;
    }

    public static byte[] Ipv4(IPAddress src, IPAddress dst, byte protocol, byte[] payload)
    {
        byte[] p = new byte[20 + payload.Length];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        p[8] = 64;
        p[9] = protocol;
        src.GetAddressBytes().CopyTo(p, 12);
        dst.GetAddressBytes().CopyTo(p, 16);
        payload.CopyTo(p, 20);
        return p;
    }

    public static byte[] Ipv6(IPAddress src, IPAddress dst, byte nextHeader, byte[] payload, byte hopLimit = 255)
    {
        byte[] p = new byte[40 + payload.Length];
        p[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)payload.Length);
        p[6] = nextHeader;
        p[7] = hopLimit;
        src.GetAddressBytes().CopyTo(p, 8);
        dst.GetAddressBytes().CopyTo(p, 24);
        payload.CopyTo(p, 40);
        return p;
    }

    public static byte[] Udp(ushort sport, ushort dport, byte[] payload)
    {
        byte[] d = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(d, sport);
        BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(4), (ushort)d.Length);
        payload.CopyTo(d, 8);
        return d;
    }

    /// <summary>Guest UDP frame to <paramref name="destination"/>.</summary>
    public static byte[] GuestUdp(bool ipv6, IPAddress destination, ushort sport, int payload = 64) => ipv6
        ? Ethernet(GatewayMac, GuestMac, 0x86DD, Ipv6(Private6, destination, 17, Udp(sport, 53, new byte[payload]), 64))
        : Ethernet(GatewayMac, GuestMac, 0x0800, Ipv4(Private4, destination, 17, Udp(sport, 53, new byte[payload])));

    /// <summary>The hairpin request of <paramref name="kind"/>.</summary>
    public static byte[] Hairpin(string kind)
    {
        byte[] ClientId() => [0, 1, 0, 14, 0, 1, 0, 1, 1, 2, 3, 4, .. GuestMac];
        byte[] IaNa() => [0, 3, 0, 12, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] ServerId() => [0, 2, 0, 10, 0, 3, 0, 1, .. GatewayMac];
        byte[] Dhcp6(byte type, params byte[][] options) => Ethernet([0x33, 0x33, 0, 1, 0, 2], GuestMac, 0x86DD,
            Ipv6(GuestLinkLocal, IPAddress.Parse("ff02::1:2"), 17, Udp(546, 547, [type, 0, 0, 1, .. options.SelectMany(o => o)]), 1));
        byte[] Bootp(byte type, params byte[] extra)
        {
            byte[] b = new byte[300];
            b[0] = 1;
            b[1] = 1;
            b[2] = 6;
            GuestMac.CopyTo(b, 28);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(236), 0x63825363);
            byte[] options = [53, 1, type, .. extra, 255];
            options.CopyTo(b, 240);
            return Ethernet([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], GuestMac, 0x0800, Ipv4(IPAddress.Any, IPAddress.Broadcast, 17, Udp(68, 67, b)));
        }

        return kind switch
        {
            "arp" => Ethernet([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], GuestMac, 0x0806,
                [0, 1, 8, 0, 6, 4, 0, 1, .. GuestMac, .. Private4.GetAddressBytes(), 0, 0, 0, 0, 0, 0, .. Gateway4.GetAddressBytes()]),
            "dhcp-discover" => Bootp(1),
            "dhcp-request" => Bootp(3, 50, 4, 172, 30, 0, 5),
            "dhcp6-solicit" => Dhcp6(1, ClientId(), IaNa()),
            "dhcp6-request" => Dhcp6(3, ClientId(), ServerId(), IaNa()),
            "ping4" => Ethernet(GatewayMac, GuestMac, 0x0800, Ipv4(Private4, Gateway4, 1, [8, 0, 0, 0, 0, 1, 0, 1, .. new byte[56]])),
            "ping6" => Ethernet(GatewayMac, GuestMac, 0x86DD, Ipv6(GuestLinkLocal, GatewayLinkLocal, 58, [128, 0, 0, 0, 0, 1, 0, 1, .. new byte[56]], 64)),
            "rs" => Ethernet([0x33, 0x33, 0, 0, 0, 2], GuestMac, 0x86DD, Ipv6(GuestLinkLocal, IPAddress.Parse("ff02::2"), 58, [133, 0, 0, 0, 0, 0, 0, 0, 1, 1, .. GuestMac])),
            "ns" => Ethernet([0x33, 0x33, 0xFF, 0xFF, 0x77, 0x77], GuestMac, 0x86DD, Ipv6(GuestLinkLocal, IPAddress.Parse("ff02::1:ffff:7777"), 58,
                [135, 0, 0, 0, 0, 0, 0, 0, .. GatewayLinkLocal.GetAddressBytes(), 1, 1, .. GuestMac])),
            _ => throw new ArgumentException(kind, nameof(kind)),
        };
    }
}
