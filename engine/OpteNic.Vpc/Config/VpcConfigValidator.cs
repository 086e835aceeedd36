using System.Globalization;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Layers;

namespace OpteNic.Vpc.Config;

/// <summary>
/// Checks a port's VPC configuration before anything is built, so an invalid configuration never creates a
/// half-built port. Returns the first failure with a precise message; null means valid.
/// </summary>
public static class VpcConfigValidator
{
    /// <summary>Smallest MTU accepted: IPv6's minimum link MTU (RFC 8200 section 5); IPv4-only ports may go to 576.</summary>
    public const int MinimumMtu = 576;

    /// <summary>Largest MTU accepted (jumbo frames).</summary>
    public const int MaximumMtu = 9216;

    /// <summary>Validates <paramref name="config"/>, its DHCP settings and MTU.</summary>
    public static VpcConfigError? Validate(VpcCfg config, DhcpCfg? dhcp = null, int mtu = 1500)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.GuestMac.IsMulticast)
        {
            return new(VpcConfigErrorKind.InvalidGuestMac, $"guest MAC {config.GuestMac} is a group address");
        }

        if (config.GatewayMac.IsMulticast)
        {
            return new(VpcConfigErrorKind.InvalidGatewayMac, $"gateway MAC {config.GatewayMac} is a group address");
        }

        if (config.GuestMac == config.GatewayMac)
        {
            return new(VpcConfigErrorKind.InvalidGuestMac, $"guest MAC {config.GuestMac} equals the gateway MAC");
        }

        if (config.PhysIp.Value == UInt128.Zero || config.PhysIp.IsMulticast)
        {
            return new(VpcConfigErrorKind.InvalidPhysIp, $"underlay address {config.PhysIp} must be a unicast IPv6 address");
        }

        Ipv4Cfg? v4 = config.IpCfg switch
        {
            IpCfg.Ipv4 only => only.Config,
            IpCfg.DualStack dual => dual.V4,
            _ => null,
        };
        Ipv6Cfg? v6 = config.IpCfg switch
        {
            IpCfg.Ipv6 only => only.Config,
            IpCfg.DualStack dual => dual.V6,
            _ => null,
        };

        VpcConfigError? error = (v4 is null ? null : ValidateIpv4(v4)) ?? (v6 is null ? null : ValidateIpv6(v6));
        if (error is not null)
        {
            return error;
        }

        int minimum = v6 is null ? MinimumMtu : 1280;
        if (mtu < minimum || mtu > MaximumMtu)
        {
            return new(VpcConfigErrorKind.InvalidMtu, string.Create(CultureInfo.InvariantCulture, $"MTU {mtu} is outside {minimum}–{MaximumMtu}"));
        }

        if (dhcp is not null)
        {
            foreach (Ipv6Addr server in dhcp.Dns6Servers)
            {
                if (IsIpv4Mapped(server))
                {
                    return new(VpcConfigErrorKind.MixedAddressFamilies, $"IPv6 DNS server {server} is an IPv4-mapped address");
                }
            }

            try
            {
                // Building the responder encodes every DHCP option once: the same checks the port will rely on.
                _ = new GatewayResponder(VpcGateway.ResponderOptions(config, dhcp, mtu));
            }
            catch (ArgumentException e)
            {
                // The responder's checks are worded for operators; .NET's " (Parameter 'x')" suffix is not.
                var words = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
                return new(VpcConfigErrorKind.InvalidDhcp, words);
            }
        }

        return null;
    }

    private static VpcConfigError? ValidateIpv4(Ipv4Cfg c)
    {
        Ipv4Cidr subnet = c.VpcSubnet;
        if (!subnet.Contains(c.PrivateIp))
        {
            return new(VpcConfigErrorKind.PrivateIpOutsideSubnet, $"private IP {c.PrivateIp} is outside VPC subnet {subnet}");
        }

        if (c.GatewayIp == c.PrivateIp)
        {
            return new(VpcConfigErrorKind.GatewayIpEqualsPrivateIp, $"gateway IP {c.GatewayIp} equals the private IP");
        }

        if (c.PrivateIp.Value == 0 || c.PrivateIp.IsMulticast || (subnet.PrefixLength <= 30
            && (c.PrivateIp.Value == (subnet.Ip.Value & subnet.Mask) || c.PrivateIp.Value == (subnet.Ip.Value | ~subnet.Mask))))
        {
            return new(VpcConfigErrorKind.InvalidPrivateIp, $"private IP {c.PrivateIp} is not a usable host address of {subnet}");
        }

        if (c.GatewayIp.Value == 0 || c.GatewayIp.IsMulticast)
        {
            return new(VpcConfigErrorKind.InvalidGatewayIp, $"gateway IP {c.GatewayIp} must be a unicast address");
        }

        var seen = new HashSet<uint>();
        if (c.ExternalIps.Snat is { } snat)
        {
            VpcConfigError? range = ValidateSnatRange(snat.PortStart, snat.PortEnd);
            if (range is not null)
            {
                return range;
            }

            if (ExternalV4Invalid(snat.ExternalIp, subnet, seen, out string? why))
            {
                return new(VpcConfigErrorKind.InvalidExternalIp, $"SNAT IP {snat.ExternalIp} {why}");
            }
        }

        if (c.ExternalIps.EphemeralIp is { } ephemeral && ExternalV4Invalid(ephemeral, subnet, seen, out string? ephemeralWhy))
        {
            return new(VpcConfigErrorKind.InvalidExternalIp, $"ephemeral IP {ephemeral} {ephemeralWhy}");
        }

        foreach (Ipv4Addr floating in c.ExternalIps.FloatingIps)
        {
            if (ExternalV4Invalid(floating, subnet, seen, out string? why))
            {
                return new(VpcConfigErrorKind.InvalidExternalIp, $"floating IP {floating} {why}");
            }
        }

        var cidrs = new HashSet<Ipv4Cidr>();
        foreach (AttachedSubnet<Ipv4Cidr> attached in c.AttachedSubnets)
        {
            if (!cidrs.Add(attached.Cidr.Network) || Overlaps(attached.Cidr, subnet))
            {
                return new(VpcConfigErrorKind.InvalidSubnet, $"attached subnet {attached.Cidr} overlaps the VPC subnet or is listed twice");
            }
        }

        // Transit CIDRs widen anti-spoofing (the guest routes for them): one that overlapped the VPC subnet would let the
        // guest send as its neighbours; overlapping each other or an attached subnet makes their allow flags ambiguous.
        var transits = new List<Ipv4Cidr>();
        foreach (TransitIp<Ipv4Cidr> transit in c.TransitIps)
        {
            string? clash = Overlaps(transit.Cidr, subnet) ? $"the VPC subnet {subnet}"
                : transits.Exists(t => Overlaps(t, transit.Cidr)) ? $"transit CIDR {transits.Find(t => Overlaps(t, transit.Cidr))}"
                : c.AttachedSubnets.FirstOrDefault(a => Overlaps(a.Cidr, transit.Cidr)) is { } attached ? $"attached subnet {attached.Cidr}"
                : null;
            if (clash is not null)
            {
                return new(VpcConfigErrorKind.InvalidSubnet, $"transit CIDR {transit.Cidr} overlaps {clash}");
            }

            transits.Add(transit.Cidr);
        }

        return null;
    }

    private static VpcConfigError? ValidateIpv6(Ipv6Cfg c)
    {
        Ipv6Cidr subnet = c.VpcSubnet;
        foreach ((Ipv6Addr address, string what) in new[] { (c.PrivateIp, "private IP"), (c.GatewayIp, "gateway IP"), (subnet.Ip, "VPC subnet") })
        {
            if (IsIpv4Mapped(address))
            {
                return new(VpcConfigErrorKind.MixedAddressFamilies, $"IPv6 {what} {address} is an IPv4-mapped address");
            }
        }

        if (!subnet.Contains(c.PrivateIp))
        {
            return new(VpcConfigErrorKind.PrivateIpOutsideSubnet, $"private IP {c.PrivateIp} is outside VPC subnet {subnet}");
        }

        if (c.GatewayIp == c.PrivateIp)
        {
            return new(VpcConfigErrorKind.GatewayIpEqualsPrivateIp, $"gateway IP {c.GatewayIp} equals the private IP");
        }

        if (c.PrivateIp.Value == UInt128.Zero || c.PrivateIp.IsMulticast)
        {
            return new(VpcConfigErrorKind.InvalidPrivateIp, $"private IP {c.PrivateIp} is not a unicast address");
        }

        if (c.GatewayIp.Value == UInt128.Zero || c.GatewayIp.IsMulticast)
        {
            return new(VpcConfigErrorKind.InvalidGatewayIp, $"gateway IP {c.GatewayIp} must be a unicast address");
        }

        var seen = new HashSet<UInt128>();
        if (c.ExternalIps.Snat is { } snat)
        {
            VpcConfigError? range = ValidateSnatRange(snat.PortStart, snat.PortEnd);
            if (range is not null)
            {
                return range;
            }

            if (ExternalV6Invalid(snat.ExternalIp, subnet, seen, out string? why))
            {
                return new(VpcConfigErrorKind.InvalidExternalIp, $"SNAT IP {snat.ExternalIp} {why}");
            }
        }

        if (c.ExternalIps.EphemeralIp is { } ephemeral && ExternalV6Invalid(ephemeral, subnet, seen, out string? ephemeralWhy))
        {
            return new(VpcConfigErrorKind.InvalidExternalIp, $"ephemeral IP {ephemeral} {ephemeralWhy}");
        }

        foreach (Ipv6Addr floating in c.ExternalIps.FloatingIps)
        {
            if (ExternalV6Invalid(floating, subnet, seen, out string? why))
            {
                return new(VpcConfigErrorKind.InvalidExternalIp, $"floating IP {floating} {why}");
            }
        }

        var cidrs = new HashSet<Ipv6Cidr>();
        foreach (AttachedSubnet<Ipv6Cidr> attached in c.AttachedSubnets)
        {
            if (IsIpv4Mapped(attached.Cidr.Ip) || !cidrs.Add(attached.Cidr.Network) || Overlaps(attached.Cidr, subnet))
            {
                return new(VpcConfigErrorKind.InvalidSubnet, $"attached subnet {attached.Cidr} overlaps the VPC subnet, is listed twice or is IPv4-mapped");
            }
        }

        var transits = new List<Ipv6Cidr>();
        foreach (TransitIp<Ipv6Cidr> transit in c.TransitIps)
        {
            string? clash = IsIpv4Mapped(transit.Cidr.Ip) ? "the IPv4-mapped range"
                : Overlaps(transit.Cidr, subnet) ? $"the VPC subnet {subnet}"
                : transits.Exists(t => Overlaps(t, transit.Cidr)) ? $"transit CIDR {transits.Find(t => Overlaps(t, transit.Cidr))}"
                : c.AttachedSubnets.FirstOrDefault(a => Overlaps(a.Cidr, transit.Cidr)) is { } attached ? $"attached subnet {attached.Cidr}"
                : null;
            if (clash is not null)
            {
                return new(VpcConfigErrorKind.InvalidSubnet, $"transit CIDR {transit.Cidr} overlaps {clash}");
            }

            transits.Add(transit.Cidr);
        }

        return null;
    }

    private static VpcConfigError? ValidateSnatRange(ushort start, ushort end)
    {
        if (start > end)
        {
            return new(VpcConfigErrorKind.SnatPortRangeInverted, string.Create(CultureInfo.InvariantCulture, $"SNAT port range {start}–{end} is inverted"));
        }

        if (start == 0)
        {
            return new(VpcConfigErrorKind.SnatPortRangeEmpty, string.Create(CultureInfo.InvariantCulture, $"SNAT port range {start}–{end} includes port 0, which no flow can use"));
        }

        return null;
    }

    private static bool ExternalV4Invalid(Ipv4Addr address, Ipv4Cidr subnet, HashSet<uint> seen, out string? why)
    {
        why = address.Value == 0 || address.IsMulticast ? "is not a unicast address"
            : subnet.Contains(address) ? $"is inside the VPC subnet {subnet}"
            : !seen.Add(address.Value) ? "is configured twice"
            : null;
        return why is not null;
    }

    private static bool ExternalV6Invalid(Ipv6Addr address, Ipv6Cidr subnet, HashSet<UInt128> seen, out string? why)
    {
        why = address.Value == UInt128.Zero || address.IsMulticast ? "is not a unicast address"
            : IsIpv4Mapped(address) ? "is an IPv4-mapped address"
            : subnet.Contains(address) ? $"is inside the VPC subnet {subnet}"
            : !seen.Add(address.Value) ? "is configured twice"
            : null;
        return why is not null;
    }

    private static bool Overlaps(Ipv4Cidr a, Ipv4Cidr b)
    {
        uint mask = Math.Min(a.PrefixLength, b.PrefixLength) == 0 ? 0 : uint.MaxValue << (32 - Math.Min(a.PrefixLength, b.PrefixLength));
        return (a.Ip.Value & mask) == (b.Ip.Value & mask);
    }

    private static bool Overlaps(Ipv6Cidr a, Ipv6Cidr b)
    {
        UInt128 mask = a.PrefixLength < b.PrefixLength ? a.Mask : b.Mask;
        return (a.Ip.Value & mask) == (b.Ip.Value & mask);
    }

    private static bool IsIpv4Mapped(Ipv6Addr address) => address.Value >> 32 == 0xFFFF;
}
