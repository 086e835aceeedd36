using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Packets;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// Gateway hairpins: the reply builder alone (baseline) and the same request through the whole VPC port (parse, UFT
/// miss, gateway rules, reply). Every case must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class VpcHairpinBenchmarks
{
    private VpcPort _port = null!;
    private byte[] _request = null!;
    private readonly byte[] _reply = new byte[2048];
    private readonly PacketBuffer _buffer = new(2048);

    [Params("arp", "dhcp-discover", "dhcp-request", "dhcp6-solicit", "dhcp6-request", "ping4", "ping6", "rs", "ns")]
    public string Kind { get; set; } = "arp";

    [GlobalSetup]
    public void Setup()
    {
        _port = VpcBenchFrames.CreatePort(new VpcNetwork(1024), 64);
        _request = VpcBenchFrames.Hairpin(Kind);
        if (!_port.Responder.Respond(_request, _reply).IsReply)
        {
            throw new InvalidOperationException($"{Kind} gets no reply");
        }
    }

    [Benchmark(Baseline = true)]
    public int ResponderOnly() => _port.Responder.Respond(_request, _reply).Length;

    [Benchmark]
    public ProcessOutcome ThroughPort()
    {
        _buffer.TryLoad(_request);
        return _port.Port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1)).Outcome;
    }
}
