namespace OpteNic.Firmware.Ports;

/// <summary>
/// Why a NIC core dropped a frame before any port saw it (datasheet §5.3). Each reason has a counter, reported by the
/// <c>Stats</c> command as <c>demux.&lt;reason&gt;</c> (snake case).
/// </summary>
public enum DemuxDropReason : byte
{
    /// <summary>Host TX frame shorter than an Ethernet header: no source MAC to look up.</summary>
    OutboundRunt,
    /// <summary>Host TX frame whose source MAC is no port's guest MAC.</summary>
    OutboundNoPort,
    /// <summary>Wire RX frame that does not parse as Geneve-encapsulated traffic (reason in the card's parse counters).</summary>
    InboundParse,
    /// <summary>Wire RX Geneve frame whose VNI and inner destination MAC match no port.</summary>
    InboundNoPort,
    /// <summary>
    /// Wire RX Geneve frame to a group MAC whose underlay group has no subscriber on this card (or cannot be told: a
    /// unicast outer destination and no M2P mapping of the inner group).
    /// </summary>
    InboundMulticast,
    /// <summary>The frame's port was deleted while the frame was in flight (it raced a delete-xde).</summary>
    PortDeleted,
    /// <summary>A multicast copy could not be made: this burst's replica buffers were all in use (datasheet §5.5).</summary>
    MulticastNoReplicaBuffer,
}
