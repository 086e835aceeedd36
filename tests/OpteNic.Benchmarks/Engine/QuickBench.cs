using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpteNic.Engine;
using OpteNic.Packets.Parsing;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// <c>opte-bench --quick</c>: the headline figures in under a minute, printed as one JSON object. Each figure is the
/// median of several timed rounds of a warmed-up loop method (not a loop in Main), after enough calls for the JIT to
/// reach its optimised, PGO-instrumented tier. Rounds are timed with the thread's CPU clock, so a crowded shared
/// machine slows the run down but does not inflate the figures. Baselines come from the same run: parse-only, and a
/// linear rule scan.
/// </summary>
public static class QuickBench
{
    private const int Rounds = 7;

    /// <summary>Where the fast path's time goes: parse, + lookup, + compiled apply, full process.</summary>
    public static int Profile(TextWriter output)
    {
        Moment now = Moment.FromSeconds(2);
        var udp1k = new FlowWorkload(1024, ipv6: false, tcp: false, Direction.Outbound, payload: 22);
        for (int round = 0; round < 3; round++)
        {
            output.WriteLine($"parse {Measure(n => EngineLoops.ParseOnly(udp1k, udp1k.Advance(n), n, ParseMode.Outbound)):F1} " +
                $"+lookup {Measure(n => ProfileLoops.ParseAndLookup(udp1k, n)):F1} " +
                $"+apply {Measure(n => ProfileLoops.ParseLookupApply(udp1k, n)):F1} " +
                $"process {Measure(n => EngineLoops.Process(udp1k, udp1k.Advance(n), n, now)):F1}");
        }

        return 0;
    }

    /// <summary>
    /// <c>opte-bench --flows</c>: fast path against active flow count (1k, 64k, 1M), per packet and in bursts, each
    /// with the parse-only baseline measured next to it (the machine is shared: compare ratios).
    /// </summary>
    public static int Flows(TextWriter output)
    {
        Moment now = Moment.FromSeconds(2);
        // 64 flows: every table line stays in L1, so the gap to 1k is what cache misses cost.
        int[] counts = Environment.GetEnvironmentVariable("OPTE_BENCH_FLOWS") is { } only ? [int.Parse(only, System.Globalization.CultureInfo.InvariantCulture)] : [64, 1024, 65536, 1 << 20];
        foreach (int flows in counts)
        {
            int? churn = ChurnFromEnvironment();
            var work = new FlowWorkload(flows, ipv6: false, tcp: false, Direction.Outbound, payload: 22, churnSpares: churn > 0 ? flows / 4 : 0);
            work.Delivery = DeliveryFromEnvironment() ?? work.Delivery;
            string table = $"preferred {work.PreferredShare:F2}";
            if (churn > 0)
            {
                work.ChurnFlows(churn.Value * flows);
                table += $"  churned {churn} x flows: preferred {work.PreferredShare:F2}";
            }

            for (int round = 0; round < 2; round++)
            {
                double parse = Measure(n => EngineLoops.ParseOnly(work, work.Advance(n), n, ParseMode.Outbound));
                double single = Measure(n => EngineLoops.Process(work, work.Advance(n), n, now));
                double burst = Measure(n => EngineLoops.ProcessBurst(work, work.Advance(n), n, now));
                double each = Measure(n => EngineLoops.ProcessEachOfBurst(work, work.Advance(n), n, now));
                output.WriteLine($"flows {flows,8}: parse {parse,6:F1}  process {single,6:F1} ({single / parse:F2}x)  burst {burst,6:F1} ({burst / parse:F2}x)" +
                    $"  burst-harness+process {each,6:F1}" +
                    $"  templates {work.Network.Port.UftOut.SharedOuterTemplates}  frames {work.Delivery.ToString().ToLowerInvariant()}  {table}");
            }

            work = null!;
            GC.Collect();
        }

        return 0;
    }

    /// <summary>
    /// <c>opte-bench --burst-loop SECONDS</c>: builds the flow workload (<c>OPTE_BENCH_FLOWS</c>, default 1M), says so on
    /// standard error, runs the burst loop for <paramref name="seconds"/>, and prints its figure: a steady target for a
    /// sampling profiler attached once the workload is built (<c>profile-burst.sh</c>).
    /// </summary>
    public static int BurstLoop(TextWriter output, double seconds)
    {
        Moment now = Moment.FromSeconds(2);
        int flows = Environment.GetEnvironmentVariable("OPTE_BENCH_FLOWS") is { } only
            ? int.Parse(only, System.Globalization.CultureInfo.InvariantCulture)
            : 1 << 20;
        int? churn = ChurnFromEnvironment();
        var work = new FlowWorkload(flows, ipv6: false, tcp: false, Direction.Outbound, payload: 22, churnSpares: churn > 0 ? flows / 4 : 0);
        work.Delivery = DeliveryFromEnvironment() ?? work.Delivery;
        if (churn > 0)
        {
            work.ChurnFlows(churn.Value * flows);
        }

        Console.Error.WriteLine("burst loop running");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            EngineLoops.ProcessBurst(work, work.Advance(1 << 16), 1 << 16, now);
        }

        output.WriteLine($"flows {flows}: burst {Measure(n => EngineLoops.ProcessBurst(work, work.Advance(n), n, now)):F1} ns" +
            $"  frames {work.Delivery.ToString().ToLowerInvariant()}");
        return 0;
    }

    /// <summary>
    /// <c>opte-bench --count-packets N</c>: builds the 1k-flow outbound UDP workload and processes N packets, untimed —
    /// for instruction counts under <c>valgrind --tool=callgrind</c> (run with two N and take the difference per packet,
    /// so setup and JIT cancel out).
    /// </summary>
    public static int CountPackets(TextWriter output, int packets)
    {
        var udp1k = new FlowWorkload(1024, ipv6: false, tcp: false, Direction.Outbound, payload: 22);
        int modified = EngineLoops.Process(udp1k, 0, packets, Moment.FromSeconds(2));
        output.WriteLine($"processed {packets} modified {modified}");
        return 0;
    }

    public static int Run(TextWriter output)
    {
        var results = new List<(string Name, double Value)>();
        Moment now = Moment.FromSeconds(2);

        // Fast path at 1k flows: IPv4 UDP 64-byte frames, outbound (SNAT + push Ethernet/IPv6/UDP/Geneve).
        var udp1k = new FlowWorkload(1024, ipv6: false, tcp: false, Direction.Outbound, payload: 22);
        double parse = Measure(n => EngineLoops.ParseOnly(udp1k, udp1k.Advance(n), n, ParseMode.Outbound));
        double fast = Measure(n => EngineLoops.Process(udp1k, udp1k.Advance(n), n, now));
        results.Add(("frame_bytes", udp1k.FrameLength));
        results.Add(("parse_only_ns", parse));
        double fastBurst = Measure(n => EngineLoops.ProcessBurst(udp1k, udp1k.Advance(n), n, now));
        results.Add(("fast_path_ns", fast));
        results.Add(("fast_path_burst_ns", fastBurst));

        var tcp1k = new FlowWorkload(1024, ipv6: false, tcp: true, Direction.Outbound, payload: 10);
        results.Add(("fast_path_tcp_ns", Measure(n => EngineLoops.Process(tcp1k, tcp1k.Advance(n), n, now))));
        var in1k = new FlowWorkload(1024, ipv6: false, tcp: false, Direction.Inbound, payload: 22);
        results.Add(("parse_only_inbound_ns", Measure(n => EngineLoops.ParseOnly(in1k, in1k.Advance(n), n, ParseMode.Inbound))));
        results.Add(("fast_path_inbound_ns", Measure(n => EngineLoops.Process(in1k, in1k.Advance(n), n, now))));
        var v6 = new FlowWorkload(1024, ipv6: true, tcp: false, Direction.Outbound, payload: 2);
        results.Add(("fast_path_ipv6_ns", Measure(n => EngineLoops.Process(v6, v6.Advance(n), n, now))));

        // Allocation over fast and slow paths.
        var slow = new SlowPathWorkload();
        slow.RunBatch(now);
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        EngineLoops.Process(udp1k, 0, 100_000, now);
        EngineLoops.Process(tcp1k, 0, 100_000, now);
        for (int i = 0; i < 20; i++)
        {
            slow.RunBatch(now);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        results.Add(("alloc_bytes_per_packet", (double)allocated / (200_000 + (20 * SlowPathWorkload.Batch))));

        // Slow path: first packet of a new flow.
        results.Add(("slow_path_ns", MeasureSlow(slow, now)));
        slow = null!;

        // Rules in one layer: the classifier against a linear scan of the same table.
        foreach (int rules in new[] { 10, 100, 1000, 10000 })
        {
            var work = new RuleWorkload(rules);
            results.Add(($"rules_{Label(rules)}_ns", Measure(n => EngineLoops.Classify(work.Classifier, work.Packets, work.FrameBytes, n, linear: false))));
            results.Add(($"rules_{Label(rules)}_linear_ns", Measure(n => EngineLoops.Classify(work.Classifier, work.Packets, work.FrameBytes, n, linear: true), rules >= 1000 ? 0.25 : 1)));
        }

        // Flow count: 64k and 1M established flows, visited round-robin in random order (every packet a different flow).
        udp1k = null!;
        tcp1k = null!;
        in1k = null!;
        v6 = null!;
        GC.Collect();
        var udp64k = new FlowWorkload(65536, ipv6: false, tcp: false, Direction.Outbound, payload: 22);
        results.Add(("fast_path_64k_flows_ns", Measure(n => EngineLoops.Process(udp64k, udp64k.Advance(n), n, now))));
        results.Add(("fast_path_64k_flows_burst_ns", Measure(n => EngineLoops.ProcessBurst(udp64k, udp64k.Advance(n), n, now))));
        udp64k = null!;
        GC.Collect();
        // The firmware hands the engine bursts (PortDemux → Port.ProcessBurst), so the 1M-flow headline is the burst
        // figure, compared with the burst figure at 1k flows (same path, same harness). The per-packet Process figure
        // is kept under its own name: it measures dependent DRAM misses per packet (the preferred slot; for a flow not in
        // it, the index bucket, then the slot) with nothing to overlap them, which no caller with more packets ready pays.
        // Flows are visited in random order (as traffic arrives); the creation-order figure is kept beside it because
        // earlier reports used that order, in which consecutive packets hit consecutive table slots.
        var udp1m = new FlowWorkload(1 << 20, ipv6: false, tcp: false, Direction.Outbound, payload: 22, randomOrder: false, churnSpares: 1 << 18);
        results.Add(("fast_path_1m_flows_creation_order_burst_ns", Measure(n => EngineLoops.ProcessBurst(udp1m, udp1m.Advance(n), n, now))));
        udp1m.VisitInRandomOrder();
        results.Add(("parse_only_1m_flows_ns", Measure(n => EngineLoops.ParseOnly(udp1m, udp1m.Advance(n), n, ParseMode.Outbound))));
        double burst1m = Measure(n => EngineLoops.ProcessBurst(udp1m, udp1m.Advance(n), n, now));
        results.Add(("fast_path_1m_flows_ns", burst1m));
        results.Add(("fast_path_1m_flows_burst_ns", burst1m));
        results.Add(("fast_path_1m_flows_per_packet_ns", Measure(n => EngineLoops.Process(udp1m, udp1m.Advance(n), n, now))));
        results.Add(("fast_path_1m_vs_1k_burst_ratio", burst1m / fastBurst));
        // The earlier harness's figure: each flow's whole frame copied from a 64 MiB array (see FrameDelivery).
        udp1m.Delivery = FrameDelivery.Streamed;
        results.Add(("fast_path_1m_flows_streamed_frames_burst_ns", Measure(n => EngineLoops.ProcessBurst(udp1m, udp1m.Advance(n), n, now))));
        // The same flows after steady churn at full load (twice the flow count of entries removed and re-created one at a
        // time), as a long-running port's table is: fewer flows sit in their preferred way than in a table filled once.
        results.Add(("uft_1m_preferred_share", udp1m.PreferredShare));
        udp1m.Delivery = FrameDelivery.Patched;
        udp1m.ChurnFlows(2 << 20);
        results.Add(("uft_1m_churned_preferred_share", udp1m.PreferredShare));
        results.Add(("fast_path_1m_flows_churned_burst_ns", Measure(n => EngineLoops.ProcessBurst(udp1m, udp1m.Advance(n), n, now))));

        using var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        foreach ((string name, double value) in results)
        {
            json.WriteNumber(name, Math.Round(value, 2));
        }

        json.WriteString("clock", ThreadCpuClock.IsThreadTime ? "thread-cpu-time" : "wall");
        json.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        json.WriteNumber("processors", Environment.ProcessorCount);
        json.WriteEndObject();
        json.Flush();
        output.WriteLine();
        return 0;
    }

    /// <summary><c>OPTE_BENCH_CHURN=N</c>: churn <c>--flows</c>'s table by N times its flow count before measuring (see <see cref="FlowWorkload.ChurnFlows"/>).</summary>
    private static int? ChurnFromEnvironment() =>
        Environment.GetEnvironmentVariable("OPTE_BENCH_CHURN") is { Length: > 0 } rounds
            ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary><c>OPTE_BENCH_FRAMES=streamed|patched</c> overrides the workload's frame delivery (see <see cref="FlowWorkload"/>).</summary>
    private static FrameDelivery? DeliveryFromEnvironment() => Environment.GetEnvironmentVariable("OPTE_BENCH_FRAMES") switch
    {
        null or "" => null,
        "streamed" => FrameDelivery.Streamed,
        "patched" => FrameDelivery.Patched,
        string other => throw new ArgumentException($"OPTE_BENCH_FRAMES is streamed or patched, not '{other}'"),
    };

    private static string Label(int rules) => rules >= 1000 ? $"{rules / 1000}k" : rules.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ns per operation: warm up for ~0.3 s of calls, then the median of <see cref="Rounds"/> ~25 ms (CPU) rounds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Measure(Func<int, int> loop, double scale = 1)
    {
        int batch = 4096;
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 300 * scale)
        {
            loop(batch);
        }

        // Size a round to ~25 ms of CPU.
        long t0 = ThreadCpuClock.NowNanoseconds();
        loop(batch);
        double perOp = (double)(ThreadCpuClock.NowNanoseconds() - t0) / batch;
        int perRound = (int)Math.Clamp(25_000_000 * scale / Math.Max(perOp, 1), 1000, 5_000_000);
        var samples = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            long start = ThreadCpuClock.NowNanoseconds();
            loop(perRound);
            samples[r] = (double)(ThreadCpuClock.NowNanoseconds() - start) / perRound;
        }

        Array.Sort(samples);
        return samples[Rounds / 2];
    }

    private static double MeasureSlow(SlowPathWorkload work, Moment now)
    {
        for (int i = 0; i < 30; i++)
        {
            work.RunBatch(now);
        }

        var samples = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            long ticks = 0;
            for (int i = 0; i < 10; i++)
            {
                ticks += work.RunBatch(now);
            }

            samples[r] = (double)ticks / (10 * SlowPathWorkload.Batch);
        }

        Array.Sort(samples);
        return samples[Rounds / 2];
    }
}
