using System.Buffers.Binary;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Vpc.Hairpins;

namespace OpteNic.Vpc.State;

/// <summary>
/// Builds the packets a state import runs through the destination port to rebuild a flow: the frame the guest would
/// send (outbound: guest MAC → gateway MAC) or the Geneve-encapsulated frame the underlay would deliver (inbound). They
/// are processed but never emitted. TCP segments are bare ACKs carrying the exported sequence numbers, which the engine's
/// TCP tracking accepts as a mid-stream first segment; the exported state is set afterwards.
/// </summary>
internal static class SyntheticFrames
{
    /// <summary>Largest frame built: outer Ethernet/IPv6/UDP/Geneve + External option + inner Ethernet/IPv6/TCP.</summary>
    public const int MaxLength = 14 + 40 + 8 + 8 + 4 + 14 + 40 + 20;

    private const ushort GenevePort = 6081;
    private const ushort TransparentEthernetBridging = 0x6558;
    private const byte TcpAck = 0x10;

    /// <summary>The guest's packet of <paramref name="flow"/> (the guest flow id); returns its length.</summary>
    public static int WriteOutbound(Span<byte> frame, MacAddress guestMac, MacAddress gatewayMac, in InnerFlowId flow, TcpConnectionState? tcp)
        => WriteInner(frame, gatewayMac, guestMac, in flow, tcp is { } t ? (t.GuestSeq, t.GuestAck) : (0u, 0u));

    /// <summary>
    /// The underlay frame carrying <paramref name="wireFlow"/> (the flow as it arrives, pre-NAT) to this port: Geneve
    /// with <paramref name="vni"/>, and the External option when the remote is behind boundary services.
    /// </summary>
    public static int WriteInbound(Span<byte> frame, IpAddr outerSource, IpAddr outerDestination, uint vni, bool external, MacAddress innerSource,
        MacAddress guestMac, in InnerFlowId wireFlow, TcpConnectionState? tcp)
    {
        int optionLength = external ? 4 : 0;
        int outer = 14 + 40 + 8 + 8 + optionLength;
        int inner = WriteInner(frame[outer..], guestMac, innerSource, in wireFlow, tcp is { } t ? (t.RemoteSeq, t.RemoteAck) : (0u, 0u));
        FrameWriter.WriteEthernet(frame, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], (ushort)EtherType.Ipv6);
        Span<byte> source = stackalloc byte[16];
        Span<byte> destination = stackalloc byte[16];
        outerSource.WriteIpv6To(source);
        outerDestination.WriteIpv6To(destination);
        int udpLength = 8 + 8 + optionLength + inner;
        FrameWriter.WriteIpv6(frame[14..], source, destination, FrameWriter.ProtocolUdp, udpLength, 64);
        FrameWriter.WriteUdp(frame[54..], (ushort)(0xC000 | (wireFlow.Hash() & 0x3FFF)), GenevePort, udpLength - 8);
        Span<byte> geneve = frame[62..];
        geneve[0] = (byte)(optionLength / 4);
        geneve[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(geneve[2..], TransparentEthernetBridging);
        geneve[4] = (byte)(vni >> 16);
        geneve[5] = (byte)(vni >> 8);
        geneve[6] = (byte)vni;
        geneve[7] = 0;
        if (external)
        {
            BinaryPrimitives.WriteUInt16BigEndian(geneve[8..], GeneveOptions.OxideClass);
            geneve[10] = GeneveOptions.ExternalType;
            geneve[11] = 0;
        }

        return outer + inner;
    }

    private static int WriteInner(Span<byte> frame, MacAddress destinationMac, MacAddress sourceMac, in InnerFlowId flow, (uint Seq, uint Ack) tcp)
    {
        bool v4 = flow.IsIpv4;
        int l4Length = flow.Protocol switch
        {
            IpProtocol.Tcp => 20,
            _ => 8,
        };
        Span<byte> macs = stackalloc byte[12];
        destinationMac.WriteTo(macs);
        sourceMac.WriteTo(macs[6..]);
        FrameWriter.WriteEthernet(frame, macs[..6], macs[6..], (ushort)(v4 ? EtherType.Ipv4 : EtherType.Ipv6));
        Span<byte> source = stackalloc byte[16];
        Span<byte> destination = stackalloc byte[16];
        int ipLength;
        if (v4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(source, flow.Src.Ipv4);
            BinaryPrimitives.WriteUInt32BigEndian(destination, flow.Dst.Ipv4);
            FrameWriter.WriteIpv4(frame[14..], source[..4], destination[..4], (byte)flow.Protocol, l4Length, 64);
            ipLength = FrameWriter.Ipv4HeaderLength;
        }
        else
        {
            flow.Src.WriteIpv6To(source);
            flow.Dst.WriteIpv6To(destination);
            FrameWriter.WriteIpv6(frame[14..], source, destination, (byte)flow.Protocol, l4Length, 64);
            ipLength = FrameWriter.Ipv6HeaderLength;
        }

        Span<byte> l4 = frame.Slice(14 + ipLength, l4Length);
        l4.Clear();
        switch (flow.Protocol)
        {
            case IpProtocol.Tcp:
                BinaryPrimitives.WriteUInt16BigEndian(l4, flow.SrcPort);
                BinaryPrimitives.WriteUInt16BigEndian(l4[2..], flow.DstPort);
                BinaryPrimitives.WriteUInt32BigEndian(l4[4..], tcp.Seq);
                BinaryPrimitives.WriteUInt32BigEndian(l4[8..], tcp.Ack);
                l4[12] = 5 << 4;
                l4[13] = TcpAck;
                BinaryPrimitives.WriteUInt16BigEndian(l4[14..], 65535);
                break;
            case IpProtocol.Udp:
                FrameWriter.WriteUdp(l4, flow.SrcPort, flow.DstPort, 0);
                break;
            default:
                // ICMP / ICMPv6: type and code in the first word, echo identifier in the second.
                l4[0] = (byte)(flow.SrcPort >> 8);
                l4[1] = (byte)flow.SrcPort;
                BinaryPrimitives.WriteUInt16BigEndian(l4[4..], flow.DstPort);
                break;
        }

        return 14 + ipLength + l4Length;
    }
}
