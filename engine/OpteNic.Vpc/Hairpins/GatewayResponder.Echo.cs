namespace OpteNic.Vpc.Hairpins;

public sealed partial class GatewayResponder
{
    private const byte IcmpV4EchoReply = 0;
    private const byte IcmpV4EchoRequest = 8;
    private const byte IcmpV6EchoRequest = 128;
    private const byte IcmpV6EchoReply = 129;

    /// <summary>Answers an ICMPv4 echo request addressed to the gateway IPv4 address, echoing id, sequence and data.</summary>
    public HairpinResult RespondIcmpEchoV4(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeIpv4 && request.Protocol == FrameWriter.ProtocolIcmp
            ? RespondIcmpEchoV4(request, reply)
            : HairpinResult.Malformed;

    /// <summary>Answers an ICMPv6 echo request addressed to the gateway (link-local or configured address).</summary>
    public HairpinResult RespondIcmpEchoV6(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeIpv6 && request.Protocol == FrameWriter.ProtocolIcmpV6
            ? RespondIcmpEchoV6(request, reply)
            : HairpinResult.Malformed;

    private HairpinResult RespondIcmpEchoV4(in GuestFrame request, Span<byte> reply)
    {
        if (!_hasIpv4)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> icmp = request.Transport;
        if (icmp.Length < 8)
        {
            return HairpinResult.Malformed;
        }

        if (icmp[0] != IcmpV4EchoRequest || icmp[1] != 0 || !request.DestinationIp.SequenceEqual(_gatewayIpv4))
        {
            return HairpinResult.NotApplicable;
        }

        int length = GuestFrame.EthernetLength + FrameWriter.Ipv4HeaderLength + icmp.Length;
        if (reply.Length < length)
        {
            return HairpinResult.BufferTooSmall;
        }

        FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv4);
        Span<byte> ip = reply[GuestFrame.EthernetLength..];
        FrameWriter.WriteIpv4(ip, _gatewayIpv4, request.SourceIp, FrameWriter.ProtocolIcmp, icmp.Length, Ipv4Ttl);
        Span<byte> message = ip.Slice(FrameWriter.Ipv4HeaderLength, icmp.Length);
        icmp.CopyTo(message);
        message[0] = IcmpV4EchoReply;
        FrameWriter.FinishIcmpV4(message);
        return HairpinResult.Replied(length);
    }

    private HairpinResult RespondIcmpEchoV6(in GuestFrame request, Span<byte> reply)
    {
        if (!_hasIpv6)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> icmp = request.Transport;
        if (icmp.Length < 8)
        {
            return HairpinResult.Malformed;
        }

        if (icmp[0] != IcmpV6EchoRequest || icmp[1] != 0)
        {
            return HairpinResult.NotApplicable;
        }

        ReadOnlySpan<byte> target = request.DestinationIp;
        if (!target.SequenceEqual(_gatewayLinkLocal) && !target.SequenceEqual(_gatewayIpv6))
        {
            return HairpinResult.NotApplicable;
        }

        int length = GuestFrame.EthernetLength + FrameWriter.Ipv6HeaderLength + icmp.Length;
        if (reply.Length < length)
        {
            return HairpinResult.BufferTooSmall;
        }

        FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv6);
        Span<byte> ip = reply[GuestFrame.EthernetLength..];
        // Reply from the address the guest pinged, so its socket matches the reply.
        FrameWriter.WriteIpv6(ip, target, request.SourceIp, FrameWriter.ProtocolIcmpV6, icmp.Length, Ipv6HopLimit);
        Span<byte> message = ip.Slice(FrameWriter.Ipv6HeaderLength, icmp.Length);
        icmp.CopyTo(message);
        message[0] = IcmpV6EchoReply;
        FrameWriter.FinishV6(ip, message, FrameWriter.ProtocolIcmpV6, 2);
        return HairpinResult.Replied(length);
    }
}
