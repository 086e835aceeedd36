using BenchmarkDotNet.Attributes;

namespace OpteNic.Benchmarks.Rings;

/// <summary>
/// Packets per second through the host rings and the firmware's pass-through port on one NIC core, per direction,
/// against a copy-only baseline; <see cref="MemoryDiagnoserAttribute"/> reports allocations per packet (target 0).
/// Run: <c>opte-bench rings</c> (BenchmarkDotNet) or <c>opte-bench rings-quick</c> (a short report).
/// </summary>
[MemoryDiagnoser]
public class RingBenchmarks
{
    /// <summary>Frames per burst: the firmware's burst size (DPDK's 32).</summary>
    public const int Burst = 32;

    private RingRig? _rig;

    /// <summary>Frame length: minimum Ethernet and a full 1500-byte MTU frame.</summary>
    [Params(60, 1514)]
    public int FrameBytes { get; set; }

    [GlobalSetup]
    public void Setup() => _rig = new RingRig(FrameBytes);

    [GlobalCleanup]
    public void Cleanup() => _rig?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    public int CopyOnly() => _rig!.CopyOnly(Burst);

    [Benchmark(OperationsPerInvoke = Burst)]
    public int HostToWire() => _rig!.HostToWire(Burst);

    [Benchmark(OperationsPerInvoke = Burst)]
    public int WireToHost() => _rig!.WireToHost(Burst);
}
