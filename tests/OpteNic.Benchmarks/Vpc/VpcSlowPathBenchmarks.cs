using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Packets;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// The VPC slow path: first packets of new flows through all five layers (gateway, firewall with stateful allow,
/// router, nat with SNAT for internet flows, overlay with V2P/V2B) — target ≤ 1.5 µs, zero allocation. Each iteration
/// starts from a reset port so every packet is a first packet.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class VpcSlowPathBenchmarks
{
    private const int Flows = 4096;
    private VpcPort _port = null!;
    private byte[][] _frames = null!;
    private readonly PacketBuffer _buffer = new(2048);

    [Params(false, true)]
    public bool Ipv6 { get; set; }

    [Params(false, true)]
    public bool Internet { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _port = VpcBenchFrames.CreatePort(new VpcNetwork(4096), Flows);
        var destination = Internet ? (Ipv6 ? VpcBenchFrames.Internet6 : VpcBenchFrames.Internet4) : (Ipv6 ? VpcBenchFrames.Peer6 : VpcBenchFrames.Peer4);
        _frames = [.. Enumerable.Range(0, Flows).Select(i => VpcBenchFrames.GuestUdp(Ipv6, destination, (ushort)(10000 + i)))];
    }

    /// <summary>Wipes every flow (and returns SNAT ports) so the next iteration sees only first packets.</summary>
    [IterationSetup]
    public void ResetFlows()
    {
        _port.Port.ExpireFlows(Moment.FromSeconds(100_000));
        _port.Port.ClearUft();
        foreach (string layer in new[] { "gateway", "firewall", "router", "nat", "overlay" })
        {
            _port.Port.ClearLft(layer);
        }
    }

    [Benchmark(OperationsPerInvoke = Flows)]
    public int FirstPackets()
    {
        int modified = 0;
        foreach (byte[] frame in _frames)
        {
            _buffer.TryLoad(frame);
            modified += _port.Port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1)).Outcome == ProcessOutcome.Modified ? 1 : 0;
        }

        return modified;
    }
}
