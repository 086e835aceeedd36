namespace OpteNic.Firmware.DataPath;

/// <summary>What a NIC core does with one frame after <see cref="PortDemux.ProcessBurst"/> (datasheet §5.3, §6.3, §6.4).</summary>
public enum DemuxOutcome : byte
{
    /// <summary>Send it on: to the wire (outbound) or to the host RX ring (inbound).</summary>
    Forward = 0,
    /// <summary>Dropped before or inside a port; the reason was counted.</summary>
    Drop = 1,
    /// <summary>The buffer holds a reply to send back the way the frame came.</summary>
    Hairpin = 2,
    /// <summary>
    /// A wire multicast frame whose copies the demultiplexer made (one per subscribed port, one per forwarding next
    /// hop; <see cref="PortDemux.Replicas"/>); the original itself goes nowhere and is not a drop.
    /// </summary>
    Replicated = 3,
}
