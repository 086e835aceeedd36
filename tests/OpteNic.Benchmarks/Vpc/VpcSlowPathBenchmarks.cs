using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// The VPC slow path: first packets of new flows through all five layers (gateway, firewall with stateful allow,
/// router, nat with SNAT for internet flows, overlay with V2P/V2B) — target ≤ 1.5 µs, zero allocation. Each iteration
/// starts from a reset port (untimed) so every packet is a first packet. Baseline: the engine's own five-layer sample
/// network (gateway, stateful firewall, router metadata, SNAT, Geneve encap) on the same number of new UDP flows, so
/// the ratio is what the VPC's rules and actions add to the engine's slow path.
/// <para>
/// Warm-up matters here: one iteration is only a few milliseconds, so BenchmarkDotNet's short job alone would time
/// the JIT's unoptimised tiers (≈2× slower). <see cref="Setup"/> therefore runs the path for about a second first,
/// until tiered compilation has promoted it.
/// </para>
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(10)]
public class VpcSlowPathBenchmarks
{
    private const int Flows = 4096;
    private VpcPort _port = null!;
    private SampleNetwork _sample = null!;
    private byte[][] _frames = null!;
    private byte[][] _sampleFrames = null!;
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

        // Same table sizes as the VPC port (VpcBenchFrames.CreatePort), same flow count, same UDP payload.
        int capacity = Flows * 2 + 64;
        _sample = new SampleNetwork(new PortOptions { UftLimit = capacity, TcpLimit = 1024 }, snatPorts: capacity, lftLimit: capacity);
        _sampleFrames = new byte[Flows][];
        for (int i = 0; i < Flows; i++)
        {
            Frames.Udp(_buffer, SampleAddresses.GuestMac, SampleAddresses.GatewayMac, Ipv6 ? SampleAddresses.GuestIp6 : SampleAddresses.GuestIp,
                Ipv6 ? SampleAddresses.RemoteIp6 : SampleAddresses.RemoteIp, (ushort)(10000 + i), 53, payload: 64);
            _sampleFrames[i] = _buffer.Frame.ToArray();
        }

        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1000)
        {
            ResetVpc();
            Check(FirstPackets(), "VPC");
            ResetSample();
            Check(EngineSampleFirstPackets(), "engine sample");
        }
    }

    /// <summary>Wipes every flow (and returns SNAT ports) so the next iteration sees only first packets.</summary>
    [IterationSetup(Target = nameof(FirstPackets))]
    public void ResetVpc()
    {
        _port.Port.Reset();
        _port.Port.Start();
    }

    [IterationSetup(Target = nameof(EngineSampleFirstPackets))]
    public void ResetSample()
    {
        _sample.Port.Reset();
        _sample.Port.Start();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Flows)]
    public int EngineSampleFirstPackets() => Run(_sample.Port, _sampleFrames);

    [Benchmark(OperationsPerInvoke = Flows)]
    public int FirstPackets() => Run(_port.Port, _frames);

    private int Run(Port port, byte[][] frames)
    {
        int modified = 0;
        foreach (byte[] frame in frames)
        {
            _buffer.TryLoad(frame);
            modified += port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(1)).Outcome == ProcessOutcome.Modified ? 1 : 0;
        }

        return modified;
    }

    private static void Check(int modified, string what)
    {
        if (modified != Flows)
        {
            throw new InvalidOperationException($"{what}: only {modified} of {Flows} first packets went through");
        }
    }
}
