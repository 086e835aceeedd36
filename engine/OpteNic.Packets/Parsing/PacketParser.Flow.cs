using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Headers;
using static OpteNic.Packets.NetworkOrder;

namespace OpteNic.Packets.Parsing;

public static partial class PacketParser
{
    /// <summary>
    /// Reads the flow and inner header offsets of <paramref name="frame"/> when it is one of the common stacks: untagged
    /// Ethernet → IPv4 without options (not a fragment) or IPv6 without extension headers → TCP or UDP, and in
    /// <see cref="ParseMode.Inbound"/> that inner frame inside untagged Ethernet → IPv6 without extension headers → UDP →
    /// Geneve (with valid options, if any). False (nothing is wrong with the frame) for anything else, malformed frames included: the
    /// caller then runs the full parse, which names the problem. Whenever this returns true, the full parse accepts the
    /// frame and agrees on every value in <paramref name="headers"/>; it just does the least work a UFT hit needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFlow(ReadOnlySpan<byte> frame, ParseMode mode, out FlowHeaders headers) =>
        TryParseFlow(frame, mode, out headers, out _);

    /// <summary>
    /// As <see cref="TryParseFlow(ReadOnlySpan{byte}, ParseMode, out FlowHeaders)"/>, also handing back
    /// <see cref="FlowHeaders.Hash"/> on its own: a caller that goes straight to the table lookup can keep it in a
    /// register instead of waiting for it to be written into <paramref name="headers"/> and read back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFlow(ReadOnlySpan<byte> frame, ParseMode mode, out FlowHeaders headers, out uint hash)
    {
        ref byte origin = ref MemoryMarshal.GetReference(frame);
        int start = 0;
        int end = frame.Length;
        if (mode == ParseMode.Inbound && !TryParsePlainGeneve(ref origin, ref start, ref end))
        {
            Unsafe.SkipInit(out headers);
            hash = 0;
            return false;
        }

        return TryParseFlowInner(ref origin, start, end, out headers, out hash);
    }

    /// <summary>
    /// Outer Ethernet → IPv6 → UDP 6081 → Geneve, with the full parse's checks (options are validated by the same code as
    /// there); on success the inner frame is [<paramref name="start"/>, <paramref name="end"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParsePlainGeneve(ref byte origin, ref int start, ref int end)
    {
        const int ipOffset = EthernetHeader.BaseLength;
        const int udpOffset = ipOffset + Ipv6Header.Length;
        const int geneveOffset = udpOffset + UdpHeader.Length;
        const int optionsOffset = geneveOffset + GeneveHeader.BaseLength;
        int frameEnd = end;
        if (frameEnd < optionsOffset)
        {
            return false;
        }

        // SAFETY: frameEnd >= 70 covers the fixed outer stack read below (Ethernet type, IPv6 header, UDP, Geneve base).
        if (Read16(ref origin, 12) != (ushort)EtherType.Ipv6 || (Unsafe.Add(ref origin, ipOffset) >> 4) != 6 ||
            Unsafe.Add(ref origin, ipOffset + 6) != (byte)IpProtocol.Udp)
        {
            return false;
        }

        int ipEnd = udpOffset + Read16(ref origin, ipOffset + 4);
        int udpLength = Read16(ref origin, udpOffset + 4);
        int udpEnd = udpOffset + udpLength;
        byte first = Unsafe.Add(ref origin, geneveOffset);
        int innerOffset = optionsOffset + ((first & 0x3F) * 4);
        // The IPv6 payload inside the frame, the UDP datagram inside it and holding Geneve's header with its options;
        // Geneve version 0, not OAM, carrying Ethernet.
        if (ipEnd > frameEnd || udpEnd > ipEnd || udpEnd < innerOffset || Read16(ref origin, udpOffset + 2) != GenevePort ||
            (first >> 6) != 0 || (Unsafe.Add(ref origin, geneveOffset + 1) & 0x80) != 0 ||
            Read16(ref origin, geneveOffset + 2) != (ushort)EtherType.TransparentEthernetBridging)
        {
            return false;
        }

        // SAFETY: the option area [optionsOffset, innerOffset) lies inside the UDP datagram (checked above).
        if (innerOffset != optionsOffset &&
            ParseGeneveOptions(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref origin, optionsOffset), innerOffset - optionsOffset), out _) != ParseError.None)
        {
            return false;
        }

        start = innerOffset;
        end = udpEnd;
        return true;
    }

    /// <summary>The inner Ethernet → IPv4/IPv6 → TCP/UDP stack in [<paramref name="start"/>, <paramref name="end"/>), with the full parse's checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseFlowInner(ref byte origin, int start, int end, out FlowHeaders headers, out uint hash)
    {
        Unsafe.SkipInit(out headers);
        hash = 0;
        int ipOffset = start + EthernetHeader.BaseLength;
        int available = end - ipOffset;
        if (available < Ipv4Header.Length)
        {
            return false;
        }

        // SAFETY: end - ipOffset >= 20 covers the Ethernet type and the 20-byte IPv4 header (or IPv6's first 20 bytes).
        ushort etherType = Read16(ref origin, ipOffset - 2);
        int ipEnd;
        int ulpOffset;
        IpProtocol protocol;
        IpAddr src;
        IpAddr dst;
        byte version;
        if (etherType == (ushort)EtherType.Ipv4)
        {
            // Two wide loads cover the fixed header up to the source address: version/IHL, TOS, total length, id,
            // flags/fragment offset; then TTL, protocol, checksum, source.
            ulong first = Read64(ref origin, ipOffset);
            ulong second = Read64(ref origin, ipOffset + 8);
            int totalLength = (int)(first >> 32) & 0xFFFF;
            // Version 4 with a 20-byte header, a length inside the frame, and neither a fragment nor a later one.
            if ((first >> 56) != 0x45 || totalLength < Ipv4Header.Length || totalLength > available || (first & 0x3FFF) != 0)
            {
                return false;
            }

            protocol = (IpProtocol)(byte)(second >> 48);
            src = IpAddr.FromIpv4((uint)second);
            dst = IpAddr.FromIpv4(Read32(ref origin, ipOffset + 16));
            ipEnd = ipOffset + totalLength;
            ulpOffset = ipOffset + Ipv4Header.Length;
            version = 4;
        }
        else if (etherType == (ushort)EtherType.Ipv6)
        {
            if (available < Ipv6Header.Length || (Unsafe.Add(ref origin, ipOffset) >> 4) != 6)
            {
                return false;
            }

            // SAFETY: the 40-byte fixed header lies inside [start, end) (checked above).
            int payloadLength = Read16(ref origin, ipOffset + 4);
            if (payloadLength > available - Ipv6Header.Length)
            {
                return false;
            }

            protocol = (IpProtocol)Unsafe.Add(ref origin, ipOffset + 6);
            src = ReadIpv6(ref origin, ipOffset + 8);
            dst = ReadIpv6(ref origin, ipOffset + 24);
            ulpOffset = ipOffset + Ipv6Header.Length;
            ipEnd = ulpOffset + payloadLength;
            version = 6;
        }
        else
        {
            return false;
        }

        TcpFlags flags = 0;
        uint ports;
        uint seq = 0;
        uint ack = 0;
        int room = ipEnd - ulpOffset;
        if (protocol == IpProtocol.Tcp)
        {
            // SAFETY: the 20-byte fixed TCP header, then its options, lie inside the datagram (ipEnd <= end).
            if (room < TcpHeader.BaseLength)
            {
                return false;
            }

            int headerLength = (Unsafe.Add(ref origin, ulpOffset + 12) >> 4) * 4;
            if (headerLength < TcpHeader.BaseLength || headerLength > room)
            {
                return false;
            }

            ulong portsAndSeq = Read64(ref origin, ulpOffset);
            ports = (uint)(portsAndSeq >> 32);
            seq = (uint)portsAndSeq;
            ack = Read32(ref origin, ulpOffset + 8);
            flags = (TcpFlags)Unsafe.Add(ref origin, ulpOffset + 13);
        }
        else if (protocol == IpProtocol.Udp)
        {
            // SAFETY: the 8-byte UDP header lies inside the datagram.
            if (room < UdpHeader.Length)
            {
                return false;
            }

            ulong udp = Read64(ref origin, ulpOffset);
            int udpLength = (int)(udp >> 16) & 0xFFFF;
            if (udpLength < UdpHeader.Length || udpLength > room)
            {
                return false;
            }

            ports = (uint)(udp >> 32);
        }
        else
        {
            return false;
        }

        ulong tail = InnerFlowId.Tail(protocol, (ushort)(ports >> 16), (ushort)ports);
        hash = InnerFlowId.Hash(src.High, src.Low, dst.High, dst.Low, tail);
        headers.Hash = hash;
        headers.Flow = new InnerFlowId(protocol, src, dst, (ushort)(ports >> 16), (ushort)ports);
        headers.EtherOffset = start;
        headers.IpOffset = ipOffset;
        headers.UlpOffset = ulpOffset;
        headers.Length = ipEnd;
        headers.IpVersion = version;
        headers.TcpFlags = flags;
        headers.TcpSeq = seq;
        headers.TcpAck = ack;
        return true;
    }
}
