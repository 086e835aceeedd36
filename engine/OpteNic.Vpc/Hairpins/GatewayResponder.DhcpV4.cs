using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OpteNic.Vpc.Hairpins;

public sealed partial class GatewayResponder
{
    /// <summary>Lease time offered (option 51): one day, as OPTE.</summary>
    public const uint DhcpLeaseSeconds = 86400;

    /// <summary>DHCP server port (RFC 2131).</summary>
    public const ushort DhcpServerPort = 67;

    /// <summary>DHCP client port (RFC 2131).</summary>
    public const ushort DhcpClientPort = 68;

    /// <summary>
    /// Smallest BOOTP message sent: RFC 1542 section 2.1 — some clients and relays drop anything shorter than 300 bytes.
    /// </summary>
    public const int MinimumBootpLength = 300;

    /// <summary>Largest DHCP message a client must accept without option 57: 576 − IPv4 20 − UDP 8 (RFC 2131 section 2).</summary>
    public const int MaximumBootpLength = 548;

    private const int BootpFixedLength = 236;
    private const int BootpOptionsOffset = 240;
    private const uint DhcpMagicCookie = 0x63825363;
    private const byte DhcpDiscover = 1;
    private const byte DhcpOffer = 2;
    private const byte DhcpRequest = 3;
    private const byte DhcpAck = 5;
    private const byte DhcpNak = 6;
    private const byte OptionPad = 0;
    private const byte OptionEnd = 255;
    private const byte OptionSubnetMask = 1;
    private const byte OptionRouter = 3;
    private const byte OptionDnsServers = 6;
    private const byte OptionHostname = 12;
    private const byte OptionDomainName = 15;
    private const byte OptionRequestedIp = 50;
    private const byte OptionLeaseTime = 51;
    private const byte OptionMessageType = 53;
    private const byte OptionServerId = 54;
    private const byte OptionDomainSearch = 119;
    private const byte OptionClasslessRoutes = 121;

    /// <summary>Options of an Offer/Ack after the message type: 54, 51, 1, 3, 121, 6, 12, 15, 119, end.</summary>
    private readonly byte[] _dhcpV4OfferOptions;

    /// <summary>
    /// Answers DHCPDISCOVER with DHCPOFFER and DHCPREQUEST with DHCPACK (your-IP = private IP, options 54, 51, 1, 3, 121,
    /// 6, 12, 15, 119). A REQUEST for another address, or a renewal of another address, gets DHCPNAK so the client
    /// restarts discovery at once; a REQUEST naming another server is <see cref="HairpinVerdict.NotApplicable"/>.
    /// </summary>
    public HairpinResult RespondDhcpV4(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeIpv4 && request.Protocol == FrameWriter.ProtocolUdp
            ? RespondDhcpV4(request, reply)
            : HairpinResult.Malformed;

    private HairpinResult RespondDhcpV4(in GuestFrame request, Span<byte> reply)
    {
        if (!_hasIpv4)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> udp = request.Transport;
        if (udp.Length < FrameWriter.UdpHeaderLength)
        {
            return HairpinResult.Malformed;
        }

        if (ReadU16(udp, 0) != DhcpClientPort || ReadU16(udp, 2) != DhcpServerPort)
        {
            return HairpinResult.NotApplicable;
        }

        int udpLength = ReadU16(udp, 4);
        if (udpLength < FrameWriter.UdpHeaderLength || udpLength > udp.Length)
        {
            return HairpinResult.Malformed;
        }

        ReadOnlySpan<byte> bootp = udp[FrameWriter.UdpHeaderLength..udpLength];
        if (bootp.Length < BootpOptionsOffset + 3 || bootp[0] != 1 || bootp[1] != 1 || bootp[2] != 6
            || BinaryPrimitives.ReadUInt32BigEndian(bootp[BootpFixedLength..]) != DhcpMagicCookie)
        {
            return HairpinResult.Malformed;
        }

        if (!TryReadDhcpV4Options(bootp[BootpOptionsOffset..], out byte messageType, out ReadOnlySpan<byte> requestedIp, out ReadOnlySpan<byte> serverId))
        {
            return HairpinResult.Malformed;
        }

        ReadOnlySpan<byte> clientIp = bootp.Slice(12, 4);
        byte replyType;
        switch (messageType)
        {
            case DhcpDiscover:
                replyType = DhcpOffer;
                break;
            case DhcpRequest:
                if (!serverId.IsEmpty && !serverId.SequenceEqual(_gatewayIpv4))
                {
                    return HairpinResult.NotApplicable;
                }

                bool wrongRequested = !requestedIp.IsEmpty && !requestedIp.SequenceEqual(_privateIpv4);
                bool wrongRenewal = !IsZero(clientIp) && !clientIp.SequenceEqual(_privateIpv4);
                replyType = wrongRequested || wrongRenewal ? DhcpNak : DhcpAck;
                break;
            default:
                return HairpinResult.NotApplicable;
        }

        ReadOnlySpan<byte> replyOptions = replyType == DhcpNak ? [] : _dhcpV4OfferOptions;
        int optionsLength = 3 + (replyType == DhcpNak ? 7 : replyOptions.Length);
        int bootpLength = Math.Max(MinimumBootpLength, BootpOptionsOffset + optionsLength);
        int length = GuestFrame.EthernetLength + FrameWriter.Ipv4HeaderLength + FrameWriter.UdpHeaderLength + bootpLength;
        if (reply.Length < length)
        {
            return HairpinResult.BufferTooSmall;
        }

        ReadOnlySpan<byte> clientMac = bootp.Slice(28, 6);
        bool broadcastFlag = (ReadU16(bootp, 10) & 0x8000) != 0;
        Span<byte> ip = reply[GuestFrame.EthernetLength..];
        Span<byte> out4 = stackalloc byte[4];
        // RFC 2131 section 4.1: NAKs are broadcast; a renewing client (ciaddr set) gets unicast to ciaddr; otherwise
        // the broadcast flag decides between broadcast and unicast to your-IP/chaddr.
        if (replyType == DhcpNak || (IsZero(clientIp) && broadcastFlag))
        {
            FrameWriter.WriteEthernet(reply, BroadcastMac, _gatewayMac, GuestFrame.EtherTypeIpv4);
            out4.Fill(0xFF);
        }
        else
        {
            FrameWriter.WriteEthernet(reply, clientMac, _gatewayMac, GuestFrame.EtherTypeIpv4);
            _privateIpv4.CopyTo(out4);
        }

        FrameWriter.WriteIpv4(ip, _gatewayIpv4, out4, FrameWriter.ProtocolUdp, FrameWriter.UdpHeaderLength + bootpLength, Ipv4Ttl);
        Span<byte> datagram = ip.Slice(FrameWriter.Ipv4HeaderLength, FrameWriter.UdpHeaderLength + bootpLength);
        FrameWriter.WriteUdp(datagram, DhcpServerPort, DhcpClientPort, bootpLength);

        Span<byte> message = datagram.Slice(FrameWriter.UdpHeaderLength, bootpLength);
        message.Clear();
        message[0] = 2; // BOOTREPLY
        message[1] = 1;
        message[2] = 6;
        bootp.Slice(4, 4).CopyTo(message[4..]); // xid
        bootp.Slice(10, 2).CopyTo(message[10..]); // flags (broadcast bit echoed)
        if (replyType == DhcpAck)
        {
            clientIp.CopyTo(message[12..]);
        }

        if (replyType != DhcpNak)
        {
            _privateIpv4.CopyTo(message[16..]);
        }

        bootp.Slice(24, 4).CopyTo(message[24..]); // giaddr
        bootp.Slice(28, 16).CopyTo(message[28..]); // chaddr
        BinaryPrimitives.WriteUInt32BigEndian(message[BootpFixedLength..], DhcpMagicCookie);
        Span<byte> options = message[BootpOptionsOffset..];
        options[0] = OptionMessageType;
        options[1] = 1;
        options[2] = replyType;
        if (replyType == DhcpNak)
        {
            options[3] = OptionServerId;
            options[4] = 4;
            _gatewayIpv4.CopyTo(options[5..]);
            options[9] = OptionEnd;
        }
        else
        {
            replyOptions.CopyTo(options[3..]);
        }

        FrameWriter.FinishUdpV4(ip, datagram);
        return HairpinResult.Replied(length);
    }

    /// <summary>Walks DHCP options; false on an overrun or a missing/invalid message type.</summary>
    private static bool TryReadDhcpV4Options(ReadOnlySpan<byte> options, out byte messageType, out ReadOnlySpan<byte> requestedIp, out ReadOnlySpan<byte> serverId)
    {
        messageType = 0;
        requestedIp = default;
        serverId = default;
        int i = 0;
        while (i < options.Length)
        {
            byte code = options[i];
            if (code == OptionPad)
            {
                i++;
                continue;
            }

            if (code == OptionEnd)
            {
                break;
            }

            if (i + 1 >= options.Length || i + 2 + options[i + 1] > options.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> value = options.Slice(i + 2, options[i + 1]);
            switch (code)
            {
                case OptionMessageType when value.Length == 1:
                    messageType = value[0];
                    break;
                case OptionRequestedIp when value.Length == 4:
                    requestedIp = value;
                    break;
                case OptionServerId when value.Length == 4:
                    serverId = value;
                    break;
                case OptionMessageType or OptionRequestedIp or OptionServerId:
                    return false;
            }

            i += 2 + value.Length;
        }

        return messageType != 0;
    }

    private static byte[] BuildDhcpV4Options(GatewayResponderOptions options)
    {
        var block = new List<byte>(128);
        byte[] gateway = options.GatewayIpv4!.GetAddressBytes();
        AddOption(block, OptionServerId, gateway);
        byte[] lease = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(lease, DhcpLeaseSeconds);
        AddOption(block, OptionLeaseTime, lease);
        AddOption(block, OptionSubnetMask, [255, 255, 255, 255]);
        AddOption(block, OptionRouter, gateway);
        // RFC 3442: the gateway itself is on-link (/32, router 0.0.0.0), then the default route via the gateway. A
        // client that understands option 121 ignores option 3, so both routes must be here.
        AddOption(block, OptionClasslessRoutes, [32, .. gateway, 0, 0, 0, 0, 0, .. gateway]);
        if (options.DnsServersV4.Count > 0)
        {
            var servers = new List<byte>();
            foreach (IPAddress server in options.DnsServersV4)
            {
                if (server.AddressFamily != AddressFamily.InterNetwork)
                {
                    throw new ArgumentException($"IPv4 DNS server {server} is not an IPv4 address", nameof(options));
                }

                servers.AddRange(server.GetAddressBytes());
            }

            AddOption(block, OptionDnsServers, [.. servers]);
        }

        if (options.Hostname is not null)
        {
            DnsNameEncoder.SplitAndValidate(options.Hostname);
            AddOption(block, OptionHostname, System.Text.Encoding.ASCII.GetBytes(options.Hostname));
        }

        if (options.DomainName is not null)
        {
            DnsNameEncoder.SplitAndValidate(options.DomainName);
            AddOption(block, OptionDomainName, System.Text.Encoding.ASCII.GetBytes(options.DomainName.TrimEnd('.')));
        }

        if (options.SearchDomains.Count > 0)
        {
            AddOption(block, OptionDomainSearch, DnsNameEncoder.Encode(options.SearchDomains, compress: true));
        }

        block.Add(OptionEnd);
        if (BootpOptionsOffset + 3 + block.Count > MaximumBootpLength)
        {
            throw new ArgumentException(
                $"the DHCP options need {BootpOptionsOffset + 3 + block.Count} bytes; a DHCP reply must fit {MaximumBootpLength} (shorten the search list, hostname or DNS servers)",
                nameof(options));
        }

        return [.. block];
    }

    /// <summary>Adds an option, split into ≤ 255-byte instances that the client concatenates (RFC 3396).</summary>
    private static void AddOption(List<byte> block, byte code, ReadOnlySpan<byte> value)
    {
        do
        {
            int chunk = Math.Min(255, value.Length);
            block.Add(code);
            block.Add((byte)chunk);
            block.AddRange(value[..chunk]);
            value = value[chunk..];
        }
        while (!value.IsEmpty);
    }
}
