using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// The VPC fast path (UFT hit, compiled transformation) for guest→guest and guest→internet, IPv4 and IPv6, over 1024
/// established flows. Baseline: the engine's own fast path on the same frames through a one-layer port whose single
/// action makes the same transformation (<see cref="EquivalentEncapAction"/>: Geneve encap + inner MAC, plus SNAT for
/// internet flows) — the target is the VPC within 1.25× of it. <see cref="NoTransform"/> (a port without layers, so
/// a hit replays nothing) is shown for scale only: it leaves out the encapsulation every VPC packet needs.
/// </summary>
[MemoryDiagnoser]
public class VpcFastPathBenchmarks
{
    private const int Flows = 1024;
    private VpcPort _port = null!;
    private Port _equivalent = null!;
    private Port _noLayers = null!;
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
        _equivalent = CreateEquivalentPort(Ipv6, Internet);
        _noLayers = new PortBuilder("bare").Create(new PortOptions { UftLimit = Flows * 2, InboundParseMode = ParseMode.Inbound });
        _noLayers.Start();
        var destination = Internet ? (Ipv6 ? VpcBenchFrames.Internet6 : VpcBenchFrames.Internet4) : (Ipv6 ? VpcBenchFrames.Peer6 : VpcBenchFrames.Peer4);
        _frames = [.. Enumerable.Range(0, Flows).Select(i => VpcBenchFrames.GuestUdp(Ipv6, destination, (ushort)(10000 + i)))];
        foreach (byte[] frame in _frames)
        {
            Open(_port.Port, frame);
            Open(_equivalent, frame);
            _buffer.TryLoad(frame);
            _noLayers.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Flows)]
    public int EngineEquivalent() => Run(_equivalent);

    [Benchmark(OperationsPerInvoke = Flows)]
    public int Vpc() => Run(_port.Port);

    [Benchmark(OperationsPerInvoke = Flows)]
    public int NoTransform() => Run(_noLayers);

    /// <summary>
    /// A started one-layer port making, in one step, the transformation the VPC port composes for the benchmark's flows
    /// (addresses from <see cref="VpcBenchFrames.CreatePort"/>).
    /// </summary>
    public static Port CreateEquivalentPort(bool ipv6, bool internet)
    {
        var layer = new Layer("overlay", DefaultAction.Deny, DefaultAction.Deny, Flows * 2 + 64);
        Port port = new PortBuilder("equivalent").AddLayer(layer, LayerPosition.Last)
            .Create(new PortOptions { UftLimit = Flows * 2 + 64, InboundParseMode = ParseMode.Inbound });
        IpAddr underlaySource = IpAddr.Parse("fd00:aaaa::1");
        EquivalentEncapAction action = internet
            ? new EquivalentEncapAction(underlaySource, IpAddr.Parse("fd00:99::1"), 99, new MacAddress(0xA8_40_25_77_77_77UL),
                IpAddr.Parse(ipv6 ? "2001:db8:ffff::10" : "203.0.113.10"))
            : new EquivalentEncapAction(underlaySource, IpAddr.Parse("fd00:bbbb::1"), 7777, MacAddress.Read(VpcBenchFrames.PeerMac), null);
        if (port.SetRules("overlay", [], [Rule.MatchAny(1, action)]) != PortOperationResult.Ok || port.Start() != PortOperationResult.Ok)
        {
            throw new InvalidOperationException("equivalent port setup failed");
        }

        return port;
    }

    private void Open(Port port, byte[] frame)
    {
        _buffer.TryLoad(frame);
        if (port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1)).Outcome != ProcessOutcome.Modified)
        {
            throw new InvalidOperationException($"flow setup failed on {port.Name}");
        }
    }

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
