using System.Net;

namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// The port configuration values the gateway's hairpins need, in plain BCL types. The port builder fills it from the
/// port's VPC configuration; <see cref="GatewayResponder"/> validates it and precomputes every constant reply part
/// once, so the per-packet path only copies bytes.
/// </summary>
public sealed class GatewayResponderOptions
{
    /// <summary>The MAC the guest's NIC uses (6 bytes).</summary>
    public required byte[] GuestMac { get; init; }

    /// <summary>The virtual gateway's MAC (6 bytes); OPTE uses A8:40:25:FF:77:77.</summary>
    public required byte[] GatewayMac { get; init; }

    /// <summary>The guest's private IPv4 address, when the port has IPv4.</summary>
    public IPAddress? PrivateIpv4 { get; init; }

    /// <summary>The VPC subnet's gateway IPv4 address, when the port has IPv4.</summary>
    public IPAddress? GatewayIpv4 { get; init; }

    /// <summary>The guest's private IPv6 address, when the port has IPv6.</summary>
    public IPAddress? PrivateIpv6 { get; init; }

    /// <summary>
    /// The VPC subnet's gateway IPv6 address, answered by neighbor discovery in addition to the gateway's link-local
    /// address (the EUI-64 of <see cref="GatewayMac"/>). Null = only the link-local address.
    /// </summary>
    public IPAddress? GatewayIpv6 { get; init; }

    /// <summary>Port MTU advertised in router advertisements.</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>DHCP option 12 and the host part of the DHCPv6 FQDN; null = not sent.</summary>
    public string? Hostname { get; init; }

    /// <summary>DHCP option 15 and the domain part of the DHCPv6 FQDN; null = not sent.</summary>
    public string? DomainName { get; init; }

    /// <summary>DHCP option 119 / DHCPv6 option 24 search domains, in order.</summary>
    public IReadOnlyList<string> SearchDomains { get; init; } = [];

    /// <summary>DHCP option 6 DNS servers (IPv4).</summary>
    public IReadOnlyList<IPAddress> DnsServersV4 { get; init; } = [];

    /// <summary>DHCPv6 option 23 DNS servers (IPv6).</summary>
    public IReadOnlyList<IPAddress> DnsServersV6 { get; init; } = [];
}
