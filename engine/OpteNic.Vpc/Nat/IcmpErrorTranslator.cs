using System.Buffers.Binary;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// Translates the packet quoted inside an inbound ICMP/ICMPv6 error under 1:1 NAT (RFC 5508 section 4.2): the quoted
/// packet was sent from the external address, so its source becomes the private address again, with the quoted IPv4
/// header checksum and quoted UDP/TCP checksum fixed and the ICMP checksum recomputed. Without this, traceroute and
/// path MTU discovery through a floating or ephemeral IP break.
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

    /// <summary>Rewrites the quoted source <paramref name="from"/> → <paramref name="to"/>; false if the quote is malformed or not from <paramref name="from"/>.</summary>
    public static bool TryTranslate(Span<byte> frame, in ParsedPacket packet, IpAddr from, IpAddr to)
    {
        int icmpStart = packet.UlpOffset;
        int icmpEnd = packet.IpEnd;
        if (icmpEnd > frame.Length || icmpEnd - icmpStart < 8)
        {
            return false;
        }

        Span<byte> icmp = frame[icmpStart..icmpEnd];
        Span<byte> quoted = icmp[8..];
        Span<byte> oldAddress = stackalloc byte[16];
        Span<byte> newAddress = stackalloc byte[16];
        int addressLength;
        int quotedHeaderLength;
        byte quotedProtocol;
        if (packet.Protocol == IpProtocol.Icmp)
        {
            if (quoted.Length < 20 || (quoted[0] >> 4) != 4 || (quoted[0] & 0xF) < 5 || quoted.Length < (quoted[0] & 0xF) * 4)
            {
                return false;
            }

            quotedHeaderLength = (quoted[0] & 0xF) * 4;
            quotedProtocol = quoted[9];
            addressLength = 4;
            if (!from.IsIpv4 || BinaryPrimitives.ReadUInt32BigEndian(quoted[12..]) != from.Ipv4)
            {
                return false;
            }

            from.WriteTo(oldAddress);
            to.WriteTo(newAddress);
            newAddress[..4].CopyTo(quoted[12..]);
            quoted[10] = 0;
            quoted[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(quoted[10..], Fold(Sum(0, quoted[..quotedHeaderLength])));
        }
        else
        {
            if (quoted.Length < 40 || (quoted[0] >> 4) != 6)
            {
                return false;
            }

            quotedHeaderLength = 40;
            quotedProtocol = quoted[6];
            addressLength = 16;
            from.WriteTo(oldAddress);
            if (!quoted.Slice(8, 16).SequenceEqual(oldAddress))
            {
                return false;
            }

            to.WriteTo(newAddress);
            newAddress.CopyTo(quoted[8..]);
        }

        // The quoted transport checksum covers the pseudo-header with the old source: adjust it if it was quoted.
        Span<byte> transport = quoted[quotedHeaderLength..];
        int checksumOffset = quotedProtocol switch
        {
            (byte)IpProtocol.Udp => 6,
            (byte)IpProtocol.Tcp => 16,
            _ => -1,
        };
        if (checksumOffset >= 0 && transport.Length >= checksumOffset + 2)
        {
            ushort old = BinaryPrimitives.ReadUInt16BigEndian(transport[checksumOffset..]);
            if (!(quotedProtocol == (byte)IpProtocol.Udp && old == 0 && addressLength == 4))
            {
                BinaryPrimitives.WriteUInt16BigEndian(transport[checksumOffset..],
                    Adjust(old, oldAddress[..addressLength], newAddress[..addressLength]));
            }
        }

        icmp[2] = 0;
        icmp[3] = 0;
        uint sum = 0;
        if (packet.Protocol == IpProtocol.Icmpv6)
        {
            // Pseudo-header from the (already translated) outer IPv6 header.
            sum = Sum(sum, frame.Slice(packet.IpOffset + 8, 32));
            sum += (uint)icmp.Length + (uint)IpProtocol.Icmpv6;
        }

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Fold(Sum(sum, icmp)));
        return true;
    }

    /// <summary>RFC 1624 incremental update of a checksum for an address change.</summary>
    private static ushort Adjust(ushort checksum, ReadOnlySpan<byte> oldBytes, ReadOnlySpan<byte> newBytes)
    {
        uint sum = (ushort)~checksum;
        for (int i = 0; i < oldBytes.Length; i += 2)
        {
            sum += (ushort)~BinaryPrimitives.ReadUInt16BigEndian(oldBytes[i..]);
            sum += BinaryPrimitives.ReadUInt16BigEndian(newBytes[i..]);
        }

        return Fold(sum);
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
