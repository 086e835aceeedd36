namespace OpteNic.Firmware.DataPath;

/// <summary>Where a multicast copy made by <see cref="PortDemux"/> goes (datasheet §5.5).</summary>
public enum ReplicaDestination : byte
{
    /// <summary>To the host RX ring, for the subscribed port whose link id the completion carries.</summary>
    Host = 0,
    /// <summary>To the wire: a unicast copy for a forwarding next hop, or a subscriber port's hairpin reply.</summary>
    Wire = 1,
}
