using BenchmarkDotNet.Running;
using OpteNic.Benchmarks.Engine;

// opte-bench --quick        headline engine figures as one JSON object (< 1 minute)
// opte-bench --profile      where the engine fast path's time goes (parse, lookup, compiled apply)
// opte-bench [BDN args]     the BenchmarkDotNet suites, in-process (e.g. --filter '*FastPath*')
if (args.Length > 0 && args[0] == "--quick")
{
    return QuickBench.Run(Console.Out);
}

// opte-bench --flows       fast path at 64 (cache-resident) / 1k / 64k / 1M flows, per packet and in bursts, beside the parse
//                          baseline (OPTE_BENCH_FLOWS=N measures N flows only; OPTE_BENCH_FRAMES=streamed|patched
//                          overrides how frames reach the port, see FlowWorkload; OPTE_BENCH_CHURN=N first churns
//                          the table by N times its flow count, see FlowWorkload.ChurnFlows)
if (args.Length > 0 && args[0] == "--flows")
{
    return QuickBench.Flows(Console.Out);
}

// opte-bench --count-packets N   N fast-path packets, untimed (instruction counts under callgrind)
if (args.Length > 1 && args[0] == "--count-packets")
{
    return QuickBench.CountPackets(Console.Out, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
}

// opte-bench --burst-loop SECONDS   the fast-path burst loop alone for SECONDS (OPTE_BENCH_FLOWS flows, default 1M),
//                                  then its figure: a steady target for a sampling profiler (see profile-burst.sh)
if (args.Length > 1 && args[0] == "--burst-loop")
{
    return QuickBench.BurstLoop(Console.Out, double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "--profile")
{
    return QuickBench.Profile(Console.Out);
}

// opte-bench --rings-quick  packets/s through the host rings + pass-through firmware, and B allocated/packet
if (args.Length > 0 && args[0] == "--rings-quick")
{
    return OpteNic.Benchmarks.Rings.RingThroughputReport.Run(Console.Out);
}

// opte-bench --mailbox-quick  commands/s through the mailbox and the time to dump 1M V2P entries
if (args.Length > 0 && args[0] == "--mailbox-quick")
{
    return OpteNic.Benchmarks.Mailbox.MailboxReport.Run(Console.Out);
}

// The assembly (opte-bench) and project (OpteNic.Benchmarks) names differ, which BenchmarkDotNet's default
// out-of-process toolchain cannot follow ("Unable to find opte-bench"): run the suites in-process.
string[] suiteArgs = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(QuickBench).Assembly).Run(suiteArgs);
return 0;
