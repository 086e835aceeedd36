using BenchmarkDotNet.Attributes;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.Benchmarks.Mailbox;

/// <summary>
/// Commands per second through the mailbox (datasheet §4): host posts the envelope and request into host memory,
/// rings the doorbell, the firmware's management loop (another thread, as on the card) decodes, runs and answers, the
/// host reads the response and releases the slot. Baseline: <c>Info</c>, the smallest command (no request, ~40-byte
/// response); <c>SetVirt2Phys</c> is opteadm's most frequent write (a mapping per guest, replaced in place here so the
/// table does not grow); <c>ListLayers</c> a small read of a port. Commands/s = 1 / mean.
/// Run: <c>opte-bench --filter '*MailboxCommandBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class MailboxCommandBenchmarks
{
    private const int DistinctMappings = 4096;
    private MailboxRig? _rig;
    private SetVirt2PhysReq[] _mappings = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _rig = new MailboxRig();
        _mappings = [.. Enumerable.Range(0, DistinctMappings).Select(i => new SetVirt2PhysReq(
            new Ipv4Addr(0xAC1E_0000u + (uint)i), new PhysNet(new MacAddr(0xA8_40_25_00_10_00UL + (ulong)i), Ipv6Addr.Parse("fd00:2::1"), new Vni(100))))];
        _rig.Call<CreateXdeReq, NoResp>(MailboxBenchmarkPorts.CreatePort("opte0"));
    }

    [GlobalCleanup]
    public void Cleanup() => _rig?.Dispose();

    [Benchmark(Baseline = true)]
    public int Info() => _rig!.Execute<InfoReq, InfoResp>(new InfoReq()).Length;

    [Benchmark]
    public int SetV2p() => _rig!.Execute<SetVirt2PhysReq, NoResp>(_mappings[_next++ & (DistinctMappings - 1)]).Length;

    [Benchmark]
    public int ListLayers() => _rig!.Execute<ListLayersReq, ListLayersResp>(new ListLayersReq("opte0")).Length;
}
