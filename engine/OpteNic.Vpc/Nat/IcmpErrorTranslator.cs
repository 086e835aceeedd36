using System.Buffers.Binary;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// Translates the packet quoted inside an inbound ICMP/ICMPv6 error (RFC 5508 section 4.2): the quoted packet was sent
/// from an external address, so its source becomes the private address again — and, under SNAT, its source port (or
/// ICMP echo identifier) the guest's again — with the quoted IPv4 header checksum and the quoted UDP/TCP/ICMP checksum
/// fixed and the ICMP checksum recomputed. Without this, traceroute and path MTU discovery through NAT break.
/// Allocation-free; a malformed quote is refused (false), never an exception.
/// </summary>
internal static class IcmpErrorTranslator
{
    /// <summary>True for ICMP errors that quote a packet: unreachable, time exceeded, parameter problem (v4), or ICMPv6 types 1–4.</summary>
    public static bool IsQuotingError(in ParsedPacket packet) => packet.HasUlp && packet.Protocol switch
    {
        IpProtocol.Icmp => packet.IcmpType is 3 or 11 or 12,
        IpProtocol.Icmpv6 => packet.IcmpType is >= 1 and <= 4,
        _ => false,
    };

    /// <summary>Rewrites the quoted source address <paramref name="from"/> → <paramref name="to"/> (1:1 NAT); false if the quote is malformed or not from <paramref name="from"/>.</summary>
    public static bool TryTranslate(Span<byte> frame, in ParsedPacket packet, IpAddr from, IpAddr to)
        => TryReadQuoted(frame, in packet, out QuotedPacket quoted) && quoted.Source == from
            && TryRewriteSource(frame, in packet, in quoted, to, null);

    /// <summary>
    /// Locates and reads the quoted packet's header: false when it is truncated below its IP header plus the first
    /// 8 bytes of its transport header (what RFC 792 guarantees), or is not of the outer packet's family.
    /// </summary>
    public static bool TryReadQuoted(ReadOnlySpan<byte> frame, in ParsedPacket packet, out QuotedPacket quoted)
    {
        quoted = default;
        int icmpStart = packet.UlpOffset;
        int icmpEnd = packet.IpEnd;
        if (icmpStart < 0 || icmpEnd > frame.Length || icmpEnd - icmpStart < 8)
        {
            return false;
        }

        int start = icmpStart + 8;
        ReadOnlySpan<byte> ip = frame[start..icmpEnd];
        int headerLength;
        IpProtocol protocol;
        IpAddr source;
        IpAddr destination;
        if (packet.Protocol == IpProtocol.Icmp)
        {
            if (ip.Length < 20 || (ip[0] >> 4) != 4 || (ip[0] & 0xF) < 5)
            {
                return false;
            }

            headerLength = (ip[0] & 0xF) * 4;
            protocol = (IpProtocol)ip[9];
            source = IpAddr.FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(ip[12..]));
            destination = IpAddr.FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(ip[16..]));
        }
        else if (packet.Protocol == IpProtocol.Icmpv6)
        {
            if (ip.Length < 40 || (ip[0] >> 4) != 6)
            {
                return false;
            }

            headerLength = 40;
            protocol = (IpProtocol)ip[6];
            source = IpAddr.ReadIpv6(ip.Slice(8, 16));
            destination = IpAddr.ReadIpv6(ip.Slice(24, 16));
        }
        else
        {
            return false;
        }

        if (ip.Length < headerLength + 8)
        {
            return false;
        }

        ReadOnlySpan<byte> transport = ip[headerLength..];
        quoted = new QuotedPacket(start, headerLength, ip.Length - headerLength, protocol, source, destination,
            BinaryPrimitives.ReadUInt16BigEndian(transport), BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(transport[4..]));
        return true;
    }

    /// <summary>
    /// Rewrites the quoted source address to <paramref name="to"/> and, when <paramref name="sourcePortOrEchoId"/> is
    /// given, the quoted source port (TCP/UDP) or echo identifier (ICMP echo request), fixing every checksum the
    /// change touches. <paramref name="quoted"/> must come from <see cref="TryReadQuoted"/> on the same frame.
    /// </summary>
    public static bool TryRewriteSource(Span<byte> frame, in ParsedPacket packet, in QuotedPacket quoted, IpAddr to, ushort? sourcePortOrEchoId)
    {
        if (to.IsIpv4 != quoted.Source.IsIpv4)
        {
            return false;
        }

        Span<byte> icmp = frame[packet.UlpOffset..packet.IpEnd];
        Span<byte> ip = frame[quoted.Start..packet.IpEnd];
        Span<byte> oldAddress = stackalloc byte[16];
        Span<byte> newAddress = stackalloc byte[16];
        quoted.Source.WriteTo(oldAddress);
        to.WriteTo(newAddress);
        int addressLength = quoted.Source.IsIpv4 ? 4 : 16;
        oldAddress = oldAddress[..addressLength];
        newAddress = newAddress[..addressLength];
        if (quoted.Source.IsIpv4)
        {
            newAddress.CopyTo(ip[12..]);
            ip[10] = 0;
            ip[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Fold(Sum(0, ip[..quoted.HeaderLength])));
        }
        else
        {
            newAddress.CopyTo(ip[8..]);
        }

        // The transport word that names the flow: source port, or the echo identifier of a quoted echo request.
        Span<byte> transport = ip[quoted.HeaderLength..];
        bool echo = quoted.IsEchoRequest;
        int idOffset = echo ? 4 : 0;
        ushort oldId = BinaryPrimitives.ReadUInt16BigEndian(transport[idOffset..]);
        ushort newId = sourcePortOrEchoId ?? oldId;
        if (newId != oldId)
        {
            if (quoted.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp) && !echo)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt16BigEndian(transport[idOffset..], newId);
        }

        // The quoted transport checksum, when quoted: UDP/TCP and ICMPv6 cover the pseudo-header (the address), all
        // cover the port or identifier. ICMPv4 has no pseudo-header. A zero IPv4 UDP checksum means "none".
        (int checksumOffset, bool coversAddress) = quoted.Protocol switch
        {
            IpProtocol.Udp => (6, true),
            IpProtocol.Tcp => (16, true),
            IpProtocol.Icmpv6 => (2, true),
            IpProtocol.Icmp => (2, false),
            _ => (-1, false),
        };
        if (checksumOffset >= 0 && transport.Length >= checksumOffset + 2 && (coversAddress || newId != oldId))
        {
            ushort old = BinaryPrimitives.ReadUInt16BigEndian(transport[checksumOffset..]);
            if (!(quoted.Protocol == IpProtocol.Udp && old == 0 && quoted.Source.IsIpv4))
            {
                uint sum = (ushort)~old;
                if (coversAddress)
                {
                    sum = AddChange(sum, oldAddress, newAddress);
                }

                sum += (ushort)~oldId;
                sum += newId;
                ushort updated = Fold(sum);
                if (quoted.Protocol == IpProtocol.Udp && updated == 0)
                {
                    updated = 0xFFFF; // 0 means "no checksum" for UDP
                }

                BinaryPrimitives.WriteUInt16BigEndian(transport[checksumOffset..], updated);
            }
        }

        icmp[2] = 0;
        icmp[3] = 0;
        uint total = 0;
        if (packet.Protocol == IpProtocol.Icmpv6)
        {
            // Pseudo-header from the (already translated) outer IPv6 header.
            total = Sum(total, frame.Slice(packet.IpOffset + 8, 32));
            total += (uint)icmp.Length + (uint)IpProtocol.Icmpv6;
        }

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Fold(Sum(total, icmp)));
        return true;
    }

    /// <summary>RFC 1624: adds the change of <paramref name="oldBytes"/> → <paramref name="newBytes"/> to a complemented sum.</summary>
    private static uint AddChange(uint sum, ReadOnlySpan<byte> oldBytes, ReadOnlySpan<byte> newBytes)
    {
        for (int i = 0; i < oldBytes.Length; i += 2)
        {
            sum += (ushort)~BinaryPrimitives.ReadUInt16BigEndian(oldBytes[i..]);
            sum += BinaryPrimitives.ReadUInt16BigEndian(newBytes[i..]);
        }

        return sum;
    }

    private static uint Sum(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    private static ushort Fold(uint sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
