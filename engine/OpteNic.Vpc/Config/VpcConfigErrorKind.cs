namespace OpteNic.Vpc.Config;

/// <summary>Which check a VPC port configuration failed (the create-xde command reports it as InvalidIpCfg/PortCreate).</summary>
public enum VpcConfigErrorKind : byte
{
    /// <summary>The guest MAC is a group address, or equals the gateway MAC.</summary>
    InvalidGuestMac,
    /// <summary>The gateway MAC is a group address.</summary>
    InvalidGatewayMac,
    /// <summary>The underlay (physical) IPv6 address is unspecified or multicast.</summary>
    InvalidPhysIp,
    /// <summary>The private IP lies outside the VPC subnet.</summary>
    PrivateIpOutsideSubnet,
    /// <summary>The private IP is the subnet's network or broadcast address, unspecified or multicast.</summary>
    InvalidPrivateIp,
    /// <summary>The gateway IP equals the private IP.</summary>
    GatewayIpEqualsPrivateIp,
    /// <summary>The gateway IP is unspecified or multicast.</summary>
    InvalidGatewayIp,
    /// <summary>The SNAT port range has its start after its end.</summary>
    SnatPortRangeInverted,
    /// <summary>The SNAT port range holds no usable port (it includes port 0).</summary>
    SnatPortRangeEmpty,
    /// <summary>An external IP is unspecified, multicast, or inside the VPC subnet, or listed twice.</summary>
    InvalidExternalIp,
    /// <summary>An IPv4 address appears where IPv6 belongs (IPv4-mapped IPv6) or the reverse.</summary>
    MixedAddressFamilies,
    /// <summary>The MTU is outside what the port can carry.</summary>
    InvalidMtu,
    /// <summary>The DHCP options are malformed or do not fit a reply.</summary>
    InvalidDhcp,
    /// <summary>An attached subnet or transit CIDR overlaps the VPC subnet or is listed twice.</summary>
    InvalidSubnet,
    /// <summary>A live reconfiguration tried to change what only a new port can (MAC, VNI, underlay, subnets, private/gateway IPs).</summary>
    ImmutableField,
    /// <summary>
    /// The engine port refused the new rules (<see cref="VpcConfigError.EngineResult"/> says why): a paused port takes
    /// no rule change (BadState), so neither does its configuration. Nothing changed. Distinct from
    /// <see cref="ImmutableField"/> so the caller can answer with the port's state rather than blame the request.
    /// </summary>
    EngineRefused,
}
