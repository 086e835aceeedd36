using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Parsing;

/// <summary>
/// Zero-copy, allocation-free parser for the header stacks of <see cref="ParseMode"/>. Never throws on wire input: a
/// malformed frame yields false and one <see cref="ParseError"/>. Checksums are not verified (the card or the peer
/// does that); lengths, versions and Geneve options are (behaviour §2).
/// </summary>
public static class PacketParser
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
        int innerStart = 0;
        int innerEnd = frame.Length;
        if (mode == ParseMode.Inbound)
        {
            error = ParseOuter(frame, ref packet, out innerStart, out innerEnd);
            if (error != ParseError.None)
            {
                return false;
            }
        }

        error = ParseInner(frame, innerStart, innerEnd, ref packet);
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

    private static ParseError ParseOuter(ReadOnlySpan<byte> frame, ref ParsedPacket packet, out int innerStart, out int innerEnd)
    {
        innerStart = 0;
        innerEnd = 0;
        int frameEnd = frame.Length;
        ParseError error = ParseEthernet(frame, 0, frameEnd, out MacAddress dst, out MacAddress src, out ushort etherType,
            out int etherLength, out _, out _);
        if (error != ParseError.None)
        {
            return error;
        }

        packet.OuterEtherOffset = 0;
        packet.OuterEtherLength = etherLength;
        packet.OuterEtherDst = dst;
        packet.OuterEtherSrc = src;
        if (etherType != (ushort)EtherType.Ipv6)
        {
            return ParseError.UnwantedProtocol;
        }

        int ipOffset = etherLength;
        error = ParseIpv6Fixed(frame, ipOffset, frameEnd, out int ipEnd, out IpAddr ipSrc, out IpAddr ipDst, out _, out byte nextHeader);
        if (error != ParseError.None)
        {
            return error;
        }

        error = WalkIpv6Extensions(frame, ipOffset, ipEnd, frameEnd, ref nextHeader, out int headerEnd, out _, out bool fragment, out _);
        if (error != ParseError.None)
        {
            return error;
        }

        packet.OuterIpOffset = ipOffset;
        packet.OuterIpLength = headerEnd - ipOffset;
        packet.OuterIpVersion = 6;
        packet.OuterIpSrc = ipSrc;
        packet.OuterIpDst = ipDst;
        if (nextHeader != (byte)IpProtocol.Udp || fragment)
        {
            // A fragmented underlay packet cannot be decapsulated without reassembly, which OPTE never does.
            return fragment ? ParseError.Reject : ParseError.UnwantedProtocol;
        }

        int udpOffset = headerEnd;
        error = Fits(udpOffset, 8, ipEnd, frameEnd);
        if (error != ParseError.None)
        {
            return error;
        }

        ReadOnlySpan<byte> udp = frame.Slice(udpOffset, 8);
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp.Slice(4));
        if (udpLength < 8 || udpLength > ipEnd - udpOffset)
        {
            return ParseError.BadLength;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(udp.Slice(2)) != GenevePort)
        {
            return ParseError.UnwantedProtocol;
        }

        packet.OuterUdpOffset = udpOffset;
        packet.OuterUdpSrcPort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        int udpEnd = udpOffset + udpLength;
        int geneveOffset = udpOffset + 8;
        error = ParseGeneve(frame, geneveOffset, udpEnd, frameEnd, ref packet, out int geneveLength);
        if (error != ParseError.None)
        {
            return error;
        }

        packet.IsEncapsulated = true;
        innerStart = geneveOffset + geneveLength;
        innerEnd = udpEnd;
        return ParseError.None;
    }

    private static ParseError ParseGeneve(ReadOnlySpan<byte> frame, int offset, int containerEnd, int frameEnd, ref ParsedPacket packet, out int length)
    {
        length = 0;
        ParseError error = Fits(offset, 8, containerEnd, frameEnd);
        if (error != ParseError.None)
        {
            return error;
        }

        ReadOnlySpan<byte> header = frame.Slice(offset, 8);
        if ((header[0] >> 6) != 0)
        {
            return ParseError.IllegalValue;
        }

        if ((header[1] & 0x80) != 0)
        {
            // OAM frames are control traffic for the tunnel endpoint, not guest data.
            return ParseError.Reject;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(header.Slice(2)) != (ushort)EtherType.TransparentEthernetBridging)
        {
            return ParseError.UnwantedProtocol;
        }

        int optionsLength = (header[0] & 0x3F) * 4;
        error = Fits(offset + 8, optionsLength, containerEnd, frameEnd);
        if (error != ParseError.None)
        {
            return error;
        }

        error = ParseGeneveOptions(frame.Slice(offset + 8, optionsLength), out GeneveOptions options);
        if (error != ParseError.None)
        {
            return error;
        }

        packet.GeneveOffset = offset;
        packet.GeneveLength = 8 + optionsLength;
        packet.GeneveVni = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4)) >> 8;
        packet.GeneveOptions = options;
        length = 8 + optionsLength;
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

    private static ParseError ParseEthernet(ReadOnlySpan<byte> frame, int offset, int end, out MacAddress dst, out MacAddress src,
        out ushort etherType, out int length, out byte vlanCount, out ushort vlanTci)
    {
        dst = default;
        src = default;
        etherType = 0;
        length = 0;
        vlanCount = 0;
        vlanTci = 0;
        if (end - offset < 14)
        {
            return ParseError.Truncated;
        }

        ReadOnlySpan<byte> header = frame.Slice(offset, end - offset);
        dst = MacAddress.Read(header);
        src = MacAddress.Read(header.Slice(6));
        int typeOffset = 12;
        etherType = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(typeOffset));
        while (etherType is (ushort)EtherType.Vlan or (ushort)EtherType.QinQ)
        {
            if (vlanCount == MaxVlanTags)
            {
                return ParseError.Reject;
            }

            if (header.Length < typeOffset + 6)
            {
                return ParseError.Truncated;
            }

            if (vlanCount == 0)
            {
                vlanTci = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(typeOffset + 2));
            }

            vlanCount++;
            typeOffset += 4;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(typeOffset));
        }

        length = typeOffset + 2;
        return ParseError.None;
    }

    private static ParseError ParseIpv6Fixed(ReadOnlySpan<byte> frame, int offset, int frameEnd, out int ipEnd, out IpAddr src,
        out IpAddr dst, out byte hopLimit, out byte nextHeader)
    {
        ipEnd = 0;
        src = default;
        dst = default;
        hopLimit = 0;
        nextHeader = 0;
        if (frameEnd - offset < 40)
        {
            return ParseError.Truncated;
        }

        ReadOnlySpan<byte> header = frame.Slice(offset, 40);
        if ((header[0] >> 4) != 6)
        {
            return ParseError.IllegalValue;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(4));
        if (payloadLength > frameEnd - offset - 40)
        {
            return ParseError.BadLength;
        }

        ipEnd = offset + 40 + payloadLength;
        nextHeader = header[6];
        hopLimit = header[7];
        src = IpAddr.ReadIpv6(header.Slice(8));
        dst = IpAddr.ReadIpv6(header.Slice(24));
        return ParseError.None;
    }

    /// <summary>
    /// Walks hop-by-hop, routing, destination-options and fragment headers. On return <paramref name="nextHeader"/> is
    /// the upper-layer protocol, <paramref name="headerEnd"/> where it starts, and <paramref name="protocolFieldOffset"/>
    /// the byte that names it.
    /// </summary>
    private static ParseError WalkIpv6Extensions(ReadOnlySpan<byte> frame, int ipOffset, int ipEnd, int frameEnd, ref byte nextHeader,
        out int headerEnd, out int protocolFieldOffset, out bool fragment, out bool laterFragment)
    {
        int position = ipOffset + 40;
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

                    length = (frame[position + 1] + 1) * 8;
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
                    if ((BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(position + 2)) & 0xFFF8) != 0)
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
            nextHeader = frame[position];
            position += length;
        }
    }

    private static ParseError ParseInner(ReadOnlySpan<byte> frame, int start, int end, ref ParsedPacket packet)
    {
        ParseError error = ParseEthernet(frame, start, end, out MacAddress dst, out MacAddress src, out ushort etherType,
            out int etherLength, out byte vlanCount, out ushort vlanTci);
        if (error != ParseError.None)
        {
            return error;
        }

        packet.EtherOffset = start;
        packet.EtherLength = etherLength;
        packet.EtherDst = dst;
        packet.EtherSrc = src;
        packet.EtherType = etherType;
        packet.VlanCount = vlanCount;
        packet.VlanTci = vlanTci;
        int l3Offset = start + etherLength;
        switch (etherType)
        {
            case (ushort)EtherType.Ipv4:
                error = ParseIpv4(frame, l3Offset, end, ref packet);
                break;
            case (ushort)EtherType.Ipv6:
                error = ParseIpv6(frame, l3Offset, end, ref packet);
                break;
            case (ushort)EtherType.Arp:
                return ParseArp(frame, l3Offset, end, ref packet);
            default:
                // Not IP: the layers decide (most deny). The rest of the frame is body.
                packet.BodyOffset = l3Offset;
                packet.BodyLength = end - l3Offset;
                packet.Length = end;
                return ParseError.None;
        }

        if (error != ParseError.None)
        {
            return error;
        }

        packet.Length = packet.IpEnd;
        return ParseUlp(frame, packet.IpOffset + packet.IpHeaderLength, packet.IpEnd, end, ref packet);
    }

    private static ParseError ParseArp(ReadOnlySpan<byte> frame, int offset, int end, ref ParsedPacket packet)
    {
        if (end - offset < 28)
        {
            return ParseError.Truncated;
        }

        ReadOnlySpan<byte> arp = frame.Slice(offset, 28);
        if (BinaryPrimitives.ReadUInt16BigEndian(arp) != 1 || BinaryPrimitives.ReadUInt16BigEndian(arp.Slice(2)) != (ushort)EtherType.Ipv4 ||
            arp[4] != 6 || arp[5] != 4)
        {
            return ParseError.IllegalValue;
        }

        packet.IsArp = true;
        packet.ArpOffset = offset;
        packet.ArpOperation = (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(arp.Slice(6));
        packet.ArpSenderMac = MacAddress.Read(arp.Slice(8));
        packet.ArpSenderIp = IpAddr.ReadIpv4(arp.Slice(14));
        packet.ArpTargetMac = MacAddress.Read(arp.Slice(18));
        packet.ArpTargetIp = IpAddr.ReadIpv4(arp.Slice(24));
        packet.BodyOffset = offset + 28;
        packet.BodyLength = 0;
        packet.Length = offset + 28;
        return ParseError.None;
    }

    private static ParseError ParseIpv4(ReadOnlySpan<byte> frame, int offset, int end, ref ParsedPacket packet)
    {
        if (end - offset < 20)
        {
            return ParseError.Truncated;
        }

        ReadOnlySpan<byte> header = frame.Slice(offset, end - offset);
        if ((header[0] >> 4) != 4)
        {
            return ParseError.IllegalValue;
        }

        int headerLength = (header[0] & 0x0F) * 4;
        if (headerLength < 20)
        {
            return ParseError.IllegalValue;
        }

        if (header.Length < headerLength)
        {
            return ParseError.Truncated;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(2));
        if (totalLength < headerLength || totalLength > header.Length)
        {
            return ParseError.BadLength;
        }

        ushort fragmentWord = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(6));
        packet.IpVersion = 4;
        packet.IpOffset = offset;
        packet.IpHeaderLength = headerLength;
        packet.ProtocolFieldOffset = offset + 9;
        packet.Protocol = (IpProtocol)header[9];
        packet.Ttl = header[8];
        packet.SrcIp = IpAddr.ReadIpv4(header.Slice(12));
        packet.DstIp = IpAddr.ReadIpv4(header.Slice(16));
        packet.IsFragment = (fragmentWord & 0x3FFF) != 0;
        packet.IsLaterFragment = (fragmentWord & 0x1FFF) != 0;
        packet.IpEnd = offset + totalLength;
        return ParseError.None;
    }

    private static ParseError ParseIpv6(ReadOnlySpan<byte> frame, int offset, int end, ref ParsedPacket packet)
    {
        ParseError error = ParseIpv6Fixed(frame, offset, end, out int ipEnd, out IpAddr src, out IpAddr dst, out byte hopLimit, out byte nextHeader);
        if (error != ParseError.None)
        {
            return error;
        }

        error = WalkIpv6Extensions(frame, offset, ipEnd, end, ref nextHeader, out int headerEnd, out int protocolFieldOffset,
            out bool fragment, out bool laterFragment);
        if (error != ParseError.None)
        {
            return error;
        }

        packet.IpVersion = 6;
        packet.IpOffset = offset;
        packet.IpHeaderLength = headerEnd - offset;
        packet.ProtocolFieldOffset = protocolFieldOffset;
        packet.Protocol = (IpProtocol)nextHeader;
        packet.Ttl = hopLimit;
        packet.SrcIp = src;
        packet.DstIp = dst;
        packet.IsFragment = fragment;
        packet.IsLaterFragment = laterFragment;
        packet.IpEnd = ipEnd;
        return ParseError.None;
    }

    private static ParseError ParseUlp(ReadOnlySpan<byte> frame, int offset, int ipEnd, int frameEnd, ref ParsedPacket packet)
    {
        packet.BodyOffset = offset;
        packet.BodyLength = ipEnd - offset;
        if (packet.IsLaterFragment)
        {
            return ParseError.None;
        }

        ParseError error;
        switch (packet.Protocol)
        {
            case IpProtocol.Tcp:
            {
                error = Fits(offset, 20, ipEnd, frameEnd);
                if (error != ParseError.None)
                {
                    return error;
                }

                ReadOnlySpan<byte> tcp = frame.Slice(offset, 20);
                int headerLength = (tcp[12] >> 4) * 4;
                if (headerLength < 20)
                {
                    return ParseError.IllegalValue;
                }

                error = Fits(offset, headerLength, ipEnd, frameEnd);
                if (error != ParseError.None)
                {
                    return error;
                }

                packet.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
                packet.DstPort = BinaryPrimitives.ReadUInt16BigEndian(tcp.Slice(2));
                packet.TcpSeq = BinaryPrimitives.ReadUInt32BigEndian(tcp.Slice(4));
                packet.TcpAck = BinaryPrimitives.ReadUInt32BigEndian(tcp.Slice(8));
                packet.TcpFlags = (TcpFlags)tcp[13];
                packet.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(tcp.Slice(14));
                packet.UlpLength = headerLength;
                break;
            }

            case IpProtocol.Udp:
            {
                error = Fits(offset, 8, ipEnd, frameEnd);
                if (error != ParseError.None)
                {
                    return error;
                }

                ReadOnlySpan<byte> udp = frame.Slice(offset, 8);
                int udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp.Slice(4));
                if (udpLength < 8 || udpLength > ipEnd - offset)
                {
                    return ParseError.BadLength;
                }

                packet.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(udp);
                packet.DstPort = BinaryPrimitives.ReadUInt16BigEndian(udp.Slice(2));
                packet.UlpLength = 8;
                packet.UlpOffset = offset;
                packet.HasUlp = true;
                packet.BodyOffset = offset + 8;
                packet.BodyLength = udpLength - 8;
                return ParseError.None;
            }

            case IpProtocol.Icmp:
            case IpProtocol.Icmpv6:
            {
                error = Fits(offset, 8, ipEnd, frameEnd);
                if (error != ParseError.None)
                {
                    return error;
                }

                ReadOnlySpan<byte> icmp = frame.Slice(offset, 8);
                byte type = icmp[0];
                packet.IcmpType = type;
                packet.IcmpCode = icmp[1];
                bool echo = packet.Protocol == IpProtocol.Icmp ? type is 0 or 8 : type is 128 or 129;
                packet.IsIcmpEcho = echo;
                packet.IcmpEchoId = echo ? BinaryPrimitives.ReadUInt16BigEndian(icmp.Slice(4)) : (ushort)0;
                packet.UlpLength = 8;
                break;
            }

            default:
                return ParseError.None;
        }

        packet.UlpOffset = offset;
        packet.HasUlp = true;
        packet.BodyOffset = offset + packet.UlpLength;
        packet.BodyLength = ipEnd - packet.BodyOffset;
        return ParseError.None;
    }
}
