namespace OpteNic.Packets.Transforms;

/// <summary>
/// The action on an Ethernet slot (outer or inner). Push: {dst, src, type}; Modify: {src, dst} per <see cref="Set"/>.
/// A plain value: nothing to allocate to hold or apply it.
/// </summary>
public readonly struct EtherTransform : IEquatable<EtherTransform>
{
    public HeaderAction Action { get; init; }

    /// <summary>Fields a Modify sets (Push always writes all).</summary>
    public EtherFields Set { get; init; }

    public MacAddress Src { get; init; }

    public MacAddress Dst { get; init; }

    /// <summary>Ethernet type written by a Push.</summary>
    public ushort EtherType { get; init; }

    public static EtherTransform Ignore => default;

    public static EtherTransform Pop => new() { Action = HeaderAction.Pop };

    /// <summary>Push a complete untagged Ethernet header.</summary>
    public static EtherTransform Push(MacAddress dst, MacAddress src, ushort etherType) =>
        new() { Action = HeaderAction.Push, Set = EtherFields.Src | EtherFields.Dst, Dst = dst, Src = src, EtherType = etherType };

    /// <summary>Modify the given addresses; null leaves a field unchanged.</summary>
    public static EtherTransform Modify(MacAddress? src = null, MacAddress? dst = null) => new()
    {
        Action = HeaderAction.Modify,
        Set = (src.HasValue ? EtherFields.Src : 0) | (dst.HasValue ? EtherFields.Dst : 0),
        Src = src.GetValueOrDefault(),
        Dst = dst.GetValueOrDefault(),
    };

    public bool Equals(EtherTransform other) =>
        Action == other.Action && Set == other.Set && Src == other.Src && Dst == other.Dst && EtherType == other.EtherType;

    public override bool Equals(object? obj) => obj is EtherTransform other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Action, Set, Src, Dst, EtherType);

    public override string ToString() => Action switch
    {
        HeaderAction.Push => $"push ether {Src}→{Dst} type 0x{EtherType:x4}",
        HeaderAction.Pop => "pop ether",
        HeaderAction.Modify => $"modify ether{((Set & EtherFields.Src) != 0 ? $" src={Src}" : "")}{((Set & EtherFields.Dst) != 0 ? $" dst={Dst}" : "")}",
        _ => "ignore",
    };

    public static bool operator ==(EtherTransform left, EtherTransform right) => left.Equals(right);

    public static bool operator !=(EtherTransform left, EtherTransform right) => !left.Equals(right);
}
