namespace OpteNic.Packets.Headers;

/// <summary>
/// The Oxide Geneve options (class 0x0129) a packet carries or a push writes, as plain values: no list, nothing to
/// allocate. Type 0 External (no body), type 1 Multicast (4 bytes: replication in the top two bits), type 2 MSS
/// (4 bytes). Unknown non-critical options are skipped by the parser and never emitted.
/// </summary>
public readonly struct GeneveOptions : IEquatable<GeneveOptions>
{
    /// <summary>Oxide's Geneve option class.</summary>
    public const ushort OxideClass = 0x0129;
    /// <summary>Option type: the packet came from outside the rack.</summary>
    public const byte ExternalType = 0;
    /// <summary>Option type: multicast replication instructions.</summary>
    public const byte MulticastType = 1;
    /// <summary>Option type: the inner TCP MSS the sender's path allows.</summary>
    public const byte MssType = 2;
    /// <summary>Top bit of the option type byte: a receiver that does not know the option must drop the packet.</summary>
    public const byte CriticalBit = 0x80;

    public GeneveOptions(bool external, MulticastReplication? multicast, uint? mss)
    {
        External = external;
        HasMulticast = multicast.HasValue;
        Replication = multicast.GetValueOrDefault();
        HasMss = mss.HasValue;
        Mss = mss.GetValueOrDefault();
    }

    /// <summary>No options.</summary>
    public static GeneveOptions None => default;

    /// <summary>External option (type 0) present: rack-external origin.</summary>
    public bool External { get; init; }

    /// <summary>Multicast option (type 1) present.</summary>
    public bool HasMulticast { get; init; }

    /// <summary>Replication mode of the multicast option (meaningful when <see cref="HasMulticast"/>).</summary>
    public MulticastReplication Replication { get; init; }

    /// <summary>MSS option (type 2) present.</summary>
    public bool HasMss { get; init; }

    /// <summary>MSS value (meaningful when <see cref="HasMss"/>).</summary>
    public uint Mss { get; init; }

    /// <summary>Bytes these options take on the wire (each option has a 4-byte header).</summary>
    public int WireLength => (External ? 4 : 0) + (HasMulticast ? 8 : 0) + (HasMss ? 8 : 0);

    public bool Equals(GeneveOptions other) =>
        External == other.External && HasMulticast == other.HasMulticast && HasMss == other.HasMss &&
        (!HasMulticast || Replication == other.Replication) && (!HasMss || Mss == other.Mss);

    public override bool Equals(object? obj) => obj is GeneveOptions other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(External, HasMulticast, HasMulticast ? Replication : 0, HasMss, HasMss ? Mss : 0);

    public static bool operator ==(GeneveOptions left, GeneveOptions right) => left.Equals(right);

    public static bool operator !=(GeneveOptions left, GeneveOptions right) => !left.Equals(right);
}
