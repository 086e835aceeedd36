using OpteNic.Fuzz;
using SharpFuzz;

// opte-fuzz: fuzz harness for the packet parsers and header transformations (see README.md).
//   opte-fuzz afl                       run under AFL++ (stdin/shared-memory input; needs the sharpfuzz-instrumented library)
//   opte-fuzz libfuzzer                 run under libFuzzer (libfuzzer-dotnet)
//   opte-fuzz run FILE|DIR...           run inputs once (reproduce a crash); exit 1 if any crashes
//   opte-fuzz random SECONDS [CORPUS] [OUT] [SEED]   in-process mutation fuzzing (fallback without AFL++)
//   opte-fuzz seeds DIR                 write the seed corpus
// Each command with a "-vpc" suffix (afl-vpc, libfuzzer-vpc, run-vpc, random-vpc, seeds-vpc) targets the VPC network
// instead: a whole VpcPort in both directions and the gateway's DHCP/DHCPv6/NDP option walkers (VpcFuzzTarget).
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: opte-fuzz afl | libfuzzer | run FILE|DIR... | random SECONDS [CORPUS] [OUT] [SEED] | seeds DIR   (append -vpc for the VPC target)");
    return 2;
}

bool vpc = args[0].EndsWith("-vpc", StringComparison.Ordinal);
FuzzInput target = vpc ? VpcFuzzTarget.Run : FuzzTarget.Run;
Func<IEnumerable<(string Name, byte[] Input)>> seeds = vpc ? VpcSeedCorpus.Build : SeedCorpus.Build;

switch (vpc ? args[0][..^4] : args[0])
{
    case "afl":
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            target(memory.GetBuffer().AsSpan(0, (int)memory.Length));
        });
        return 0;
    case "libfuzzer":
        Fuzzer.LibFuzzer.Run(span => target(span));
        return 0;
    case "run":
    {
        int failures = 0;
        foreach (string path in args.Skip(1).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]))
        {
            try
            {
                target(File.ReadAllBytes(path));
            }
            catch (Exception exception)
            {
                failures++;
                Console.Error.WriteLine($"{path}: {exception}");
            }
        }

        if (vpc)
        {
            Console.WriteLine(VpcFuzzTarget.Summary());
        }

        return failures == 0 ? 0 : 1;
    }

    case "random":
    {
        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        List<byte[]> corpus = args.Length > 2 && Directory.Exists(args[2])
            ? Directory.GetFiles(args[2]).Select(File.ReadAllBytes).ToList()
            : seeds().Select(s => s.Input).ToList();
        string output = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "opte-fuzz");
        int seed = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount;
        int status = MutationDriver.Run(TimeSpan.FromSeconds(seconds), corpus, output, seed, target);
        if (vpc)
        {
            Console.WriteLine(VpcFuzzTarget.Summary());
        }

        return status;
    }

    case "seeds":
    {
        string directory = args.Length > 1 ? args[1] : "corpus";
        Directory.CreateDirectory(directory);
        foreach ((string name, byte[] input) in seeds())
        {
            File.WriteAllBytes(Path.Combine(directory, name + ".bin"), input);
        }

        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
