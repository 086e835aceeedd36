namespace OpteNic.Engine.Rules;

/// <summary>The kinds of header predicate (behaviour §1 "Header predicates").</summary>
public enum PredicateKind : byte
{
    /// <summary>Inner ether type is one of the values.</summary>
    InnerEtherType,
    /// <summary>Inner destination MAC is one of the values (or has the multicast bit).</summary>
    InnerEtherDst,
    /// <summary>Inner source MAC is one of the values (or has the multicast bit).</summary>
    InnerEtherSrc,
    /// <summary>Inner source IP lies in one of the prefixes.</summary>
    InnerSrcIp,
    /// <summary>Inner destination IP lies in one of the prefixes.</summary>
    InnerDstIp,
    /// <summary>Inner IP protocol (after IPv6 extension headers) is one of the values.</summary>
    InnerIpProtocol,
    /// <summary>TCP/UDP source port lies in one of the ranges.</summary>
    InnerSrcPort,
    /// <summary>TCP/UDP destination port lies in one of the ranges.</summary>
    InnerDstPort,
    /// <summary>ICMP type lies in one of the ranges.</summary>
    IcmpType,
    /// <summary>ICMP code lies in one of the ranges.</summary>
    IcmpCode,
    /// <summary>ICMPv6 type lies in one of the ranges.</summary>
    Icmp6Type,
    /// <summary>ICMPv6 code lies in one of the ranges.</summary>
    Icmp6Code,
    /// <summary>The inner predicate does not hold.</summary>
    Not,
    /// <summary>At least one inner predicate holds.</summary>
    Any,
    /// <summary>Every inner predicate holds.</summary>
    All,
    /// <summary>Pipeline metadata has key = value exactly.</summary>
    Meta,
}
