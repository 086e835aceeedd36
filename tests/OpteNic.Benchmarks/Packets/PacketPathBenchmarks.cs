using BenchmarkDotNet.Attributes;

namespace OpteNic.Benchmarks.Packets;

/// <summary>
/// The packet library's share of the engine's fast path (UFT hit), stage by stage, per 64-byte packet: parse, flow id
/// and hash, compiled outbound apply (rewrite + push outer Ethernet/IPv6/UDP/Geneve), compiled inbound apply (pop +
/// rewrite), and list replay, each against the copy-only baseline in the same run (this machine is shared and noisy:
/// read the ratios; the minimum is the least disturbed figure). <see cref="CopyInbound"/> is the copy the inbound cases
/// include (their frame is 142 bytes). <see cref="MemoryDiagnoserAttribute"/> shows allocations (target 0).
/// Run: <c>opte-bench --filter '*PacketPath*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class PacketPathBenchmarks
{
    private const int Packets = 1024;
    private PacketWorkload _work = null!;

    [GlobalSetup]
    public void Setup()
    {
        _work = new PacketWorkload();
        PacketLoops.Verify(_work);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public int CopyOnly() => PacketLoops.CopyOnly(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int CopyInbound() => PacketLoops.CopyInbound(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int ParseOutbound() => PacketLoops.ParseOutbound(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int ParseInbound() => PacketLoops.ParseInbound(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public uint ParseFlowHash() => PacketLoops.ParseFlowHash(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int CompiledOutbound() => PacketLoops.CompiledOutbound(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int CompiledInbound() => PacketLoops.CompiledInbound(_work, Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int ReplayOutbound() => PacketLoops.ReplayOutbound(_work, Packets);
}
