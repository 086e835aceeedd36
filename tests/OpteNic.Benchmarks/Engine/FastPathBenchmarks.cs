using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Packets.Parsing;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// UFT hits through the five-layer sample port, in the spirit of OPTE's own bench: IPv4/IPv6 × TCP/UDP ×
/// outbound/inbound × 0/1400 payload bytes, with the parse-only baseline beside each case. 1024 flows.
/// </summary>
[MemoryDiagnoser]
public class FastPathBenchmarks
{
    private const int Packets = 1024;
    private FlowWorkload _work = null!;

    [Params(false, true)]
    public bool Ipv6 { get; set; }

    [Params(false, true)]
    public bool Tcp { get; set; }

    [Params(Direction.Outbound, Direction.Inbound)]
    public Direction Direction { get; set; }

    [Params(0, 1400)]
    public int Payload { get; set; }

    [GlobalSetup]
    public void Setup() => _work = new FlowWorkload(Packets, Ipv6, Tcp, Direction, Payload);

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public int ParseOnly() =>
        EngineLoops.ParseOnly(_work, 0, Packets, Direction == Direction.Outbound ? ParseMode.Outbound : ParseMode.Inbound);

    [Benchmark(OperationsPerInvoke = Packets)]
    public int Process() => EngineLoops.Process(_work, 0, Packets, Moment.FromSeconds(2));
}
