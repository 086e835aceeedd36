using OpteNic.Fuzz;
using OpteNic.Tests.Shared;

namespace OpteNic.Packets.Tests;

/// <summary>Replays every kept fuzz input and the seed corpus through the fuzz target: none may throw.</summary>
public class FuzzRegressionTests
{
    public static TheoryData<string> Inputs() => [.. KeptFuzzInputs.In("FuzzRegressions", "FuzzCorpus")];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Kept_input_runs_clean(string relativePath)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, relativePath));
        FuzzTarget.Run(input);
        // Every prefix too: the same input cut short must also be handled.
        for (int length = 0; length < input.Length; length++)
        {
            FuzzTarget.Run(input.AsSpan(0, length));
        }
    }

    [Fact]
    public void Corpus_and_regressions_are_present()
    {
        Assert.True(Inputs().Count >= 10, "the seed corpus is copied next to the tests");
    }
}
