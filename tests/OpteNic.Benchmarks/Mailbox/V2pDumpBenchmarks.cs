using BenchmarkDotNet.Attributes;

namespace OpteNic.Benchmarks.Mailbox;

/// <summary>
/// The time to dump a million V2P mappings through the mailbox (datasheet §5.4), as <c>opteadm dump-v2p</c> fetches
/// them: pages of <see cref="PageSize"/> mappings (4096 is opteadm's default; 20,000 is near the 1 MiB response limit),
/// each decoded on the host. The table is filled straight into the firmware in setup; one invocation is one whole dump,
/// each page read by the firmware straight from the live table (<c>Virt2PhysTable.ReadSlots</c>, no snapshot) and
/// encoded into the response. BenchmarkDotNet's allocation column counts the benchmark (host) thread only; the quick
/// report (<c>--mailbox-quick</c>) gives the firmware's allocations separately.
/// Run: <c>opte-bench --filter '*V2pDumpBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
// Job mutators rather than a [SimpleJob]: opte-bench runs every job in-process, and only mutators apply to that job.
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1, 1)]
public class V2pDumpBenchmarks
{
    /// <summary>Mappings in the big table.</summary>
    public const int Mappings = 1_000_000;

    private MailboxRig? _rig;

    /// <summary>Mappings per page.</summary>
    [Params(4096u, 20000u)]
    public uint PageSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rig = new MailboxRig();
        _rig.FillV2p(Mappings, vni: 2);
        var dumped = _rig.DumpV2p(PageSize);
        if (dumped != Mappings)
        {
            throw new InvalidOperationException($"the paged dump returned {dumped} mappings, expected {Mappings}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _rig?.Dispose();

    [Benchmark]
    public int DumpMillionPaged() => _rig!.DumpV2p(PageSize);
}
