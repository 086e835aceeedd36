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
}
