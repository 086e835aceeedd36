namespace OpteNic.Packets;

/// <summary>IP protocol / IPv6 next-header numbers the parser knows (IANA "Assigned Internet Protocol Numbers").</summary>
public enum IpProtocol : byte
{
    /// <summary>IPv6 hop-by-hop options extension header.</summary>
    HopByHop = 0,
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
    /// <summary>IPv6 routing extension header.</summary>
    Ipv6Routing = 43,
    /// <summary>IPv6 fragment extension header.</summary>
    Ipv6Fragment = 44,
    Icmpv6 = 58,
    /// <summary>IPv6 "no next header".</summary>
    Ipv6NoNextHeader = 59,
    /// <summary>IPv6 destination options extension header.</summary>
    Ipv6DestinationOptions = 60,
}
