namespace OpteNic.Api.Commands;

/// <summary>Where a multicast next hop replicates a packet (the Geneve Multicast option's top two bits).
/// Wire form: enum <c>External = 0, Underlay = 1, Both = 2</c>.</summary>
public enum Replication : byte
{
    /// <summary>To rack-external destinations via boundary services.</summary>
    External = 0,
    /// <summary>To sleds on the underlay.</summary>
    Underlay = 1,
    /// <summary>Both.</summary>
    Both = 2,
}
