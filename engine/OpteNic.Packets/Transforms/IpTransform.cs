namespace OpteNic.Packets.Transforms;

/// <summary>
/// The action on an IP slot (outer or inner). Push: IPv4 {src, dst, proto, flags} or IPv6 {src, dst, proto, extension
/// headers} — the family follows <see cref="Src"/>; Modify: {src, dst, proto} per <see cref="Set"/> (same family as the
/// packet). A plain value: nothing to allocate to hold or apply it.
/// </summary>
public readonly struct IpTransform : IEquatable<IpTransform>
{
    public HeaderAction Action { get; init; }

    /// <summary>Fields a Modify sets (Push always writes all).</summary>
    public IpFields Set { get; init; }

    public IpAddr Src { get; init; }

    public IpAddr Dst { get; init; }

    /// <summary>Upper-layer protocol (for a pushed IPv6 header: the protocol after its extension headers).</summary>
    public IpProtocol Protocol { get; init; }

    /// <summary>IPv4 flags field of a Push (e.g. <see cref="Headers.Ipv4Header.DontFragment"/>).</summary>
    public byte Ipv4Flags { get; init; }

    /// <summary>TTL / hop limit of a Push; 0 means the default, 64.</summary>
    public byte HopLimit { get; init; }

    /// <summary>
    /// Pre-built IPv6 extension headers a Push places after the fixed header, already chained: each names the next,
    /// the last names <see cref="Protocol"/>. Allocated once when the rule is made, never per packet. Length a
    /// multiple of 8.
    /// </summary>
    public ReadOnlyMemory<byte> Ipv6ExtensionHeaders { get; init; }

    /// <summary>Type of the first extension header in <see cref="Ipv6ExtensionHeaders"/> (the fixed header's next header).</summary>
    public IpProtocol FirstExtensionHeader { get; init; }

    /// <summary>True when the pushed header is IPv4.</summary>
    public bool IsIpv4 => Src.IsIpv4;

    public static IpTransform Ignore => default;

    public static IpTransform Pop => new() { Action = HeaderAction.Pop };

    /// <summary>Push an IPv4 header.</summary>
    public static IpTransform PushIpv4(IpAddr src, IpAddr dst, IpProtocol protocol, byte flags = 0) =>
        new() { Action = HeaderAction.Push, Set = IpFields.Src | IpFields.Dst | IpFields.Protocol, Src = src, Dst = dst, Protocol = protocol, Ipv4Flags = flags };

    /// <summary>Push an IPv6 header, optionally followed by pre-built extension headers.</summary>
    public static IpTransform PushIpv6(IpAddr src, IpAddr dst, IpProtocol protocol, ReadOnlyMemory<byte> extensionHeaders = default,
        IpProtocol firstExtensionHeader = IpProtocol.HopByHop) =>
        new()
        {
            Action = HeaderAction.Push,
            Set = IpFields.Src | IpFields.Dst | IpFields.Protocol,
            Src = src,
            Dst = dst,
            Protocol = protocol,
            Ipv6ExtensionHeaders = extensionHeaders,
            FirstExtensionHeader = firstExtensionHeader,
        };

    /// <summary>Modify the given fields; null leaves a field unchanged.</summary>
    public static IpTransform Modify(IpAddr? src = null, IpAddr? dst = null, IpProtocol? protocol = null) => new()
    {
        Action = HeaderAction.Modify,
        Set = (src.HasValue ? IpFields.Src : 0) | (dst.HasValue ? IpFields.Dst : 0) | (protocol.HasValue ? IpFields.Protocol : 0),
        Src = src.GetValueOrDefault(),
        Dst = dst.GetValueOrDefault(),
        Protocol = protocol.GetValueOrDefault(),
    };

    public bool Equals(IpTransform other) =>
        Action == other.Action && Set == other.Set && Src == other.Src && Dst == other.Dst && Protocol == other.Protocol &&
        Ipv4Flags == other.Ipv4Flags && HopLimit == other.HopLimit && FirstExtensionHeader == other.FirstExtensionHeader &&
        Ipv6ExtensionHeaders.Span.SequenceEqual(other.Ipv6ExtensionHeaders.Span);

    public override bool Equals(object? obj) => obj is IpTransform other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Action, Set, Src, Dst, Protocol, Ipv4Flags, HopLimit, Ipv6ExtensionHeaders.Length);

    public override string ToString() => Action switch
    {
        HeaderAction.Push => $"push ip {Src}→{Dst} proto {Protocol}",
        HeaderAction.Pop => "pop ip",
        HeaderAction.Modify => $"modify ip{((Set & IpFields.Src) != 0 ? $" src={Src}" : "")}{((Set & IpFields.Dst) != 0 ? $" dst={Dst}" : "")}{((Set & IpFields.Protocol) != 0 ? $" proto={Protocol}" : "")}",
        _ => "ignore",
    };

    public static bool operator ==(IpTransform left, IpTransform right) => left.Equals(right);

    public static bool operator !=(IpTransform left, IpTransform right) => !left.Equals(right);
}
