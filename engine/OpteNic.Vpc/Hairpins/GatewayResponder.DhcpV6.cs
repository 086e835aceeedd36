using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OpteNic.Vpc.Hairpins;

public sealed partial class GatewayResponder
{
    /// <summary>DHCPv6 client port (RFC 8415 section 7.2).</summary>
    public const ushort DhcpV6ClientPort = 546;

    /// <summary>DHCPv6 server port (RFC 8415 section 7.2).</summary>
    public const ushort DhcpV6ServerPort = 547;

    /// <summary>Lifetimes and T1/T2 of the leased address: infinity — the address belongs to the port, never expires.</summary>
    public const uint DhcpV6Infinity = 0xFFFF_FFFF;

    private const byte V6Solicit = 1;
    private const byte V6Advertise = 2;
    private const byte V6Request = 3;
    private const byte V6Confirm = 4;
    private const byte V6Renew = 5;
    private const byte V6Rebind = 6;
    private const byte V6Reply = 7;
    private const byte V6InformationRequest = 11;
    private const ushort V6OptionClientId = 1;
    private const ushort V6OptionServerId = 2;
    private const ushort V6OptionIaNa = 3;
    private const ushort V6OptionIaAddress = 5;
    private const ushort V6OptionPreference = 7;
    private const ushort V6OptionStatusCode = 13;
    private const ushort V6OptionRapidCommit = 14;
    private const ushort V6OptionDnsServers = 23;
    private const ushort V6OptionDomainList = 24;
    private const ushort V6OptionClientFqdn = 39;
    private const ushort V6StatusSuccess = 0;
    private const ushort V6StatusNotOnLink = 4;
    private const int IaNaOptionLength = 4 + 12 + 4 + 24;
    private const byte FqdnFlagServerUpdates = 0x01;
    private const byte FqdnFlagOverride = 0x02;
    private const byte FqdnFlagNoUpdates = 0x04;

    private static ReadOnlySpan<byte> StatusSuccessText => "all addresses on link"u8;
    private static ReadOnlySpan<byte> StatusNotOnLinkText => "address not on link"u8;

    /// <summary>Server identifier option (code, length, DUID-LL: type 3, hardware type 1, gateway MAC).</summary>
    private readonly byte[] _dhcpV6ServerId;

    /// <summary>DNS servers (23) and domain list (24) options, sent in every reply.</summary>
    private readonly byte[] _dhcpV6Information;

    /// <summary>Uncompressed wire name hostname.domain for the client FQDN option (39); empty = no hostname.</summary>
    private readonly byte[] _dhcpV6FqdnName;

    /// <summary>
    /// Answers DHCPv6: Solicit → Advertise (preference 255), or Reply under rapid commit; Request, Renew, Rebind →
    /// Reply with IA_NA = the private IPv6 address at infinite lifetimes; Confirm → Reply with a status saying whether
    /// the client's addresses are ours; Information-request → Reply with DNS options. Replies come from the
    /// gateway's link-local address, UDP 547 → 546, echoing the transaction id and client id.
    /// </summary>
    public HairpinResult RespondDhcpV6(ReadOnlySpan<byte> frame, Span<byte> reply)
        => GuestFrame.TryRead(frame, out GuestFrame request) && request.EtherType == GuestFrame.EtherTypeIpv6 && request.Protocol == FrameWriter.ProtocolUdp
            ? RespondDhcpV6(request, reply)
            : HairpinResult.Malformed;

    private HairpinResult RespondDhcpV6(in GuestFrame request, Span<byte> reply)
    {
        if (!_hasIpv6)
        {
            return HairpinResult.NotConfigured;
        }

        ReadOnlySpan<byte> udp = request.Transport;
        if (udp.Length < FrameWriter.UdpHeaderLength)
        {
            return HairpinResult.Malformed;
        }

        ushort clientPort = ReadU16(udp, 0);
        if (ReadU16(udp, 2) != DhcpV6ServerPort)
        {
            return HairpinResult.NotApplicable;
        }

        int udpLength = ReadU16(udp, 4);
        if (udpLength < FrameWriter.UdpHeaderLength + 4 || udpLength > udp.Length)
        {
            return HairpinResult.Malformed;
        }

        ReadOnlySpan<byte> message = udp[FrameWriter.UdpHeaderLength..udpLength];
        if (!TryReadDhcpV6Options(message[4..], out DhcpV6Request parsed))
        {
            return HairpinResult.Malformed;
        }

        byte messageType = message[0];
        bool serverIdIsOurs = !parsed.ServerId.IsEmpty && parsed.ServerId.SequenceEqual(_dhcpV6ServerId.AsSpan(4));
        // RFC 8415 section 16: which messages must and must not carry a server identifier.
        switch (messageType)
        {
            case V6Solicit or V6Confirm or V6Rebind:
                if (parsed.ClientId.IsEmpty || !parsed.ServerId.IsEmpty)
                {
                    return HairpinResult.Malformed;
                }

                break;
            case V6Request or V6Renew:
                if (parsed.ClientId.IsEmpty || parsed.ServerId.IsEmpty)
                {
                    return HairpinResult.Malformed;
                }

                if (!serverIdIsOurs)
                {
                    return HairpinResult.NotApplicable;
                }

                break;
            case V6InformationRequest:
                if (!parsed.ServerId.IsEmpty && !serverIdIsOurs)
                {
                    return HairpinResult.NotApplicable;
                }

                break;
            default:
                return HairpinResult.NotApplicable;
        }

        bool rapidCommit = messageType == V6Solicit && parsed.RapidCommit;
        byte replyType = messageType == V6Solicit && !rapidCommit ? V6Advertise : V6Reply;
        bool includeAddress = messageType is V6Solicit or V6Request or V6Renew or V6Rebind && parsed.HasIaNa;
        bool confirm = messageType == V6Confirm;
        if (confirm && parsed.ConfirmAddressCount == 0)
        {
            // RFC 8415 section 18.3.3: with no addresses to check the server must not reply.
            return HairpinResult.Suppressed;
        }

        ReadOnlySpan<byte> statusText = parsed.ConfirmAllOurs ? StatusSuccessText : StatusNotOnLinkText;
        int length = 4 + parsed.ClientId.Length + _dhcpV6ServerId.Length
            + (includeAddress ? IaNaOptionLength : 0)
            + (rapidCommit ? 4 : 0)
            + (replyType == V6Advertise ? 5 : 0)
            + (confirm ? 6 + statusText.Length : _dhcpV6Information.Length)
            + (!confirm && _dhcpV6FqdnName.Length > 0 ? 5 + _dhcpV6FqdnName.Length : 0);
        int frameLength = GuestFrame.EthernetLength + FrameWriter.Ipv6HeaderLength + FrameWriter.UdpHeaderLength + length;
        if (reply.Length < frameLength)
        {
            return HairpinResult.BufferTooSmall;
        }

        FrameWriter.WriteEthernet(reply, request.SourceMac, _gatewayMac, GuestFrame.EtherTypeIpv6);
        Span<byte> ip = reply[GuestFrame.EthernetLength..];
        FrameWriter.WriteIpv6(ip, _gatewayLinkLocal, request.SourceIp, FrameWriter.ProtocolUdp, FrameWriter.UdpHeaderLength + length, Ipv6HopLimit);
        Span<byte> datagram = ip.Slice(FrameWriter.Ipv6HeaderLength, FrameWriter.UdpHeaderLength + length);
        FrameWriter.WriteUdp(datagram, DhcpV6ServerPort, clientPort, length);
        Span<byte> body = datagram[FrameWriter.UdpHeaderLength..];
        body[0] = replyType;
        message.Slice(1, 3).CopyTo(body[1..]);
        int at = 4;
        parsed.ClientId.CopyTo(body[at..]);
        at += parsed.ClientId.Length;
        _dhcpV6ServerId.CopyTo(body[at..]);
        at += _dhcpV6ServerId.Length;
        if (includeAddress)
        {
            at = WriteV6OptionHeader(body, at, V6OptionIaNa, IaNaOptionLength - 4);
            parsed.IaId.CopyTo(body[at..]);
            BinaryPrimitives.WriteUInt32BigEndian(body[(at + 4)..], DhcpV6Infinity);
            BinaryPrimitives.WriteUInt32BigEndian(body[(at + 8)..], DhcpV6Infinity);
            at = WriteV6OptionHeader(body, at + 12, V6OptionIaAddress, 24);
            _privateIpv6.CopyTo(body[at..]);
            BinaryPrimitives.WriteUInt32BigEndian(body[(at + 16)..], DhcpV6Infinity);
            BinaryPrimitives.WriteUInt32BigEndian(body[(at + 20)..], DhcpV6Infinity);
            at += 24;
        }

        if (rapidCommit)
        {
            at = WriteV6OptionHeader(body, at, V6OptionRapidCommit, 0);
        }

        if (replyType == V6Advertise)
        {
            // Preference 255 tells the client to stop collecting advertisements and use this server at once.
            at = WriteV6OptionHeader(body, at, V6OptionPreference, 1);
            body[at++] = 255;
        }

        if (confirm)
        {
            at = WriteV6OptionHeader(body, at, V6OptionStatusCode, 2 + statusText.Length);
            BinaryPrimitives.WriteUInt16BigEndian(body[at..], parsed.ConfirmAllOurs ? V6StatusSuccess : V6StatusNotOnLink);
            statusText.CopyTo(body[(at + 2)..]);
            at += 2 + statusText.Length;
        }
        else
        {
            _dhcpV6Information.CopyTo(body[at..]);
            at += _dhcpV6Information.Length;
            if (_dhcpV6FqdnName.Length > 0)
            {
                at = WriteV6OptionHeader(body, at, V6OptionClientFqdn, 1 + _dhcpV6FqdnName.Length);
                // RFC 4704 section 4.1: the server will not update DNS (N=1, S=0); O=1 when that overrides a client
                // that asked the server to update (S=1).
                body[at++] = (byte)(FqdnFlagNoUpdates | (parsed.ClientFqdnFlags & FqdnFlagServerUpdates) << 1);
                _dhcpV6FqdnName.CopyTo(body[at..]);
                at += _dhcpV6FqdnName.Length;
            }
        }

        System.Diagnostics.Debug.Assert(at == length, "DHCPv6 reply length mismatch");
        FrameWriter.FinishV6(ip, datagram, FrameWriter.ProtocolUdp, 6);
        return HairpinResult.Replied(frameLength);
    }

    private static int WriteV6OptionHeader(Span<byte> body, int at, ushort code, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(body[at..], code);
        BinaryPrimitives.WriteUInt16BigEndian(body[(at + 2)..], (ushort)length);
        return at + 4;
    }

    /// <summary>What a DHCPv6 request carries that the reply depends on.</summary>
    private ref struct DhcpV6Request
    {
        /// <summary>The whole client identifier option, header included, echoed verbatim.</summary>
        public ReadOnlySpan<byte> ClientId;
        /// <summary>The server DUID (option value only).</summary>
        public ReadOnlySpan<byte> ServerId;
        public ReadOnlySpan<byte> IaId;
        public bool HasIaNa;
        public bool RapidCommit;
        public byte ClientFqdnFlags;
        public int ConfirmAddressCount;
        public bool ConfirmAllOurs;
    }

    private bool TryReadDhcpV6Options(ReadOnlySpan<byte> options, out DhcpV6Request parsed)
    {
        parsed = default;
        parsed.ConfirmAllOurs = true;
        while (!options.IsEmpty)
        {
            if (options.Length < 4)
            {
                return false;
            }

            ushort code = ReadU16(options, 0);
            int length = ReadU16(options, 2);
            if (4 + length > options.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> value = options.Slice(4, length);
            switch (code)
            {
                case V6OptionClientId:
                    if (length < 2 || !parsed.ClientId.IsEmpty)
                    {
                        return false;
                    }

                    parsed.ClientId = options[..(4 + length)];
                    break;
                case V6OptionServerId:
                    if (length < 2 || !parsed.ServerId.IsEmpty)
                    {
                        return false;
                    }

                    parsed.ServerId = value;
                    break;
                case V6OptionIaNa:
                    if (length < 12)
                    {
                        return false;
                    }

                    if (!parsed.HasIaNa)
                    {
                        parsed.HasIaNa = true;
                        parsed.IaId = value[..4];
                    }

                    if (!TryCountIaAddresses(value[12..], ref parsed))
                    {
                        return false;
                    }

                    break;
                case V6OptionRapidCommit:
                    parsed.RapidCommit = true;
                    break;
                case V6OptionClientFqdn:
                    if (length < 1)
                    {
                        return false;
                    }

                    parsed.ClientFqdnFlags = value[0];
                    break;
            }

            options = options[(4 + length)..];
        }

        return true;
    }

    private bool TryCountIaAddresses(ReadOnlySpan<byte> options, ref DhcpV6Request parsed)
    {
        while (!options.IsEmpty)
        {
            if (options.Length < 4)
            {
                return false;
            }

            ushort code = ReadU16(options, 0);
            int length = ReadU16(options, 2);
            if (4 + length > options.Length || (code == V6OptionIaAddress && length < 24))
            {
                return false;
            }

            if (code == V6OptionIaAddress)
            {
                parsed.ConfirmAddressCount++;
                parsed.ConfirmAllOurs &= options.Slice(4, 16).SequenceEqual(_privateIpv6);
            }

            options = options[(4 + length)..];
        }

        return true;
    }

    private static (byte[] ServerId, byte[] Information, byte[] FqdnName) BuildDhcpV6Parts(GatewayResponderOptions options, byte[] gatewayMac)
    {
        // DUID-LL (RFC 8415 section 11.4): type 3, hardware type 1 (Ethernet), the gateway MAC.
        byte[] serverId = [0, (byte)V6OptionServerId, 0, 10, 0, 3, 0, 1, .. gatewayMac];
        var information = new List<byte>();
        if (options.DnsServersV6.Count > 0)
        {
            var servers = new List<byte>();
            foreach (IPAddress server in options.DnsServersV6)
            {
                if (server.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    throw new ArgumentException($"IPv6 DNS server {server} is not an IPv6 address", nameof(options));
                }

                servers.AddRange(server.GetAddressBytes());
            }

            AddV6Option(information, V6OptionDnsServers, servers);
        }

        if (options.SearchDomains.Count > 0)
        {
            AddV6Option(information, V6OptionDomainList, DnsNameEncoder.Encode(options.SearchDomains, compress: false));
        }

        byte[] fqdn = [];
        if (options.Hostname is not null)
        {
            string name = options.DomainName is null ? options.Hostname : $"{options.Hostname.TrimEnd('.')}.{options.DomainName}";
            fqdn = DnsNameEncoder.EncodeOne(name);
        }

        return (serverId, [.. information], fqdn);
    }

    private static void AddV6Option(List<byte> block, ushort code, IReadOnlyCollection<byte> value)
    {
        if (value.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"DHCPv6 option {code} is too long ({value.Count} bytes)");
        }

        block.Add((byte)(code >> 8));
        block.Add((byte)code);
        block.Add((byte)(value.Count >> 8));
        block.Add((byte)value.Count);
        block.AddRange(value);
    }
}
