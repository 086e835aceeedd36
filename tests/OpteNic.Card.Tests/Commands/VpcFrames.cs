using System.Buffers.Binary;
using OpteNic.Api.Net;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Card.Tests.Commands;

/// <summary>Guest and underlay frames for the command tests, built with the packet library's writers (lengths and checksums filled).</summary>
public static class VpcFrames
{
    public const int GeneveOffset = 14 + 40 + 8;
    public const int GeneveHeaderBytes = 8;

    /// <summary>The guest asks who has <paramref name="target"/> (broadcast ARP request).</summary>
    public static byte[] ArpRequest(MacAddr guestMac, Ipv4Addr guestIp, Ipv4Addr target)
    {
        var frame = new byte[64];
        var builder = new FrameBuilder(frame);
        builder.Ethernet(new EthernetHeader(MacAddress.Broadcast, new MacAddress(guestMac.Value), (ushort)EtherType.Arp));
        builder.Arp(new ArpPacket(ArpOperation.Request, new MacAddress(guestMac.Value), PacketIp.FromIpv4(guestIp.Value), MacAddress.Zero,
            PacketIp.FromIpv4(target.Value)));
        Assert.True(builder.TryFinish(out var length));
        return frame[..length];
    }

    /// <summary>A UDP/IPv4 frame with a stamped payload.</summary>
    public static byte[] Udp(MacAddr source, MacAddr destination, Ipv4Addr sourceIp, Ipv4Addr destinationIp, ushort sourcePort,
        ushort destinationPort, int payloadBytes = 32, byte stamp = 0)
    {
        var frame = new byte[14 + 20 + 8 + payloadBytes];
        var builder = new FrameBuilder(frame);
        builder.Ethernet(new EthernetHeader(new MacAddress(destination.Value), new MacAddress(source.Value), (ushort)EtherType.Ipv4));
        builder.Ipv4(new Ipv4Header(PacketIp.FromIpv4(sourceIp.Value), PacketIp.FromIpv4(destinationIp.Value), IpProtocol.Udp, 0));
        builder.Udp(sourcePort, destinationPort);
        var payload = builder.Payload(payloadBytes);
        for (var i = 0; i < payloadBytes; i++)
        {
            payload[i] = (byte)(stamp + i);
        }

        Assert.True(builder.TryFinish(out var length));
        return frame[..length];
    }

    /// <summary>
    /// <paramref name="inner"/> encapsulated as it arrives from the underlay: Ethernet, IPv6 (next header UDP), UDP to
    /// 6081 with checksum 0, Geneve (protocol 0x6558, <paramref name="vni"/>).
    /// </summary>
    public static byte[] Geneve(byte[] inner, Vni vni, Ipv6Addr source, Ipv6Addr destination, ushort entropy = 0xC001)
    {
        var frame = new byte[GeneveOffset + GeneveHeaderBytes + inner.Length];
        var span = frame.AsSpan();
        new MacAddress(0x02_4F_50_54_45_00).WriteTo(span);
        new MacAddress(0x02_4F_50_54_45_FE).WriteTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x86DD);
        var ip = span[14..];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(8 + GeneveHeaderBytes + inner.Length));
        ip[6] = 17;
        ip[7] = 255;
        BinaryPrimitives.WriteUInt128BigEndian(ip[8..], source.Value);
        BinaryPrimitives.WriteUInt128BigEndian(ip[24..], destination.Value);
        var udp = span[(14 + 40)..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, entropy);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6081);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + GeneveHeaderBytes + inner.Length));
        var geneve = span[GeneveOffset..];
        BinaryPrimitives.WriteUInt16BigEndian(geneve[2..], 0x6558);
        geneve[4] = (byte)(vni.Value >> 16);
        geneve[5] = (byte)(vni.Value >> 8);
        geneve[6] = (byte)vni.Value;
        inner.CopyTo(span[(GeneveOffset + GeneveHeaderBytes)..]);
        return frame;
    }

    public static MacAddr MacAt(byte[] frame, int offset) => MacAddr.FromBytes(frame.AsSpan(offset, 6));

    public static Ipv6Addr Ipv6At(byte[] frame, int offset) => new(BinaryPrimitives.ReadUInt128BigEndian(frame.AsSpan(offset, 16)));

    public static uint VniOf(byte[] frame) =>
        ((uint)frame[GeneveOffset + 4] << 16) | ((uint)frame[GeneveOffset + 5] << 8) | frame[GeneveOffset + 6];

    /// <summary>Where the inner Ethernet frame starts (after the Geneve header and its options).</summary>
    public static int InnerOffset(byte[] frame) => GeneveOffset + GeneveHeaderBytes + ((frame[GeneveOffset] & 0x3F) * 4);
}
