using BenchmarkDotNet.Attributes;
using OpteNic.Engine;
using OpteNic.Packets;
using OpteNic.Vpc;
using OpteNic.Vpc.State;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// The VPC's beyond-OPTE paths: the PMTU hairpin on an established flow (checked before the UFT lookup, answered by
/// the gateway) beside a fitting packet of the same flow (baseline: the fast path the size check sits in front of), and
/// port state transfer per flow (export of 1024 established flows; import = claim, two synthetic packets, TCP state).
/// </summary>
[MemoryDiagnoser]
public class VpcBeyondOpteBenchmarks
{
    private const int Flows = 1024;
    private VpcPort _port = null!;
    private byte[] _fits = null!;
    private byte[] _tooBigV4 = null!;
    private byte[] _tooBigV6 = null!;
    private byte[] _state = null!;
    private VpcPort _source = null!;
    private readonly PacketBuffer _buffer = new(4096);

    [GlobalSetup]
    public void Setup()
    {
        _port = VpcBenchFrames.CreatePort(new VpcNetwork(4096), Flows);
        _fits = VpcBenchFrames.GuestUdp(false, VpcBenchFrames.Peer4, 10000, payload: 1000);
        _tooBigV4 = VpcBenchFrames.GuestUdp(false, VpcBenchFrames.Peer4, 10000, payload: 1600);
        _tooBigV4[14 + 6] = 0x40; // DF (the engine does not check the IPv4 header checksum)
        _tooBigV6 = VpcBenchFrames.GuestUdp(true, VpcBenchFrames.Peer6, 10000, payload: 1600);
        foreach (byte[] frame in new[] { _fits, VpcBenchFrames.GuestUdp(true, VpcBenchFrames.Peer6, 10000) })
        {
            Expect(Send(_port, frame), ProcessOutcome.Modified);
        }

        Expect(Send(_port, _tooBigV4), ProcessOutcome.Hairpin);
        Expect(Send(_port, _tooBigV6), ProcessOutcome.Hairpin);

        VpcPort source = _source = VpcBenchFrames.CreatePort(new VpcNetwork(4096), Flows);
        for (int i = 0; i < Flows; i++)
        {
            Expect(Send(source, VpcBenchFrames.GuestUdp(false, VpcBenchFrames.Internet4, (ushort)(20000 + i))), ProcessOutcome.Modified);
        }

        _state = source.ExportState();
    }

    [Benchmark(Baseline = true)]
    public ProcessOutcome FastPathFits() => Send(_port, _fits);

    [Benchmark]
    public ProcessOutcome PacketTooBigV4() => Send(_port, _tooBigV4);

    [Benchmark]
    public ProcessOutcome PacketTooBigV6() => Send(_port, _tooBigV6);

    /// <summary>Export of 1024 flows, per flow.</summary>
    [Benchmark(OperationsPerInvoke = Flows)]
    public int ExportPerFlow() => _source.ExportState().Length;

    /// <summary>Import of 1024 SNAT flows into a fresh port, per flow (port creation excluded by IterationSetup).</summary>
    [Benchmark(OperationsPerInvoke = Flows)]
    public int ImportPerFlow()
    {
        if (!_target.TryImportState(_state, Moment.FromSeconds(5), out PortStateImportResult? result, out PortStateError? error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        return result.Restored;
    }

    private VpcPort _target = null!;

    [IterationSetup(Target = nameof(ImportPerFlow))]
    public void FreshTarget() => _target = VpcBenchFrames.CreatePort(new VpcNetwork(4096), Flows);

    private ProcessOutcome Send(VpcPort port, byte[] frame)
    {
        _buffer.TryLoad(frame);
        return port.Port.Process(Direction.Outbound, _buffer, Moment.FromSeconds(2)).Outcome;
    }

    private static void Expect(ProcessOutcome actual, ProcessOutcome expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"benchmark setup: {actual}, expected {expected}");
        }
    }
}
