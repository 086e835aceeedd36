using OpteNic.Hal;

namespace OpteNic.HwSim;

/// <summary>How to build a <see cref="SimulatedCard"/>: its silicon (queue counts, FIFO depths) and where it lives.</summary>
public sealed class SimulatedCardOptions
{
    /// <summary>Default host DMA memory: 64 MiB.</summary>
    public const long DefaultHostMemoryBytes = 64L * 1024 * 1024;

    /// <summary>
    /// State directory for <c>bar0</c>, <c>hostmem</c>, <c>flash</c> (datasheet §8). Null: process-local memory, for
    /// tests and benchmarks that step the firmware in one process.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Bytes of host DMA memory.</summary>
    public long HostMemoryBytes { get; init; } = DefaultHostMemoryBytes;

    /// <summary>Host queue pairs (1..64).</summary>
    public int HostQueuePairs { get; init; } = 4;

    /// <summary>Wire ports.</summary>
    public int WirePorts { get; init; } = 1;

    /// <summary>Frames each wire FIFO (per queue, per direction) holds; a power of two.</summary>
    public int WireFifoDepth { get; init; } = 256;

    /// <summary>Largest frame the MAC passes.</summary>
    public int MaxFrameBytes { get; init; } = 9216;

    /// <summary>RSS indirection table entries.</summary>
    public int RssTableEntries { get; init; } = 128;

    /// <summary>The card's clock; null for the host's monotonic clock.</summary>
    public IMonotonicClock? Clock { get; init; }

    /// <summary>Initial board temperature.</summary>
    public double BoardCelsius { get; init; } = 40.0;
}
