using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The action on the outer encapsulation slot: UDP (to port 6081) + Geneve. Push: {entropy, VNI, options}; Modify:
/// {VNI}. A plain value: nothing to allocate to hold or apply it.
/// </summary>
public readonly struct EncapTransform : IEquatable<EncapTransform>
{
    public HeaderAction Action { get; init; }

    /// <summary>True when a Modify sets <see cref="Vni"/> (a Push always does).</summary>
    public bool SetVni { get; init; }

    /// <summary>24-bit Geneve VNI.</summary>
    public uint Vni { get; init; }

    /// <summary>
    /// Outer UDP source port of a Push. 0 means "derive from the flow": the apply call's flow hash folded with
    /// <see cref="InnerFlowId.EntropyFromHash"/>.
    /// </summary>
    public ushort Entropy { get; init; }

    /// <summary>Oxide Geneve options written by a Push.</summary>
    public GeneveOptions Options { get; init; }

    public static EncapTransform Ignore => default;

    public static EncapTransform Pop => new() { Action = HeaderAction.Pop };

    /// <summary>Push UDP + Geneve.</summary>
    public static EncapTransform Push(uint vni, ushort entropy = 0, GeneveOptions options = default) =>
        new() { Action = HeaderAction.Push, SetVni = true, Vni = vni, Entropy = entropy, Options = options };

    /// <summary>Rewrite the VNI of an existing Geneve header.</summary>
    public static EncapTransform ModifyVni(uint vni) => new() { Action = HeaderAction.Modify, SetVni = true, Vni = vni };

    public bool Equals(EncapTransform other) =>
        Action == other.Action && SetVni == other.SetVni && Vni == other.Vni && Entropy == other.Entropy && Options == other.Options;

    public override bool Equals(object? obj) => obj is EncapTransform other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Action, SetVni, Vni, Entropy, Options);

    public override string ToString() => Action switch
    {
        HeaderAction.Push => $"push geneve vni {Vni} entropy {Entropy}",
        HeaderAction.Pop => "pop geneve",
        HeaderAction.Modify => SetVni ? $"modify geneve vni={Vni}" : "modify geneve",
        _ => "ignore",
    };

    public static bool operator ==(EncapTransform left, EncapTransform right) => left.Equals(right);

    public static bool operator !=(EncapTransform left, EncapTransform right) => !left.Equals(right);
}
