using System.Buffers.Binary;

namespace OpteNic.Vpc.Hairpins;

public sealed partial class GatewayResponder
{
    /// <summary>IPv4 ICMP errors stay within 576 bytes (RFC 1812 section 4.3.2.3).</summary>
    public const int IcmpV4ErrorLimit = 576;

    /// <summary>ICMPv6 errors stay within the minimum IPv6 MTU (RFC 4443 section 2.4 (c)).</summary>
    public const int IcmpV6ErrorLimit = 1280;

    /// <summary>
    /// **Beyond OPTE** — path MTU discovery: for a guest packet longer than <paramref name="pathMtu"/>, writes ICMP
    /// "fragmentation needed" (type 3 code 4, RFC 1191) or ICMPv6 "packet too big" (type 2, RFC 8201) from the gateway,
    /// quoting as much of the packet as the error size limit allows, instead of a silent drop. Not applicable when the
    /// packet fits, or (IPv4) when Don't Fragment is clear; suppressed for packets that are themselves ICMP errors.
    /// </summary>
    public HairpinResult RespondPacketTooBig(ReadOnlySpan<byte> frame, int pathMtu, Span<byte> reply)
    {
        if (!GuestFrame.TryRead(frame, out GuestFrame request))
        {
            return HairpinResult.Malformed;
        }

        return request.EtherType switch
        {
            GuestFrame.EtherTypeIpv4 => FragmentationNeeded(request, pathMtu, reply),
            GuestFrame.EtherTypeIpv6 => PacketTooBig(request, pathMtu, reply),
            _ => HairpinResult.NotApplicable,
        };
    }

    private HairpinResult FragmentationNeeded(in GuestFrame request, int pathMtu, Span<byte> reply)
    {
        if (!_hasIpv4)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> ip = request.Network;
        if (ip.Length <= pathMtu || (ReadU16(ip, 6) & 0x4000) == 0)
        {
            return HairpinResult.NotApplicable;
        }

        // Never answer an ICMP error with an ICMP error (RFC 1122 section 3.2.2).
        if (request.Protocol == FrameWriter.ProtocolIcmp && (request.Transport.Length < 1 || request.Transport[0] is 3 or 4 or 5 or 11 or 12))
        {
            return HairpinResult.Suppressed;
        }

        int quoted = Math.Min(ip.Length, IcmpV4ErrorLimit - FrameWriter.Ipv4HeaderLength - 8);
        int length = GuestFrame.EthernetLength + FrameWriter.Ipv4HeaderLength + 8 + quoted;
        if (reply.Length < length)
        {
            return HairpinResult.BufferTooSmall;
        }

        FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv4);
        Span<byte> header = reply[GuestFrame.EthernetLength..];
        FrameWriter.WriteIpv4(header, _gatewayIpv4, request.SourceIp, FrameWriter.ProtocolIcmp, 8 + quoted, Ipv4Ttl);
        Span<byte> icmp = header.Slice(FrameWriter.Ipv4HeaderLength, 8 + quoted);
        icmp[0] = 3;
        icmp[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], (ushort)pathMtu);
        ip[..quoted].CopyTo(icmp[8..]);
        FrameWriter.FinishIcmpV4(icmp);
        return HairpinResult.Replied(length);
    }

    private HairpinResult PacketTooBig(in GuestFrame request, int pathMtu, Span<byte> reply)
    {
        if (!_hasIpv6)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> ip = request.Network;
        if (ip.Length <= pathMtu)
        {
            return HairpinResult.NotApplicable;
        }

        // ICMPv6 error messages have types below 128 (RFC 4443 section 2.1).
        if (request.Protocol == FrameWriter.ProtocolIcmpV6 && (request.Transport.Length < 1 || request.Transport[0] < 128))
        {
            return HairpinResult.Suppressed;
        }

        int quoted = Math.Min(ip.Length, IcmpV6ErrorLimit - FrameWriter.Ipv6HeaderLength - 8);
        int length = GuestFrame.EthernetLength + FrameWriter.Ipv6HeaderLength + 8 + quoted;
        if (reply.Length < length)
        {
            return HairpinResult.BufferTooSmall;
        }

        FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv6);
        Span<byte> header = reply[GuestFrame.EthernetLength..];
        FrameWriter.WriteIpv6(header, _gatewayIpv6, request.SourceIp, FrameWriter.ProtocolIcmpV6, 8 + quoted, Ipv6HopLimit);
        Span<byte> icmp = header.Slice(FrameWriter.Ipv6HeaderLength, 8 + quoted);
        icmp[0] = 2;
        icmp[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], (uint)pathMtu);
        ip[..quoted].CopyTo(icmp[8..]);
        FrameWriter.FinishV6(header, icmp, FrameWriter.ProtocolIcmpV6, 2);
        return HairpinResult.Replied(length);
    }
}
