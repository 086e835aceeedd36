using BenchmarkDotNet.Attributes;

namespace OpteNic.Benchmarks.Engine;

/// <summary>Rule lookup in one layer against the number of rules: the classifier and, as baseline, OPTE's linear scan.</summary>
[MemoryDiagnoser]
public class RuleCountBenchmarks
{
    private const int Lookups = 1024;
    private RuleWorkload _work = null!;

    [Params(10, 100, 1000, 10000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup() => _work = new RuleWorkload(Rules);

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups)]
    public int LinearScan() => EngineLoops.Classify(_work.Classifier, _work.Packets, _work.FrameBytes, Lookups, linear: true);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Classifier() => EngineLoops.Classify(_work.Classifier, _work.Packets, _work.FrameBytes, Lookups, linear: false);
}
