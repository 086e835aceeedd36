using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Packets.Parsing;

namespace OpteNic.Benchmarks.Engine;

/// <summary>Fast-path cost against the number of established flows (every packet a different flow, round-robin).</summary>
[MemoryDiagnoser]
public class FlowCountBenchmarks
{
    private const int Packets = 4096;
    private FlowWorkload _work = null!;
    private int _next;

    [Params(1024, 65536, 1 << 20)]
    public int Flows { get; set; }

    [GlobalSetup]
    public void Setup() => _work = new FlowWorkload(Flows, ipv6: false, tcp: false, Direction.Outbound, payload: 22);

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public int ParseOnly()
    {
        int result = EngineLoops.ParseOnly(_work, _next, Packets, ParseMode.Outbound);
        _next = (_next + Packets) % Flows;
        return result;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int ProcessBurst()
    {
        int result = EngineLoops.ProcessBurst(_work, _next, Packets, Moment.FromSeconds(2));
        _next = (_next + Packets) % Flows;
        return result;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int Process()
    {
        int result = EngineLoops.Process(_work, _next, Packets, Moment.FromSeconds(2));
        _next = (_next + Packets) % Flows;
        return result;
    }
}
