using BenchmarkDotNet.Attributes;
using OpteNic.Engine;

namespace OpteNic.Benchmarks.Engine;

/// <summary>Slow path: the first packet of a new flow walks all five layers (LFT pairs, SNAT, UFT compile).</summary>
[MemoryDiagnoser]
public class SlowPathBenchmarks
{
    private SlowPathWorkload _work = null!;

    [Params(false, true)]
    public bool Ipv6 { get; set; }

    [GlobalSetup]
    public void Setup() => _work = new SlowPathWorkload(Ipv6);

    /// <summary>One batch of new flows (the untimed-in-quick-mode port reset is included here; it is O(table size)).</summary>
    [Benchmark(OperationsPerInvoke = SlowPathWorkload.Batch)]
    public long NewFlows() => _work.RunBatch(Moment.FromSeconds(2));
}
