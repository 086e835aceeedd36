using System.Buffers.Binary;

namespace OpteNic.Vpc.Hairpins;

public sealed partial class GatewayResponder
{
    /// <summary>Router lifetime advertised: the largest RFC 4861 allows (9000 s).</summary>
    public const ushort RouterLifetimeSeconds = 9000;

    /// <summary>Length of the router advertisement frame: 14 + 40 + 16 (RA) + 8 (source link-layer) + 8 (MTU).</summary>
    public const int RouterAdvertisementLength = GuestFrame.EthernetLength + FrameWriter.Ipv6HeaderLength + 32;

    /// <summary>Length of the neighbor advertisement frame: 14 + 40 + 24 (NA) + 8 (target link-layer).</summary>
    public const int NeighborAdvertisementLength = GuestFrame.EthernetLength + FrameWriter.Ipv6HeaderLength + 32;

    private const byte NdpRouterSolicitation = 133;
    private const byte NdpRouterAdvertisement = 134;
    private const byte NdpNeighborSolicitation = 135;
    private const byte NdpNeighborAdvertisement = 136;
    private const byte NdpOptionSourceLinkLayer = 1;
    private const byte NdpOptionTargetLinkLayer = 2;
    private const byte NdpOptionMtu = 5;
    private const byte RaFlagManaged = 0x80;
    private const byte NaFlagRouter = 0x80;
    private const byte NaFlagSolicited = 0x40;
    private const byte NaFlagOverride = 0x20;

    private static ReadOnlySpan<byte> AllNodes => [0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

    /// <summary>Answers a router solicitation with a router advertisement (Managed, lifetime 9000 s, gateway MAC, MTU).</summary>
    public HairpinResult RespondRouterSolicitation(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeIpv6 && request.Protocol == FrameWriter.ProtocolIcmpV6
            ? RespondRouterSolicitation(request, reply)
            : HairpinResult.Malformed;

    /// <summary>
    /// Answers a neighbor solicitation for a gateway address: unicast NA (Router|Solicited|Override) to the asker, or,
    /// for a duplicate address detection probe of the gateway address, NA (Router|Override) to all nodes. A DAD
    /// probe for the guest's own address is <see cref="HairpinVerdict.Suppressed"/>: nobody else owns it.
    /// </summary>
    public HairpinResult RespondNeighborSolicitation(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeIpv6 && request.Protocol == FrameWriter.ProtocolIcmpV6
            ? RespondNeighborSolicitation(request, reply)
            : HairpinResult.Malformed;

    private HairpinResult RespondRouterSolicitation(in GuestFrame request, Span<byte> reply)
    {
        if (!_hasIpv6)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> rs = request.Transport;
        if (rs.Length < 8 || rs[0] != NdpRouterSolicitation)
        {
            return rs.Length < 8 ? HairpinResult.Malformed : HairpinResult.NotApplicable;
        }

        bool unspecifiedSource = IsZero(request.SourceIp);
        // RFC 4861 section 6.1.1: hop limit 255, code 0, well-formed options, no source link-layer option from ::.
        if (request.HopLimit != 255 || rs[1] != 0 || !TryFindNdpOption(rs[8..], NdpOptionSourceLinkLayer, out bool hasSourceLinkLayer)
            || (unspecifiedSource && hasSourceLinkLayer))
        {
            return HairpinResult.Malformed;
        }

        if (reply.Length < RouterAdvertisementLength)
        {
            return HairpinResult.BufferTooSmall;
        }

        Span<byte> ip = reply[GuestFrame.EthernetLength..];
        if (unspecifiedSource)
        {
            WriteMulticastMac(AllNodes, reply);
            _gatewayMac.CopyTo(reply[6..]);
            BinaryPrimitives.WriteUInt16BigEndian(reply[12..], GuestFrame.EtherTypeIpv6);
            FrameWriter.WriteIpv6(ip, _gatewayLinkLocal, AllNodes, FrameWriter.ProtocolIcmpV6, 32, Ipv6HopLimit);
        }
        else
        {
            FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv6);
            FrameWriter.WriteIpv6(ip, _gatewayLinkLocal, request.SourceIp, FrameWriter.ProtocolIcmpV6, 32, Ipv6HopLimit);
        }

        Span<byte> ra = ip.Slice(FrameWriter.Ipv6HeaderLength, 32);
        ra[0] = NdpRouterAdvertisement;
        ra[1] = 0;
        ra[2] = 0;
        ra[3] = 0;
        ra[4] = 255; // current hop limit suggested to hosts, as OPTE advertises
        ra[5] = RaFlagManaged;
        BinaryPrimitives.WriteUInt16BigEndian(ra[6..], RouterLifetimeSeconds);
        BinaryPrimitives.WriteUInt32BigEndian(ra[8..], 0); // reachable time: unspecified
        BinaryPrimitives.WriteUInt32BigEndian(ra[12..], 0); // retransmission timer: unspecified
        ra[16] = NdpOptionSourceLinkLayer;
        ra[17] = 1;
        _gatewayMac.CopyTo(ra[18..]);
        ra[24] = NdpOptionMtu;
        ra[25] = 1;
        ra[26] = 0;
        ra[27] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ra[28..], (uint)_mtu);
        FrameWriter.FinishV6(ip, ra, FrameWriter.ProtocolIcmpV6, 2);
        return HairpinResult.Replied(RouterAdvertisementLength);
    }

    private HairpinResult RespondNeighborSolicitation(in GuestFrame request, Span<byte> reply)
    {
        if (!_hasIpv6)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> ns = request.Transport;
        if (ns.Length < 8 || ns[0] != NdpNeighborSolicitation)
        {
            return ns.Length < 8 ? HairpinResult.Malformed : HairpinResult.NotApplicable;
        }

        bool dad = IsZero(request.SourceIp);
        // RFC 4861 section 7.1.1: hop limit 255, code 0, ≥ 24 bytes, target not multicast, well-formed options,
        // and a DAD probe (source ::) goes to a solicited-node group and carries no source link-layer option.
        if (ns.Length < 24 || request.HopLimit != 255 || ns[1] != 0 || ns[8] == 0xFF
            || !TryFindNdpOption(ns[24..], NdpOptionSourceLinkLayer, out bool hasSourceLinkLayer))
        {
            return HairpinResult.Malformed;
        }

        if (dad && (hasSourceLinkLayer || !IsSolicitedNodeMulticast(request.DestinationIp)))
        {
            return HairpinResult.Malformed;
        }

        ReadOnlySpan<byte> target = ns.Slice(8, 16);
        if (target.SequenceEqual(_privateIpv6))
        {
            return dad ? HairpinResult.Suppressed : HairpinResult.NotApplicable;
        }

        if (!target.SequenceEqual(_gatewayLinkLocal) && !target.SequenceEqual(_gatewayIpv6))
        {
            return HairpinResult.NotApplicable;
        }

        if (reply.Length < NeighborAdvertisementLength)
        {
            return HairpinResult.BufferTooSmall;
        }

        Span<byte> ip = reply[GuestFrame.EthernetLength..];
        if (dad)
        {
            WriteMulticastMac(AllNodes, reply);
            _gatewayMac.CopyTo(reply[6..]);
            BinaryPrimitives.WriteUInt16BigEndian(reply[12..], GuestFrame.EtherTypeIpv6);
            FrameWriter.WriteIpv6(ip, _gatewayLinkLocal, AllNodes, FrameWriter.ProtocolIcmpV6, 32, Ipv6HopLimit);
        }
        else
        {
            FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv6);
            FrameWriter.WriteIpv6(ip, _gatewayLinkLocal, request.SourceIp, FrameWriter.ProtocolIcmpV6, 32, Ipv6HopLimit);
        }

        Span<byte> na = ip.Slice(FrameWriter.Ipv6HeaderLength, 32);
        na[0] = NdpNeighborAdvertisement;
        na[1] = 0;
        na[2] = 0;
        na[3] = 0;
        na[4] = dad ? (byte)(NaFlagRouter | NaFlagOverride) : (byte)(NaFlagRouter | NaFlagSolicited | NaFlagOverride);
        na[5] = 0;
        na[6] = 0;
        na[7] = 0;
        target.CopyTo(na[8..]);
        na[24] = NdpOptionTargetLinkLayer;
        na[25] = 1;
        _gatewayMac.CopyTo(na[26..]);
        FrameWriter.FinishV6(ip, na, FrameWriter.ProtocolIcmpV6, 2);
        return HairpinResult.Replied(NeighborAdvertisementLength);
    }

    /// <summary>Walks NDP options (type, length in 8-byte units); false if one has length 0 or overruns the message.</summary>
    private static bool TryFindNdpOption(ReadOnlySpan<byte> options, byte type, out bool found)
    {
        found = false;
        while (options.Length > 0)
        {
            if (options.Length < 2 || options[1] == 0 || options[1] * 8 > options.Length)
            {
                return false;
            }

            found |= options[0] == type;
            options = options[(options[1] * 8)..];
        }

        return true;
    }

    /// <summary>ff02::1:ffXX:XXXX (RFC 4291 section 2.7.1).</summary>
    private static bool IsSolicitedNodeMulticast(ReadOnlySpan<byte> address)
        => address[..11].SequenceEqual((ReadOnlySpan<byte>)[0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0]) && address[11] == 1 && address[12] == 0xFF;
}
