using OpteNic.System.Tests.Infrastructure;

namespace OpteNic.System.Tests.Benchmarks;

/// <summary>
/// The benchmark's frame deliveries, through the built <c>opte-bench</c>: a workload rebuilt from a template checks at
/// setup that every flow's frame comes out byte for byte as precomputed, and refuses to run otherwise.
/// </summary>
public sealed class FlowWorkloadDeliveryTests
{
    [Theory]
    [InlineData("patched")]
    [InlineData("streamed")]
    public void The_flows_benchmark_runs_on_either_delivery(string delivery)
    {
        ProcessResult result = BuiltTool.Run(RepositoryPaths.OpteBenchDll, ["--flows"], TimeSpan.FromMinutes(3),
            new Dictionary<string, string?> { ["OPTE_BENCH_FLOWS"] = "4096", ["OPTE_BENCH_FRAMES"] = delivery });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("flows     4096:", result.StandardOutput);
        Assert.Contains($"frames {delivery}", result.StandardOutput);
    }

    [Fact]
    public void An_unknown_delivery_is_refused_by_name()
    {
        ProcessResult result = BuiltTool.Run(RepositoryPaths.OpteBenchDll, ["--flows"], TimeSpan.FromMinutes(1),
            new Dictionary<string, string?> { ["OPTE_BENCH_FLOWS"] = "64", ["OPTE_BENCH_FRAMES"] = "dma" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("OPTE_BENCH_FRAMES is streamed or patched, not 'dma'", result.StandardError);
    }
}
