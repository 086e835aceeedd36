using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>Builds test frames into a <see cref="PacketBuffer"/> with correct lengths and checksums.</summary>
public static class Frames
{
    public static void Tcp(PacketBuffer buffer, MacAddress srcMac, MacAddress dstMac, IpAddr src, IpAddr dst, ushort srcPort,
        ushort dstPort, TcpFlags flags, uint seq = 1000, uint ack = 0, int payload = 0)
    {
        buffer.Reset();
        var b = new FrameBuilder(buffer.WritableFromStart);
        IpHeaders(ref b, srcMac, dstMac, src, dst, IpProtocol.Tcp);
        b.Tcp(new TcpHeader(srcPort, dstPort, seq, ack, flags, 65535));
        b.Payload(payload).Fill(0x5A);
        Finish(buffer, ref b);
    }

    public static void Udp(PacketBuffer buffer, MacAddress srcMac, MacAddress dstMac, IpAddr src, IpAddr dst, ushort srcPort,
        ushort dstPort, int payload = 0)
    {
        buffer.Reset();
        var b = new FrameBuilder(buffer.WritableFromStart);
        IpHeaders(ref b, srcMac, dstMac, src, dst, IpProtocol.Udp);
        b.Udp(srcPort, dstPort);
        b.Payload(payload).Fill(0x5A);
        Finish(buffer, ref b);
    }

    public static void IcmpEcho(PacketBuffer buffer, MacAddress srcMac, MacAddress dstMac, IpAddr src, IpAddr dst, byte type,
        ushort id, ushort sequence = 1)
    {
        buffer.Reset();
        var b = new FrameBuilder(buffer.WritableFromStart);
        IpHeaders(ref b, srcMac, dstMac, src, dst, src.IsIpv4 ? IpProtocol.Icmp : IpProtocol.Icmpv6);
        b.Icmp(IcmpHeader.Echo(type, id, sequence));
        Finish(buffer, ref b);
    }

    public static void ArpRequest(PacketBuffer buffer, MacAddress senderMac, IpAddr senderIp, IpAddr targetIp)
    {
        buffer.Reset();
        var b = new FrameBuilder(buffer.WritableFromStart);
        b.Ethernet(new EthernetHeader(MacAddress.Broadcast, senderMac, (ushort)EtherType.Arp));
        b.Arp(new ArpPacket(ArpOperation.Request, senderMac, senderIp, MacAddress.Zero, targetIp));
        Finish(buffer, ref b);
    }

    /// <summary>Wraps the guest-style frame in <paramref name="buffer"/> in Ethernet/IPv6/UDP/Geneve, as it arrives from the network.</summary>
    public static void Encapsulate(PacketBuffer buffer, IpAddr underlaySrc, IpAddr underlayDst, uint vni)
    {
        if (!PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket parsed, out ParseError error))
        {
            throw new InvalidOperationException($"inner frame does not parse: {error}");
        }

        HeaderTransform encap = HeaderTransform.Encapsulate(
            EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
            IpTransform.PushIpv6(underlaySrc, underlayDst, IpProtocol.Udp),
            EncapTransform.Push(vni));
        TransformError result = HeaderTransformer.Apply(buffer, ref parsed, encap, parsed.FlowId.Hash());
        if (result != TransformError.None)
        {
            throw new InvalidOperationException($"encapsulation failed: {result}");
        }
    }

    private static void IpHeaders(ref FrameBuilder b, MacAddress srcMac, MacAddress dstMac, IpAddr src, IpAddr dst, IpProtocol protocol)
    {
        if (src.IsIpv4)
        {
            b.Ethernet(new EthernetHeader(dstMac, srcMac, (ushort)EtherType.Ipv4));
            b.Ipv4(new Ipv4Header(src, dst, protocol, 0));
        }
        else
        {
            b.Ethernet(new EthernetHeader(dstMac, srcMac, (ushort)EtherType.Ipv6));
            b.Ipv6(new Ipv6Header(src, dst, protocol, 0));
        }
    }

    private static void Finish(PacketBuffer buffer, ref FrameBuilder b)
    {
        if (!b.TryFinish(out int length) || !buffer.TrySetLength(length))
        {
            throw new InvalidOperationException("frame does not fit");
        }
    }
}
