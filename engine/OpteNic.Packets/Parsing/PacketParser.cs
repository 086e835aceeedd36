using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Headers;
using static OpteNic.Packets.NetworkOrder;

namespace OpteNic.Packets.Parsing;

/// <summary>
/// Zero-copy, allocation-free parser for the header stacks of <see cref="ParseMode"/>. Never throws on wire input: a
/// malformed frame yields false and one <see cref="ParseError"/>. Checksums are not verified (the card or the peer
/// does that); lengths, versions and Geneve options are (behaviour §2).
/// </summary>
/// <remarks>
/// Performance: the common stacks (untagged Ethernet → IPv4/IPv6 without extension headers → TCP/UDP, and the
/// Geneve underlay around them) run as straight-line code over a <c>ref byte</c> with one unsigned length check per
/// header and single MOVBE loads per field; VLAN tags, IPv6 extension headers, Geneve options and ARP live in
/// out-of-line helpers. Every field read is preceded by a check that its header lies inside the frame (the
/// "SAFETY" comments name the check), which is what makes the unchecked loads sound.
/// </remarks>
public static partial class PacketParser
{
    /// <summary>The IANA UDP port for Geneve (RFC 8926).</summary>
    public const ushort GenevePort = 6081;

    /// <summary>Most VLAN tags accepted in front of the Ethernet type (802.1ad outer + 802.1Q inner).</summary>
    public const int MaxVlanTags = 2;

    /// <summary>Most IPv6 extension headers walked before the frame is refused.</summary>
    public const int MaxIpv6ExtensionHeaders = 8;

    /// <summary>Parses <paramref name="frame"/>; on failure counts the reason in <paramref name="drops"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, ParseMode mode, ParseDropCounters drops, out ParsedPacket packet)
    {
        if (TryParse(frame, mode, out packet, out ParseError error))
        {
            return true;
        }

        drops.Count(error);
        return false;
    }

    /// <summary>Parses <paramref name="frame"/> in <paramref name="mode"/>. False with a reason when it is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, ParseMode mode, out ParsedPacket packet, out ParseError error)
    {
        packet = default;
        packet.Mode = mode;
        ref byte origin = ref MemoryMarshal.GetReference(frame);
        int innerStart = 0;
        int innerEnd = frame.Length;
        if (mode == ParseMode.Inbound)
        {
            error = ParseOuter(ref origin, frame.Length, ref packet, out innerStart, out innerEnd);
            if (error != ParseError.None)
            {
                return false;
            }
        }

        // Every later check compares against innerEnd, which never exceeds frame.Length (ParseOuter keeps the inner
        // frame inside the outer UDP datagram, itself inside the IPv6 payload length, itself inside the frame).
        error = ParseInner(ref origin, innerStart, innerEnd, ref packet);
        return error == ParseError.None;
    }

    /// <summary>Which error a header of <paramref name="need"/> bytes at <paramref name="offset"/> gets when it does not fit its container.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseError Fits(int offset, int need, int containerEnd, int frameEnd)
    {
        if (offset + need <= containerEnd)
        {
            return ParseError.None;
        }

        return offset + need > frameEnd ? ParseError.Truncated : ParseError.Straddled;
    }

    private static ParseError ParseOuter(ref byte origin, int frameEnd, ref ParsedPacket packet, out int innerStart, out int innerEnd)
    {
        innerStart = 0;
        innerEnd = 0;
        if (frameEnd < EthernetHeader.BaseLength)
        {
            return ParseError.Truncated;
        }

        // SAFETY: frameEnd >= 14 was checked, so bytes 0..13 (both MACs, read eight bytes wide, and the type) exist.
        ushort etherType = Read16(ref origin, 12);
        int etherLength = EthernetHeader.BaseLength;
        if (etherType is (ushort)EtherType.Vlan or (ushort)EtherType.QinQ)
        {
            ParseError vlanError = SkipVlanTags(ref origin, frameEnd, ref etherType, ref etherLength, out _, out _);
            if (vlanError != ParseError.None)
            {
                return vlanError;
            }
        }

        packet._outer.EtherOffset = 0;
        packet._outer.EtherLength = (ushort)etherLength;
        packet._outer.EtherDst = ReadMacWide(ref origin, 0);
        packet._outer.EtherSrc = ReadMacWide(ref origin, 6);
        if (etherType != (ushort)EtherType.Ipv6)
        {
            return ParseError.UnwantedProtocol;
        }

        int ipOffset = etherLength;
        ParseError error = ParseIpv6Fixed(ref origin, ipOffset, frameEnd, out int ipEnd, out byte nextHeader, out _);
        if (error != ParseError.None)
        {
            return error;
        }

        int headerEnd = ipOffset + Ipv6Header.Length;
        bool fragment = false;
        if (IsIpv6ExtensionHeader(nextHeader))
        {
            error = WalkIpv6Extensions(ref origin, ipOffset, ipEnd, frameEnd, ref nextHeader, out headerEnd, out _, out fragment, out _);
            if (error != ParseError.None)
            {
                return error;
            }
        }

        // SAFETY: ParseIpv6Fixed checked the 40-byte fixed header lies inside the frame.
        packet._outer.IpOffset = (ushort)ipOffset;
        packet._outer.IpLength = (ushort)(headerEnd - ipOffset);
        packet._outer.IpVersion = 6;
        packet._outer.IpSrc = ReadIpv6(ref origin, ipOffset + 8);
        packet._outer.IpDst = ReadIpv6(ref origin, ipOffset + 24);
        if (nextHeader != (byte)IpProtocol.Udp || fragment)
        {
            // A fragmented underlay packet cannot be decapsulated without reassembly, which OPTE never does.
            return fragment ? ParseError.Reject : ParseError.UnwantedProtocol;
        }

        int udpOffset = headerEnd;
        error = Fits(udpOffset, UdpHeader.Length, ipEnd, frameEnd);
        if (error != ParseError.None)
        {
            return error;
        }

        // SAFETY: Fits checked udpOffset + 8 <= ipEnd <= frameEnd.
        ref byte udp = ref Unsafe.Add(ref origin, udpOffset);
        int udpLength = Read16(ref udp, 4);
        if (udpLength < UdpHeader.Length || udpLength > ipEnd - udpOffset)
        {
            return ParseError.BadLength;
        }

        if (Read16(ref udp, 2) != GenevePort)
        {
            return ParseError.UnwantedProtocol;
        }

        packet._outer.UdpOffset = (ushort)udpOffset;
        packet._outer.UdpSrcPort = Read16(ref udp, 0);
        int udpEnd = udpOffset + udpLength;
        int geneveOffset = udpOffset + UdpHeader.Length;
        error = ParseGeneve(ref origin, geneveOffset, udpEnd, frameEnd, ref packet, out int geneveLength);
        if (error != ParseError.None)
        {
            return error;
        }

        packet._outer.IsEncapsulated = true;
        innerStart = geneveOffset + geneveLength;
        innerEnd = udpEnd;
        return ParseError.None;
    }

    private static ParseError ParseGeneve(ref byte origin, int offset, int containerEnd, int frameEnd, ref ParsedPacket packet, out int length)
    {
        length = 0;
        ParseError error = Fits(offset, GeneveHeader.BaseLength, containerEnd, frameEnd);
        if (error != ParseError.None)
        {
            return error;
        }

        // SAFETY: Fits checked the 8-byte base header lies inside the frame.
        ref byte header = ref Unsafe.Add(ref origin, offset);
        byte first = header;
        if ((first >> 6) != 0)
        {
            return ParseError.IllegalValue;
        }

        if ((Unsafe.Add(ref header, 1) & 0x80) != 0)
        {
            // OAM frames are control traffic for the tunnel endpoint, not guest data.
            return ParseError.Reject;
        }

        if (Read16(ref header, 2) != (ushort)EtherType.TransparentEthernetBridging)
        {
            return ParseError.UnwantedProtocol;
        }

        int optionsLength = (first & 0x3F) * 4;
        error = Fits(offset + GeneveHeader.BaseLength, optionsLength, containerEnd, frameEnd);
        if (error != ParseError.None)
        {
            return error;
        }

        GeneveOptions options = default;
        if (optionsLength != 0)
        {
            // SAFETY: Fits checked the option area lies inside the frame.
            ReadOnlySpan<byte> area = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref header, GeneveHeader.BaseLength), optionsLength);
            error = ParseGeneveOptions(area, out options);
            if (error != ParseError.None)
            {
                return error;
            }
        }

        length = GeneveHeader.BaseLength + optionsLength;
        packet._outer.GeneveOffset = (ushort)offset;
        packet._outer.GeneveLength = (ushort)length;
        packet._outer.GeneveVni = Read32(ref header, 4) >> 8;
        packet._outer.GeneveOptions = options;
        return ParseError.None;
    }

    /// <summary>Reads the Oxide options out of a Geneve option area; unknown non-critical options are skipped.</summary>
    internal static ParseError ParseGeneveOptions(ReadOnlySpan<byte> area, out GeneveOptions options)
    {
        options = default;
        bool external = false;
        bool multicast = false;
        MulticastReplication replication = default;
        bool hasMss = false;
        uint mss = 0;
        int position = 0;
        while (position < area.Length)
        {
            if (area.Length - position < 4)
            {
                return ParseError.BadTunnelOption;
            }

            ushort optionClass = BinaryPrimitives.ReadUInt16BigEndian(area.Slice(position));
            byte type = area[position + 2];
            int bodyLength = (area[position + 3] & 0x1F) * 4;
            int bodyOffset = position + 4;
            if (bodyLength > area.Length - bodyOffset)
            {
                return ParseError.BadTunnelOption;
            }

            ReadOnlySpan<byte> body = area.Slice(bodyOffset, bodyLength);
            bool critical = (type & GeneveOptions.CriticalBit) != 0;
            if (optionClass == GeneveOptions.OxideClass)
            {
                switch (type & 0x7F)
                {
                    case GeneveOptions.ExternalType:
                        if (bodyLength != 0)
                        {
                            return ParseError.BadTunnelOption;
                        }

                        external = true;
                        break;
                    case GeneveOptions.MulticastType:
                        if (bodyLength != 4 || (body[0] >> 6) > (int)MulticastReplication.Both)
                        {
                            return ParseError.BadTunnelOption;
                        }

                        multicast = true;
                        replication = (MulticastReplication)(body[0] >> 6);
                        break;
                    case GeneveOptions.MssType:
                        if (bodyLength != 4)
                        {
                            return ParseError.BadTunnelOption;
                        }

                        hasMss = true;
                        mss = BinaryPrimitives.ReadUInt32BigEndian(body);
                        break;
                    default:
                        if (critical)
                        {
                            return ParseError.BadTunnelOption;
                        }

                        break;
                }
            }
            else if (critical)
            {
                return ParseError.BadTunnelOption;
            }

            position = bodyOffset + bodyLength;
        }

        options = new GeneveOptions
        {
            External = external,
            HasMulticast = multicast,
            Replication = replication,
            HasMss = hasMss,
            Mss = mss,
        };
        return ParseError.None;
    }

    /// <summary>
    /// Walks 802.1Q/802.1ad tags after the MAC addresses of the Ethernet header at <paramref name="ethernet"/>
    /// (<paramref name="available"/> bytes of frame from there). Out of line: tagged frames are the exception.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseError SkipVlanTags(ref byte ethernet, int available, ref ushort etherType, ref int length, out byte vlanCount,
        out ushort vlanTci)
    {
        vlanCount = 0;
        vlanTci = 0;
        int typeOffset = 12;
        while (etherType is (ushort)EtherType.Vlan or (ushort)EtherType.QinQ)
        {
            if (vlanCount == MaxVlanTags)
            {
                return ParseError.Reject;
            }

            if (available < typeOffset + 6)
            {
                return ParseError.Truncated;
            }

            // SAFETY: available >= typeOffset + 6 covers the tag control word and the next type.
            if (vlanCount == 0)
            {
                vlanTci = Read16(ref ethernet, typeOffset + 2);
            }

            vlanCount++;
            typeOffset += 4;
            etherType = Read16(ref ethernet, typeOffset);
        }

        length = typeOffset + 2;
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseError ParseIpv6Fixed(ref byte origin, int offset, int frameEnd, out int ipEnd, out byte nextHeader, out byte hopLimit)
    {
        ipEnd = 0;
        nextHeader = 0;
        hopLimit = 0;
        if (frameEnd - offset < Ipv6Header.Length)
        {
            return ParseError.Truncated;
        }

        // SAFETY: the 40-byte fixed header lies inside the frame (checked above).
        ref byte header = ref Unsafe.Add(ref origin, offset);
        if ((header >> 4) != 6)
        {
            return ParseError.IllegalValue;
        }

        int payloadLength = Read16(ref header, 4);
        if (payloadLength > frameEnd - offset - Ipv6Header.Length)
        {
            return ParseError.BadLength;
        }

        ipEnd = offset + Ipv6Header.Length + payloadLength;
        nextHeader = Unsafe.Add(ref header, 6);
        hopLimit = Unsafe.Add(ref header, 7);
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIpv6ExtensionHeader(byte nextHeader) =>
        nextHeader is (byte)IpProtocol.HopByHop or (byte)IpProtocol.Ipv6Routing or (byte)IpProtocol.Ipv6DestinationOptions or
            (byte)IpProtocol.Ipv6Fragment;

    /// <summary>
    /// Walks hop-by-hop, routing, destination-options and fragment headers. On return <paramref name="nextHeader"/> is
    /// the upper-layer protocol, <paramref name="headerEnd"/> where it starts, and <paramref name="protocolFieldOffset"/>
    /// the byte that names it. Out of line: most packets carry no extension header.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseError WalkIpv6Extensions(ref byte origin, int ipOffset, int ipEnd, int frameEnd, ref byte nextHeader,
        out int headerEnd, out int protocolFieldOffset, out bool fragment, out bool laterFragment)
    {
        int position = ipOffset + Ipv6Header.Length;
        protocolFieldOffset = ipOffset + 6;
        fragment = false;
        laterFragment = false;
        headerEnd = position;
        for (int count = 0; ; count++)
        {
            int length;
            switch (nextHeader)
            {
                case (byte)IpProtocol.HopByHop:
                case (byte)IpProtocol.Ipv6Routing:
                case (byte)IpProtocol.Ipv6DestinationOptions:
                {
                    ParseError error = Fits(position, 2, ipEnd, frameEnd);
                    if (error != ParseError.None)
                    {
                        return error;
                    }

                    // SAFETY: Fits checked position + 2 <= ipEnd <= frameEnd.
                    length = (Unsafe.Add(ref origin, position + 1) + 1) * 8;
                    error = Fits(position, length, ipEnd, frameEnd);
                    if (error != ParseError.None)
                    {
                        return error;
                    }

                    break;
                }

                case (byte)IpProtocol.Ipv6Fragment:
                {
                    length = 8;
                    ParseError error = Fits(position, length, ipEnd, frameEnd);
                    if (error != ParseError.None)
                    {
                        return error;
                    }

                    fragment = true;
                    // SAFETY: Fits checked the 8-byte fragment header lies inside the frame.
                    if ((Read16(ref origin, position + 2) & 0xFFF8) != 0)
                    {
                        laterFragment = true;
                    }

                    break;
                }

                default:
                    headerEnd = position;
                    return ParseError.None;
            }

            if (count == MaxIpv6ExtensionHeaders)
            {
                return ParseError.Reject;
            }

            protocolFieldOffset = position;
            // SAFETY: every case above checked at least two bytes at position.
            nextHeader = Unsafe.Add(ref origin, position);
            position += length;
        }
    }

    private static ParseError ParseInner(ref byte origin, int start, int end, ref ParsedPacket packet)
    {
        int available = end - start;
        if (available < EthernetHeader.BaseLength)
        {
            return ParseError.Truncated;
        }

        // SAFETY: 14 bytes from start lie inside the frame: both MACs (read eight bytes wide, ending at byte 13) and the type.
        // Offsets below are stored relative to the inner Ethernet header (see ParsedPacket), as "x - start".
        ref byte ethernet = ref Unsafe.Add(ref origin, start);
        ushort etherType = Read16(ref ethernet, 12);
        int etherLength = EthernetHeader.BaseLength;
        if (etherType is (ushort)EtherType.Vlan or (ushort)EtherType.QinQ)
        {
            // Copies, so that etherType and etherLength themselves stay in registers on the untagged path.
            ushort taggedType = etherType;
            int taggedLength = etherLength;
            ParseError vlanError = SkipVlanTags(ref ethernet, available, ref taggedType, ref taggedLength, out byte vlanCount, out ushort vlanTci);
            if (vlanError != ParseError.None)
            {
                return vlanError;
            }

            etherType = taggedType;
            etherLength = taggedLength;
            packet.VlanCount = vlanCount;
            packet.VlanTci = vlanTci;
        }

        packet._etherOffset = start;
        packet.EtherLength = etherLength;
        packet.EtherDst = ReadMacWide(ref ethernet, 0);
        packet.EtherSrc = ReadMacWide(ref ethernet, 6);
        packet.EtherType = etherType;
        int l3Offset = start + etherLength;
        ParseError error;
        int ulpOffset;
        int ipEnd;
        IpProtocol protocol;
        bool laterFragment;
        if (etherType == (ushort)EtherType.Ipv4)
        {
            error = ParseIpv4(ref origin, start, l3Offset, end, ref packet, out ulpOffset, out ipEnd, out protocol, out laterFragment);
        }
        else if (etherType == (ushort)EtherType.Ipv6)
        {
            error = ParseIpv6(ref origin, start, l3Offset, end, ref packet, out ulpOffset, out ipEnd, out protocol, out laterFragment);
        }
        else if (etherType == (ushort)EtherType.Arp)
        {
            return ParseArp(ref origin, start, l3Offset, end, ref packet);
        }
        else
        {
            // Not IP: the layers decide (most deny). The rest of the frame is body.
            packet._bodyOffsetFromEther = l3Offset - start;
            packet.BodyLength = end - l3Offset;
            packet._lengthFromEther = end - start;
            return ParseError.None;
        }

        if (error != ParseError.None)
        {
            return error;
        }

        packet._lengthFromEther = ipEnd - start;
        return ParseUlp(ref origin, start, ulpOffset, ipEnd, end, protocol, laterFragment, ref packet);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseError ParseArp(ref byte origin, int start, int offset, int end, ref ParsedPacket packet)
    {
        if (end - offset < ArpPacket.Length)
        {
            return ParseError.Truncated;
        }

        // SAFETY: the 28-byte ARP packet lies inside the frame; the wide MAC reads end at bytes 15 and 25.
        ref byte arp = ref Unsafe.Add(ref origin, offset);
        if (Read16(ref arp, 0) != 1 || Read16(ref arp, 2) != (ushort)EtherType.Ipv4 || Unsafe.Add(ref arp, 4) != 6 ||
            Unsafe.Add(ref arp, 5) != 4)
        {
            return ParseError.IllegalValue;
        }

        packet.IsArp = true;
        packet._arpOffsetFromEther = offset - start;
        packet.ArpOperation = (ArpOperation)Read16(ref arp, 6);
        packet.ArpSenderMac = ReadMacWide(ref arp, 8);
        packet.ArpSenderIp = IpAddr.FromIpv4(Read32(ref arp, 14));
        packet.ArpTargetMac = ReadMacWide(ref arp, 18);
        packet.ArpTargetIp = IpAddr.FromIpv4(Read32(ref arp, 24));
        packet._bodyOffsetFromEther = offset + ArpPacket.Length - start;
        packet.BodyLength = 0;
        packet._lengthFromEther = offset + ArpPacket.Length - start;
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseError ParseIpv4(ref byte origin, int start, int offset, int end, ref ParsedPacket packet, out int ulpOffset, out int ipEnd,
        out IpProtocol protocol, out bool laterFragment)
    {
        ulpOffset = 0;
        ipEnd = 0;
        protocol = 0;
        laterFragment = false;
        int available = end - offset;
        if (available < Ipv4Header.Length)
        {
            return ParseError.Truncated;
        }

        // SAFETY: the 20-byte fixed header lies inside the frame (checked above); options are never read here.
        ref byte header = ref Unsafe.Add(ref origin, offset);
        int first = header;
        if ((first >> 4) != 4)
        {
            return ParseError.IllegalValue;
        }

        int headerLength = (first & 0x0F) * 4;
        if (headerLength < Ipv4Header.Length)
        {
            return ParseError.IllegalValue;
        }

        if (available < headerLength)
        {
            return ParseError.Truncated;
        }

        int totalLength = Read16(ref header, 2);
        if (totalLength < headerLength || totalLength > available)
        {
            return ParseError.BadLength;
        }

        int fragmentWord = Read16(ref header, 6);
        int relative = offset - start;
        protocol = (IpProtocol)Unsafe.Add(ref header, 9);
        laterFragment = (fragmentWord & 0x1FFF) != 0;
        packet.IpVersion = 4;
        packet._ipOffsetFromEther = relative;
        packet.IpHeaderLength = headerLength;
        packet._protocolFieldOffsetFromEther = relative + 9;
        packet.Protocol = protocol;
        packet.Ttl = Unsafe.Add(ref header, 8);
        packet.SrcIp = IpAddr.FromIpv4(Read32(ref header, 12));
        packet.DstIp = IpAddr.FromIpv4(Read32(ref header, 16));
        packet.IsFragment = (fragmentWord & 0x3FFF) != 0;
        packet.IsLaterFragment = laterFragment;
        ipEnd = offset + totalLength;
        packet._ipEndFromEther = relative + totalLength;
        ulpOffset = offset + headerLength;
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseError ParseIpv6(ref byte origin, int start, int offset, int end, ref ParsedPacket packet, out int ulpOffset, out int ipEnd,
        out IpProtocol protocol, out bool laterFragment)
    {
        ulpOffset = 0;
        protocol = 0;
        laterFragment = false;
        ParseError error = ParseIpv6Fixed(ref origin, offset, end, out ipEnd, out byte nextHeader, out byte hopLimit);
        if (error != ParseError.None)
        {
            return error;
        }

        int headerEnd = offset + Ipv6Header.Length;
        int protocolFieldOffset = offset + 6;
        bool fragment = false;
        if (IsIpv6ExtensionHeader(nextHeader))
        {
            error = WalkIpv6Extensions(ref origin, offset, ipEnd, end, ref nextHeader, out headerEnd, out protocolFieldOffset,
                out fragment, out laterFragment);
            if (error != ParseError.None)
            {
                return error;
            }
        }

        // SAFETY: ParseIpv6Fixed checked the 40-byte fixed header lies inside the frame.
        protocol = (IpProtocol)nextHeader;
        packet.IpVersion = 6;
        packet._ipOffsetFromEther = offset - start;
        packet.IpHeaderLength = headerEnd - offset;
        packet._protocolFieldOffsetFromEther = protocolFieldOffset - start;
        packet.Protocol = protocol;
        packet.Ttl = hopLimit;
        packet.SrcIp = ReadIpv6(ref origin, offset + 8);
        packet.DstIp = ReadIpv6(ref origin, offset + 24);
        packet.IsFragment = fragment;
        packet.IsLaterFragment = laterFragment;
        packet._ipEndFromEther = ipEnd - start;
        ulpOffset = headerEnd;
        return ParseError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseError ParseUlp(ref byte origin, int start, int offset, int ipEnd, int frameEnd, IpProtocol protocol, bool laterFragment,
        ref ParsedPacket packet)
    {
        int relative = offset - start;
        if (laterFragment)
        {
            packet._bodyOffsetFromEther = relative;
            packet.BodyLength = ipEnd - offset;
            return ParseError.None;
        }

        ParseError error;
        int ulpLength;
        if (protocol == IpProtocol.Tcp)
        {
            error = Fits(offset, TcpHeader.BaseLength, ipEnd, frameEnd);
            if (error != ParseError.None)
            {
                return error;
            }

            // SAFETY: Fits checked the 20-byte fixed TCP header lies inside the frame; options are never read.
            ref byte tcp = ref Unsafe.Add(ref origin, offset);
            ulpLength = (Unsafe.Add(ref tcp, 12) >> 4) * 4;
            if (ulpLength < TcpHeader.BaseLength)
            {
                return ParseError.IllegalValue;
            }

            error = Fits(offset, ulpLength, ipEnd, frameEnd);
            if (error != ParseError.None)
            {
                return error;
            }

            uint ports = Read32(ref tcp, 0);
            packet.SrcPort = (ushort)(ports >> 16);
            packet.DstPort = (ushort)ports;
            packet.TcpSeq = Read32(ref tcp, 4);
            packet.TcpAck = Read32(ref tcp, 8);
            packet.TcpFlags = (TcpFlags)Unsafe.Add(ref tcp, 13);
            packet.TcpWindow = Read16(ref tcp, 14);
        }
        else if (protocol == IpProtocol.Udp)
        {
            error = Fits(offset, UdpHeader.Length, ipEnd, frameEnd);
            if (error != ParseError.None)
            {
                return error;
            }

            // SAFETY: Fits checked the 8-byte UDP header lies inside the frame.
            ref byte udp = ref Unsafe.Add(ref origin, offset);
            int udpLength = Read16(ref udp, 4);
            if (udpLength < UdpHeader.Length || udpLength > ipEnd - offset)
            {
                return ParseError.BadLength;
            }

            uint ports = Read32(ref udp, 0);
            packet.SrcPort = (ushort)(ports >> 16);
            packet.DstPort = (ushort)ports;
            packet.UlpLength = UdpHeader.Length;
            packet._ulpOffsetFromEther = relative;
            packet.HasUlp = true;
            packet._bodyOffsetFromEther = relative + UdpHeader.Length;
            packet.BodyLength = udpLength - UdpHeader.Length;
            return ParseError.None;
        }
        else if (protocol is IpProtocol.Icmp or IpProtocol.Icmpv6)
        {
            error = Fits(offset, IcmpHeader.Length, ipEnd, frameEnd);
            if (error != ParseError.None)
            {
                return error;
            }

            // SAFETY: Fits checked the 8-byte ICMP header lies inside the frame.
            ref byte icmp = ref Unsafe.Add(ref origin, offset);
            byte type = icmp;
            packet.IcmpType = type;
            packet.IcmpCode = Unsafe.Add(ref icmp, 1);
            bool echo = protocol == IpProtocol.Icmp ? type is 0 or 8 : type is 128 or 129;
            packet.IsIcmpEcho = echo;
            packet.IcmpEchoId = echo ? Read16(ref icmp, 4) : (ushort)0;
            ulpLength = IcmpHeader.Length;
        }
        else
        {
            packet._bodyOffsetFromEther = relative;
            packet.BodyLength = ipEnd - offset;
            return ParseError.None;
        }

        packet.UlpLength = ulpLength;
        packet._ulpOffsetFromEther = relative;
        packet.HasUlp = true;
        packet._bodyOffsetFromEther = relative + ulpLength;
        packet.BodyLength = ipEnd - offset - ulpLength;
        return ParseError.None;
    }
}
