namespace OpteNic.Packets.Headers;

/// <summary>Replication mode carried in the top two bits of the Oxide Geneve Multicast option (type 1).</summary>
public enum MulticastReplication : byte
{
    /// <summary>Deliver to external (rack-outside) subscribers.</summary>
    External = 0,
    /// <summary>Replicate across the underlay to sleds.</summary>
    Underlay = 1,
    /// <summary>Both external and underlay.</summary>
    Both = 2,
}
