using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Fuzz;
using OpteNic.Tests.Shared;

namespace OpteNic.Vpc.Tests.Fuzz;

/// <summary>
/// Replays the VPC fuzz target's seed corpus (<c>tests/OpteNic.Fuzz/corpus-vpc</c>) and every kept fuzz-found input
/// (<c>FuzzRegressions/</c>) through <see cref="VpcFuzzTarget.Run"/>, the entry point AFL++ drives, with every prefix of
/// each input too: none may throw, and the port's counters must account for every packet it was handed exactly once —
/// the sum of its outcome counters grows by the number of packets, and each outcome counter by the packets that came
/// back with that outcome.
/// </summary>
public class VpcFuzzRegressionTests
{
    private static readonly Lock s_replay = new();

    public static TheoryData<string> Inputs() => [.. Files()];

    /// <summary>Every kept input, as a path relative to the test output directory, in a stable order.</summary>
    private static List<string> Files() => KeptFuzzInputs.In("FuzzRegressions", "FuzzCorpusVpc");

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Kept_input_runs_clean_and_every_packet_is_counted_once(string relativePath)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, relativePath));
        // The target's port is static: one replay at a time, so the deltas below are this input's alone.
        lock (s_replay)
        {
            var before = Snapshot.Take();
            VpcFuzzTarget.Run(input);
            for (int length = 0; length < input.Length; length++)
            {
                VpcFuzzTarget.Run(input.AsSpan(0, length));
            }

            var after = Snapshot.Take();
            foreach (Direction direction in new[] { Direction.Outbound, Direction.Inbound })
            {
                Snapshot.AssertEveryPacketCountedOnce(before, after, direction, relativePath);
            }
        }
    }

    [Fact]
    public void The_vpc_seed_corpus_is_copied_next_to_the_tests()
    {
        Assert.True(Files().Count(file => file.StartsWith("FuzzCorpusVpc", StringComparison.Ordinal)) >= 20,
            "tests/OpteNic.Fuzz/corpus-vpc is linked into the test output");
    }

    [Fact]
    public void Seeds_reach_every_direction_and_outcome_the_fuzzer_relies_on()
    {
        lock (s_replay)
        {
            foreach (string file in Files())
            {
                VpcFuzzTarget.Run(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)));
            }

            // The corpus is only useful if it gets past the parser into the layers both ways and into the gateway.
            Assert.True(VpcFuzzTarget.Handed(Direction.Outbound, ProcessOutcome.Modified) > 0, VpcFuzzTarget.Summary());
            Assert.True(VpcFuzzTarget.Handed(Direction.Inbound, ProcessOutcome.Modified) > 0, VpcFuzzTarget.Summary());
            Assert.True(VpcFuzzTarget.Handed(Direction.Outbound, ProcessOutcome.Hairpin) > 0, VpcFuzzTarget.Summary());
        }
    }

    /// <summary>The port's outcome counters and the target's tallies of what it handed the port, per direction.</summary>
    private sealed record Snapshot(long[] Counters, long[] Handed)
    {
        private static readonly ProcessOutcome[] s_outcomes = [ProcessOutcome.Modified, ProcessOutcome.Drop, ProcessOutcome.Hairpin, ProcessOutcome.Error];

        public static Snapshot Take()
        {
            var counters = new long[8];
            var handed = new long[8];
            foreach (Direction direction in new[] { Direction.Outbound, Direction.Inbound })
            {
                PortDirectionCounters c = VpcFuzzTarget.Port.Port.CountersFor(direction);
                int at = direction == Direction.Outbound ? 0 : 4;
                counters[at + 0] = c.Modified;
                counters[at + 1] = c.Drop;
                counters[at + 2] = c.Hairpin;
                counters[at + 3] = c.ProcessError;
                for (int i = 0; i < 4; i++)
                {
                    handed[at + i] = VpcFuzzTarget.Handed(direction, s_outcomes[i]);
                }
            }

            return new Snapshot(counters, handed);
        }

        public static void AssertEveryPacketCountedOnce(Snapshot before, Snapshot after, Direction direction, string input)
        {
            int at = direction == Direction.Outbound ? 0 : 4;
            long packets = 0;
            long counted = 0;
            for (int i = 0; i < 4; i++)
            {
                long handed = after.Handed[at + i] - before.Handed[at + i];
                long counter = after.Counters[at + i] - before.Counters[at + i];
                Assert.True(handed == counter,
                    $"{input}: {direction} {s_outcomes[i]}: the port returned it {handed} times but counted {counter}; {VpcFuzzTarget.Summary()}");
                packets += handed;
                counted += counter;
            }

            Assert.Equal(packets, counted);
            PortDirectionCounters c = VpcFuzzTarget.Port.Port.CountersFor(direction);
            Assert.True(c.DropHandlePacket + c.DropLayer + c.DropTcpError + c.DropParse <= c.Drop,
                $"{input}: {direction} drop reasons exceed drops ({c.DropHandlePacket}+{c.DropLayer}+{c.DropTcpError}+{c.DropParse} > {c.Drop})");
        }
    }
}
