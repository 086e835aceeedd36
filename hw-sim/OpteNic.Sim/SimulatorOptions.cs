namespace OpteNic.Sim;

/// <summary>What <c>opte-nic-sim run</c> was asked to build.</summary>
public sealed class SimulatorOptions
{
    /// <summary>State directory (bar0, hostmem, flash).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Pcap file whose frames arrive on wire port 0, or null.</summary>
    public string? WireIn { get; init; }

    /// <summary>Pcap file receiving every frame wire port 0 transmits.</summary>
    public required string WireOut { get; init; }

    /// <summary>NIC cores (poll loops).</summary>
    public int Cores { get; init; } = 1;

    /// <summary>Host queue pairs.</summary>
    public int Queues { get; init; } = 4;

    /// <summary>Host memory size in MiB.</summary>
    public int HostMemoryMiB { get; init; } = 64;
}
