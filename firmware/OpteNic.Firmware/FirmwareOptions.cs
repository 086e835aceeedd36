namespace OpteNic.Firmware;

/// <summary>Build-time choices of the firmware image (datasheet §2). The board decides the silicon's counts.</summary>
public sealed class FirmwareOptions
{
    /// <summary>NIC cores running poll loops (capped at the host queue-pair count).</summary>
    public int NicCores { get; init; } = 1;

    /// <summary>Descriptors or frames handled per queue per iteration (DPDK's burst).</summary>
    public int BurstSize { get; init; } = 32;

    /// <summary>Largest frame sent or received (CapMaxFrameBytes).</summary>
    public int MaxFrameBytes { get; init; } = 9216;

    /// <summary>
    /// True (the default): each port's frames of a burst go to the engine in one <c>Port.ProcessBurst</c> call, which
    /// prefetches UFT slots across the group. False: one <c>Port.Process</c> call per frame (same results and counters;
    /// kept so the ring benchmark can show the difference in one build).
    /// </summary>
    public bool EngineBurstCalls { get; init; } = true;

    /// <summary>
    /// Multicast copies one NIC core can make per burst (datasheet §5.5): buffers preallocated per core; a copy beyond
    /// them is the counted drop <c>multicast_no_replica_buffer</c>.
    /// </summary>
    public int MulticastReplicaBuffers { get; init; } = 64;

    /// <summary>Largest ring the firmware accepts (CapMaxRingEntries, a power of two).</summary>
    public int MaxRingEntries { get; init; } = 4096;

    /// <summary>Largest command request body (CapMaxRequest).</summary>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>Largest command response body (CapMaxResponse).</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Command timeout advertised to the host (CapDefaultTimeoutMs).</summary>
    public int CommandTimeoutMilliseconds { get; init; } = 1000;

    /// <summary>Heartbeat period (HeartbeatPeriodMs).</summary>
    public int HeartbeatPeriodMilliseconds { get; init; } = 100;

    /// <summary>
    /// Watchdog timeout: 50 heartbeat periods, generous because the simulator's loops share a small machine with
    /// builds and tests, and a spurious reset would wipe every queue.
    /// </summary>
    public int WatchdogTimeoutMilliseconds { get; init; } = 5000;

    /// <summary>How often the board temperature is read.</summary>
    public int TemperaturePeriodMilliseconds { get; init; } = 1000;

    /// <summary>
    /// V2P mappings the card holds (a large rack's worth). The table is allocated on the first command that needs the
    /// VPC network, so a card used only in pass-through never pays for it.
    /// </summary>
    public int Virt2PhysCapacity { get; init; } = 1 << 20;

    /// <summary>Most guest ports (xde links) the card serves at once; one more is <c>MaxCapacity</c>.</summary>
    public int MaxPorts { get; init; } = 64;

    /// <summary>UFT entries per direction of each port.</summary>
    public int PortUftLimit { get; init; } = 8192;

    /// <summary>TCP connections tracked per port.</summary>
    public int PortTcpLimit { get; init; } = 8192;

    /// <summary>LFT pairs per layer of each port (and its NAT descriptors).</summary>
    public int PortLayerFlowLimit { get; init; } = 8192;

    /// <summary>How often the management loop runs every port's flow expiry (behaviour §1: once a second).</summary>
    public int FlowExpiryPeriodMilliseconds { get; init; } = 1000;

    /// <summary>
    /// Source MAC of encapsulated frames the card sends on the underlay (the engine leaves outer MACs zero for the
    /// layer below, datasheet §5.3). Locally administered.
    /// </summary>
    public ulong UnderlayMac { get; init; } = 0x02_4F_50_54_45_00;

    /// <summary>
    /// Destination MAC of encapsulated unicast frames: the underlay next hop (the rack switch). Multicast underlay
    /// destinations use the RFC 2464 mapping instead.
    /// </summary>
    public ulong UnderlayNextHopMac { get; init; } = 0x02_4F_50_54_45_FE;
}
