using System.Buffers.Binary;

namespace OpteNic.Vpc.Hairpins;

public sealed partial class GatewayResponder
{
    /// <summary>Length of an ARP reply frame: Ethernet 14 + ARP for IPv4 over Ethernet 28.</summary>
    public const int ArpReplyLength = GuestFrame.EthernetLength + 28;

    /// <summary>Answers an ARP request for the gateway IPv4 address with the gateway MAC; other ARP is not applicable.</summary>
    public HairpinResult RespondArp(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeArp
            ? RespondArp(request, reply)
            : HairpinResult.Malformed;

    private HairpinResult RespondArp(in GuestFrame request, Span<byte> reply)
    {
        ReadOnlySpan<byte> arp = request.Network;
        if (arp.Length < 28)
        {
            return HairpinResult.Malformed;
        }

        // htype 1 (Ethernet), ptype IPv4, hlen 6, plen 4: anything else is not ARP for IPv4 over Ethernet.
        if (ReadU16(arp, 0) != 1 || ReadU16(arp, 2) != GuestFrame.EtherTypeIpv4 || arp[4] != 6 || arp[5] != 4)
        {
            return HairpinResult.Malformed;
        }

        if (!_hasIpv4 || ReadU16(arp, 6) != 1 || !arp.Slice(24, 4).SequenceEqual(_gatewayIpv4))
        {
            return _hasIpv4 ? HairpinResult.NotApplicable : HairpinResult.NotConfigured;
        }

        if (reply.Length < ArpReplyLength)
        {
            return HairpinResult.BufferTooSmall;
        }

        ReadOnlySpan<byte> senderMac = arp.Slice(8, 6);
        ReadOnlySpan<byte> senderIp = arp.Slice(14, 4);
        FrameWriter.WriteEthernet(reply, senderMac, _gatewayMac, GuestFrame.EtherTypeArp);
        Span<byte> body = reply.Slice(GuestFrame.EthernetLength, 28);
        BinaryPrimitives.WriteUInt16BigEndian(body, 1);
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], GuestFrame.EtherTypeIpv4);
        body[4] = 6;
        body[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(body[6..], 2);
        _gatewayMac.CopyTo(body[8..]);
        _gatewayIpv4.CopyTo(body[14..]);
        senderMac.CopyTo(body[18..]);
        senderIp.CopyTo(body[24..]);
        return HairpinResult.Replied(ArpReplyLength);
    }
}
