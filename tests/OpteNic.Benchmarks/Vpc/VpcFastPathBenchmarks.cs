using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Packets;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// The VPC fast path (UFT hit, compiled transformation) for guest→guest and guest→internet, IPv4 and IPv6, over 1024
/// established flows, beside the engine's bare fast path (a port with no layers) on the same frames — the target is
/// within 1.25× of it.
/// </summary>
[MemoryDiagnoser]
public class VpcFastPathBenchmarks
{
    private const int Flows = 1024;
    private VpcPort _port = null!;
    private Port _bare = null!;
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
        _bare = new PortBuilder("bare").Create(new PortOptions { UftLimit = Flows * 2, InboundParseMode = OpteNic.Packets.Parsing.ParseMode.Inbound });
        _bare.Start();
        var destination = Internet ? (Ipv6 ? VpcBenchFrames.Internet6 : VpcBenchFrames.Internet4) : (Ipv6 ? VpcBenchFrames.Peer6 : VpcBenchFrames.Peer4);
        _frames = [.. Enumerable.Range(0, Flows).Select(i => VpcBenchFrames.GuestUdp(Ipv6, destination, (ushort)(10000 + i)))];
        foreach (byte[] frame in _frames)
        {
            _buffer.TryLoad(frame);
            if (_port.Port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1)).Outcome != ProcessOutcome.Modified)
            {
                throw new InvalidOperationException("flow setup failed");
            }

            _buffer.TryLoad(frame);
            _bare.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Flows)]
    public int BareEngine() => Run(_bare);

    [Benchmark(OperationsPerInvoke = Flows)]
    public int Vpc() => Run(_port.Port);

    private int Run(Port port)
    {
        int modified = 0;
        foreach (byte[] frame in _frames)
        {
            _buffer.TryLoad(frame);
            modified += port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(2)).Outcome == ProcessOutcome.Modified ? 1 : 0;
        }

        return modified;
    }
}
