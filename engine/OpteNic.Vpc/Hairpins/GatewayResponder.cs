using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// Builds the replies the VPC gateway gives a guest without the packet ever leaving the port: ARP, DHCPv4, DHCPv6,
/// NDP and ICMP echo (section 3, gateway layer). One instance per port, built from its configuration; constant reply
/// parts (DHCP option blocks, server DUID) are encoded once here. The per-packet methods read the request frame,
/// write the reply into the caller's span, allocate nothing and never throw on frame content.
/// </summary>
public sealed partial class GatewayResponder
{
    /// <summary>Hop limit of every IPv6 reply: NDP requires 255 (RFC 4861 section 6.1.2) and it is harmless elsewhere.</summary>
    public const byte Ipv6HopLimit = 255;

    /// <summary>TTL of IPv4 replies.</summary>
    public const byte Ipv4Ttl = 64;

    private static ReadOnlySpan<byte> BroadcastMac => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private readonly byte[] _guestMac;
    private readonly byte[] _gatewayMac;
    private readonly byte[] _privateIpv4 = new byte[4];
    private readonly byte[] _gatewayIpv4 = new byte[4];
    private readonly byte[] _privateIpv6 = new byte[16];
    private readonly byte[] _gatewayIpv6 = new byte[16];
    private readonly byte[] _gatewayLinkLocal;
    private readonly bool _hasIpv4;
    private readonly bool _hasIpv6;
    private readonly int _mtu;

    /// <summary>Validates <paramref name="options"/> and precomputes the constant reply parts.</summary>
    /// <exception cref="ArgumentException">A value is missing, malformed or inconsistent; the message names it.</exception>
    public GatewayResponder(GatewayResponderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guestMac = CheckMac(options.GuestMac, nameof(options.GuestMac));
        _gatewayMac = CheckMac(options.GatewayMac, nameof(options.GatewayMac));
        if (_guestMac.AsSpan().SequenceEqual(_gatewayMac))
        {
            throw new ArgumentException("the guest MAC must differ from the gateway MAC", nameof(options));
        }

        _gatewayLinkLocal = LinkLocalFromMac(_gatewayMac);
        _hasIpv4 = CheckPair(options.PrivateIpv4, options.GatewayIpv4, AddressFamily.InterNetwork, _privateIpv4, _gatewayIpv4, "IPv4");
        _hasIpv6 = CheckPair(options.PrivateIpv6, options.GatewayIpv6 ?? new IPAddress(_gatewayLinkLocal), AddressFamily.InterNetworkV6, _privateIpv6, _gatewayIpv6, "IPv6")
            && options.PrivateIpv6 is not null;
        if (!_hasIpv4 && !_hasIpv6)
        {
            throw new ArgumentException("the port needs an IPv4 or an IPv6 configuration (or both)", nameof(options));
        }

        int minimumMtu = _hasIpv6 ? 1280 : 576;
        if (options.Mtu < minimumMtu || options.Mtu > 9216)
        {
            throw new ArgumentException($"MTU {options.Mtu} is outside {minimumMtu}–9216", nameof(options));
        }

        _mtu = options.Mtu;
        _dhcpV4OfferOptions = _hasIpv4 ? BuildDhcpV4Options(options) : [];
        (_dhcpV6ServerId, _dhcpV6Information, _dhcpV6FqdnName) = BuildDhcpV6Parts(options, _gatewayMac);
    }

    /// <summary>The gateway's IPv6 link-local address (fe80::/64 + modified EUI-64 of the gateway MAC).</summary>
    public ReadOnlySpan<byte> GatewayLinkLocal => _gatewayLinkLocal;

    /// <summary>
    /// Answers whatever gateway request <paramref name="frame"/> is (ARP, DHCPv4, DHCPv6, RS, NS, ICMP/ICMPv6 echo),
    /// writing the reply at the start of <paramref name="reply"/>.
    /// </summary>
    public HairpinResult Respond(ReadOnlySpan<byte> frame, Span<byte> reply)
    {
        if (!GuestFrame.TryRead(frame, out GuestFrame request))
        {
            return HairpinResult.Malformed;
        }

        switch (request.EtherType)
        {
            case GuestFrame.EtherTypeArp:
                return RespondArp(request, reply);
            case GuestFrame.EtherTypeIpv4 when request.Protocol == FrameWriter.ProtocolIcmp:
                return RespondIcmpEchoV4(request, reply);
            case GuestFrame.EtherTypeIpv4 when request.Protocol == FrameWriter.ProtocolUdp:
                return RespondDhcpV4(request, reply);
            case GuestFrame.EtherTypeIpv6 when request.Protocol == FrameWriter.ProtocolIcmpV6:
                if (request.Transport.Length < 4)
                {
                    return HairpinResult.Malformed;
                }

                return request.Transport[0] switch
                {
                    IcmpV6EchoRequest => RespondIcmpEchoV6(request, reply),
                    NdpRouterSolicitation => RespondRouterSolicitation(request, reply),
                    NdpNeighborSolicitation => RespondNeighborSolicitation(request, reply),
                    _ => HairpinResult.NotApplicable,
                };
            case GuestFrame.EtherTypeIpv6 when request.Protocol == FrameWriter.ProtocolUdp:
                return RespondDhcpV6(request, reply);
            default:
                return HairpinResult.NotApplicable;
        }
    }

    /// <summary>fe80::/64 with the modified EUI-64 interface id of <paramref name="mac"/> (RFC 4291 appendix A).</summary>
    public static byte[] LinkLocalFromMac(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6)
        {
            throw new ArgumentException("a MAC address has 6 bytes", nameof(mac));
        }

        byte[] address = new byte[16];
        address[0] = 0xFE;
        address[1] = 0x80;
        address[8] = (byte)(mac[0] ^ 0x02);
        address[9] = mac[1];
        address[10] = mac[2];
        address[11] = 0xFF;
        address[12] = 0xFE;
        address[13] = mac[3];
        address[14] = mac[4];
        address[15] = mac[5];
        return address;
    }

    /// <summary>The Ethernet group address of an IPv6 multicast address (33:33 + its last four bytes, RFC 2464 section 7).</summary>
    internal static void WriteMulticastMac(ReadOnlySpan<byte> ipv6Multicast, Span<byte> mac)
    {
        mac[0] = 0x33;
        mac[1] = 0x33;
        ipv6Multicast.Slice(12, 4).CopyTo(mac[2..]);
    }

    private static byte[] CheckMac(byte[]? mac, string name)
    {
        if (mac is null || mac.Length != 6)
        {
            throw new ArgumentException($"{name} must be 6 bytes", name);
        }

        if ((mac[0] & 1) != 0)
        {
            throw new ArgumentException($"{name} must be a unicast MAC (group bit clear)", name);
        }

        return (byte[])mac.Clone();
    }

    private static bool CheckPair(IPAddress? privateIp, IPAddress? gatewayIp, AddressFamily family, byte[] privateBytes, byte[] gatewayBytes, string label)
    {
        if (privateIp is null)
        {
            return false;
        }

        if (privateIp.AddressFamily != family)
        {
            throw new ArgumentException($"the private {label} address {privateIp} is not an {label} address");
        }

        if (gatewayIp is null)
        {
            throw new ArgumentException($"a private {label} address needs a gateway {label} address");
        }

        if (gatewayIp.AddressFamily != family)
        {
            throw new ArgumentException($"the gateway {label} address {gatewayIp} is not an {label} address");
        }

        if (privateIp.Equals(gatewayIp))
        {
            throw new ArgumentException($"the gateway {label} address {gatewayIp} equals the private address");
        }

        privateIp.TryWriteBytes(privateBytes, out _);
        gatewayIp.TryWriteBytes(gatewayBytes, out _);
        return true;
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);

    private static ushort ReadU16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..]);
}
