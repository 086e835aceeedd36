using BenchmarkDotNet.Running;
using OpteNic.Benchmarks.Engine;

// opte-bench --quick        headline engine figures as one JSON object (< 1 minute)
// opte-bench [BDN args]     the BenchmarkDotNet suites (e.g. --filter '*FastPath*')
if (args.Length > 0 && args[0] == "--quick")
{
    return QuickBench.Run(Console.Out);
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

BenchmarkSwitcher.FromAssembly(typeof(QuickBench).Assembly).Run(args);
return 0;
