using System.Diagnostics;

namespace OpteNic.Fuzz;

/// <summary>
/// Fallback when AFL++ is not installed: an in-process, coverage-blind mutation fuzzer (bit flips, byte sets,
/// interesting values, truncation, splices of corpus inputs) for a bounded time. Weaker than AFL++ but needs nothing
/// beyond .NET. A crashing input is written to <c>crashes/</c> under the output directory.
/// </summary>
public static class MutationDriver
{
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x05, 0x06, 0x08, 0x11, 0x2C, 0x3A, 0x3C, 0x40, 0x45, 0x60, 0x65, 0x7F, 0x80, 0x81, 0x86, 0xDD, 0xFF];

    public static int Run(TimeSpan duration, IReadOnlyList<byte[]> corpus, string outputDirectory, int seed)
        => Run(duration, corpus, outputDirectory, seed, FuzzTarget.Run);

    /// <summary>As above, against <paramref name="target"/> (e.g. <see cref="VpcFuzzTarget.Run"/>).</summary>
    public static int Run(TimeSpan duration, IReadOnlyList<byte[]> corpus, string outputDirectory, int seed, FuzzInput target)
    {
        var random = new Random(seed);
        var stopwatch = Stopwatch.StartNew();
        long executions = 0;
        var scratch = new byte[2048];
        while (stopwatch.Elapsed < duration)
        {
            byte[] parent = corpus[random.Next(corpus.Count)];
            int length = Mutate(random, parent, corpus, scratch);
            try
            {
                target(scratch.AsSpan(0, length));
            }
            catch (Exception exception)
            {
                string directory = Path.Combine(outputDirectory, "crashes");
                Directory.CreateDirectory(directory);
                string path = Path.Combine(directory, $"crash-{seed}-{executions}.bin");
                File.WriteAllBytes(path, scratch.AsSpan(0, length).ToArray());
                Console.Error.WriteLine($"crash after {executions} executions, saved {path}: {exception}");
                return 1;
            }

            executions++;
        }

        Console.WriteLine($"{{\"driver\":\"in-process-mutation\",\"executions\":{executions},\"seconds\":{stopwatch.Elapsed.TotalSeconds:F1},\"crashes\":0}}");
        return 0;
    }

    private static int Mutate(Random random, byte[] parent, IReadOnlyList<byte[]> corpus, byte[] output)
    {
        int length = Math.Min(parent.Length, output.Length);
        parent.AsSpan(0, length).CopyTo(output);
        int rounds = 1 + random.Next(8);
        for (int round = 0; round < rounds && length > 0; round++)
        {
            int at = random.Next(length);
            switch (random.Next(7))
            {
                case 0:
                    output[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    output[at] = (byte)random.Next(256);
                    break;
                case 2:
                    output[at] = s_interesting[random.Next(s_interesting.Length)];
                    break;
                case 3:
                    length = at + 1;
                    break;
                case 4:
                    output[at] = (byte)(output[at] + random.Next(-4, 5));
                    break;
                case 5:
                {
                    byte[] other = corpus[random.Next(corpus.Count)];
                    int from = random.Next(other.Length);
                    int count = Math.Min(Math.Min(other.Length - from, output.Length - at), random.Next(1, 64));
                    other.AsSpan(from, count).CopyTo(output.AsSpan(at));
                    length = Math.Max(length, at + count);
                    break;
                }

                default:
                {
                    int extra = Math.Min(output.Length - length, random.Next(1, 16));
                    random.NextBytes(output.AsSpan(length, extra));
                    length += extra;
                    break;
                }
            }
        }

        return length;
    }
}
