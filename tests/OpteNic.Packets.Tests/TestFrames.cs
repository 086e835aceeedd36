using System.Buffers.Binary;
using OpteNic.Packets.Checksums;
using System.Net;
using System.Net.NetworkInformation;
using OpteNic.Packets.Headers;
using PacketDotNet;
using PdnArpOperation = PacketDotNet.ArpOperation;

namespace OpteNic.Packets.Tests;

/// <summary>
/// Golden frames built with PacketDotNet (an encoder independent of ours), plus Geneve encapsulation written by hand
/// from RFC 8926 so the parser is not checked against its own writer.
/// </summary>
internal static class TestFrames
{
    public static readonly PhysicalAddress GuestMac = PhysicalAddress.Parse("A8-40-25-00-00-01");
    public static readonly PhysicalAddress PeerMac = PhysicalAddress.Parse("A8-40-25-00-00-02");
    public static readonly IPAddress GuestV4 = IPAddress.Parse("10.0.0.5");
    public static readonly IPAddress PeerV4 = IPAddress.Parse("10.0.0.9");
    public static readonly IPAddress GuestV6 = IPAddress.Parse("fd00::5");
    public static readonly IPAddress PeerV6 = IPAddress.Parse("fd00::9");
    public static readonly IPAddress UnderlaySrc = IPAddress.Parse("fd77::1");
    public static readonly IPAddress UnderlayDst = IPAddress.Parse("fd77::2");

    public static byte[] Payload(int length)
    {
        var payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(i * 7 + 3);
        }

        return payload;
    }

    public static byte[] Tcp(bool v6, int payloadLength = 10, ushort srcPort = 40000, ushort dstPort = 443, bool syn = false)
    {
        var tcp = new TcpPacket(srcPort, dstPort)
        {
            SequenceNumber = 1000,
            AcknowledgmentNumber = 2000,
            WindowSize = 65000,
            Acknowledgment = true,
            Synchronize = syn,
            PayloadData = Payload(payloadLength),
        };
        return Wrap(v6, tcp, ProtocolType.Tcp, t => ((TcpPacket)t).UpdateTcpChecksum());
    }

    public static byte[] Udp(bool v6, int payloadLength = 10, ushort srcPort = 5353, ushort dstPort = 53)
    {
        var udp = new UdpPacket(srcPort, dstPort) { PayloadData = Payload(payloadLength) };
        return Wrap(v6, udp, ProtocolType.Udp, t => ((UdpPacket)t).UpdateUdpChecksum());
    }

    public static byte[] IcmpEcho(bool v6, ushort id = 0x1234, ushort sequence = 7, int payloadLength = 16)
    {
        // Echo request: type 8 (ICMP) or 128 (ICMPv6), code 0, checksum, id, sequence, data.
        var bytes = new byte[8 + payloadLength];
        bytes[0] = v6 ? (byte)128 : (byte)8;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), sequence);
        Payload(payloadLength).CopyTo(bytes, 8);
        if (v6)
        {
            // PacketDotNet 1.4.8 computes ICMPv6 checksums wrongly (tshark disagrees), so use the RFC 4443 reference.
            var icmp = new IcmpV6Packet(new PacketDotNet.Utils.ByteArraySegment(bytes));
            byte[] frame = Wrap(true, icmp, ProtocolType.IcmpV6, _ => { });
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(54 + 2), 0);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(54 + 2), ReferenceIcmpv6Checksum(GuestV6, PeerV6, frame.AsSpan(54)));
            return frame;
        }

        var icmp4 = new IcmpV4Packet(new PacketDotNet.Utils.ByteArraySegment(bytes));
        return Wrap(false, icmp4, ProtocolType.Icmp, t => ((IcmpV4Packet)t).UpdateIcmpChecksum());
    }

    public static byte[] Arp()
    {
        // PacketDotNet's order: operation, target MAC, target IP, sender MAC, sender IP.
        var arp = new PacketDotNet.ArpPacket(PdnArpOperation.Request, PhysicalAddress.Parse("00-00-00-00-00-00"), IPAddress.Parse("10.0.0.1"), GuestMac, GuestV4);
        var eth = new EthernetPacket(GuestMac, PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF"), EthernetType.Arp) { PayloadPacket = arp };
        return eth.Bytes;
    }

    private static byte[] Wrap(bool v6, Packet transport, ProtocolType protocol, Action<Packet> updateChecksum)
    {
        IPPacket ip = v6 ? new IPv6Packet(GuestV6, PeerV6) : new IPv4Packet(GuestV4, PeerV4);
        ip.PayloadPacket = transport;
        ip.Protocol = protocol;
        if (ip is IPv6Packet ip6)
        {
            ip6.HopLimit = 64;
        }
        else
        {
            ip.TimeToLive = 64;
        }

        var eth = new EthernetPacket(GuestMac, PeerMac, v6 ? EthernetType.IPv6 : EthernetType.IPv4) { PayloadPacket = ip };
        eth.UpdateCalculatedValues();
        updateChecksum(transport);
        if (ip is IPv4Packet ip4)
        {
            ip4.UpdateIPChecksum();
        }

        return eth.Bytes;
    }

    /// <summary>
    /// RFC 1071 sum over the RFC 8200 §8.1 pseudo-header and <paramref name="message"/>, written the slow obvious way
    /// (independent of the code under test). Over a message that includes its checksum the result is 0.
    /// </summary>
    public static ushort ReferenceIcmpv6Checksum(IPAddress src, IPAddress dst, ReadOnlySpan<byte> message)
    {
        uint sum = 0;
        foreach (IPAddress address in new[] { src, dst })
        {
            byte[] bytes = address.GetAddressBytes();
            for (int i = 0; i < 16; i += 2)
            {
                sum += (uint)((bytes[i] << 8) | bytes[i + 1]);
            }
        }

        sum += (uint)message.Length + 58;
        for (int i = 0; i < message.Length; i += 2)
        {
            sum += (uint)((message[i] << 8) | (i + 1 < message.Length ? message[i + 1] : 0));
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Inserts an 802.1Q tag after the MAC addresses.</summary>
    public static byte[] WithVlan(byte[] frame, ushort tci, ushort tpid = 0x8100)
    {
        var tagged = new byte[frame.Length + 4];
        frame.AsSpan(0, 12).CopyTo(tagged);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(12), tpid);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), tci);
        frame.AsSpan(12).CopyTo(tagged.AsSpan(16));
        return tagged;
    }

    /// <summary>Appends Ethernet padding.</summary>
    public static byte[] Padded(byte[] frame, int length)
    {
        var padded = new byte[Math.Max(length, frame.Length)];
        frame.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>
    /// Wraps <paramref name="inner"/> in outer Ethernet/IPv6/UDP(6081)/Geneve written byte by byte from RFC 8926.
    /// <paramref name="options"/> is the raw option area (multiple of 4 bytes).
    /// </summary>
    public static byte[] Encapsulate(byte[] inner, uint vni = 77, ReadOnlySpan<byte> options = default, ushort entropy = 0xC0DE,
        ReadOnlySpan<byte> ipv6Extensions = default, byte firstExtension = 17)
    {
        int geneveLength = 8 + options.Length;
        int udpLength = 8 + geneveLength + inner.Length;
        int ipPayload = ipv6Extensions.Length + udpLength;
        var frame = new byte[14 + 40 + ipPayload];
        Span<byte> f = frame;
        // Outer Ethernet: MACs left zero as OPTE pushes them.
        BinaryPrimitives.WriteUInt16BigEndian(f.Slice(12), 0x86DD);
        Span<byte> ip = f.Slice(14);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(4), (ushort)ipPayload);
        ip[6] = ipv6Extensions.IsEmpty ? (byte)17 : firstExtension;
        ip[7] = 64;
        UnderlaySrc.TryWriteBytes(ip.Slice(8), out _);
        UnderlayDst.TryWriteBytes(ip.Slice(24), out _);
        ipv6Extensions.CopyTo(ip.Slice(40));
        Span<byte> udp = ip.Slice(40 + ipv6Extensions.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp, entropy);
        BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(2), 6081);
        BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(4), (ushort)udpLength);
        Span<byte> geneve = udp.Slice(8);
        geneve[0] = (byte)(options.Length / 4);
        BinaryPrimitives.WriteUInt16BigEndian(geneve.Slice(2), 0x6558);
        BinaryPrimitives.WriteUInt32BigEndian(geneve.Slice(4), vni << 8);
        options.CopyTo(geneve.Slice(8));
        inner.CopyTo(geneve.Slice(geneveLength));
        return frame;
    }

    /// <summary>One raw Geneve option.</summary>
    public static byte[] Option(ushort optionClass, byte type, ReadOnlySpan<byte> body)
    {
        var option = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(option, optionClass);
        option[2] = type;
        option[3] = (byte)(body.Length / 4);
        body.CopyTo(option.AsSpan(4));
        return option;
    }

    public static IpAddr Ip(IPAddress address) => IpAddr.From(address);

    public static MacAddress Mac(PhysicalAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        return MacAddress.Read(bytes);
    }

    /// <summary>
    /// The IPv4 frame with one 4-byte option (three NOPs and an end of list) after its fixed header: IHL 6, total length
    /// and header checksum updated, so the frame stays valid.
    /// </summary>
    public static byte[] WithIpv4Option(byte[] frame)
    {
        byte[] result = [.. frame.AsSpan(0, 34), 1, 1, 1, 0, .. frame.AsSpan(34)];
        result[14] = 0x46;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(16), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(16)) + 4));
        result[24] = result[25] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(24), InternetChecksum.Compute(result.AsSpan(14, 24)));
        return result;
    }

    /// <summary>Decodes with PacketDotNet and checks every checksum it knows (IPv4 header, TCP, UDP, ICMP, ICMPv6).</summary>
    public static void AssertChecksumsValid(ReadOnlySpan<byte> frame)
    {
        var packet = Packet.ParsePacket(LinkLayers.Ethernet, frame.ToArray());
        AssertPacketChecksums(packet);
        // Encapsulated: PacketDotNet does not know Geneve, so decode the inner frame from the UDP payload.
        var udp = packet.Extract<UdpPacket>();
        if (udp is not null && udp.DestinationPort == 6081)
        {
            byte[] geneve = udp.PayloadData;
            int geneveLength = 8 + (geneve[0] & 0x3F) * 4;
            var inner = Packet.ParsePacket(LinkLayers.Ethernet, geneve.AsSpan(geneveLength).ToArray());
            AssertPacketChecksums(inner);
        }
    }

    private static void AssertPacketChecksums(Packet packet)
    {
        if (packet.Extract<IPv4Packet>() is { } ip4)
        {
            Assert.True(ip4.ValidIPChecksum, "IPv4 header checksum");
        }

        if (packet.Extract<TcpPacket>() is { } tcp)
        {
            Assert.True(tcp.ValidTcpChecksum, "TCP checksum");
        }

        if (packet.Extract<UdpPacket>() is { } udp && udp.Checksum != 0)
        {
            Assert.True(udp.ValidUdpChecksum, "UDP checksum");
        }

        if (packet.Extract<IcmpV4Packet>() is { } icmp)
        {
            Assert.True(icmp.ValidIcmpChecksum, "ICMP checksum");
        }

        if (packet.Extract<IcmpV6Packet>() is { } icmp6 && icmp6.ParentPacket is IPv6Packet ip6)
        {
            // Not PacketDotNet's own check: its ICMPv6 checksum is wrong (see IcmpEcho).
            byte[] message = icmp6.Bytes;
            Assert.Equal(0, ReferenceIcmpv6Checksum(ip6.SourceAddress, ip6.DestinationAddress, message));
        }
    }
}
