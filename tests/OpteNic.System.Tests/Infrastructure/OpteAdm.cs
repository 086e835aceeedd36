using System.Diagnostics;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>Runs the built opteadm as a separate process, as an operator would.</summary>
public static class OpteAdm
{
    /// <summary>Runs <c>opteadm ARGS</c> and waits for it (killing it after <paramref name="limit"/>).</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, TimeSpan? limit = null, IDictionary<string, string>? environment = null) =>
        BuiltTool.Run(RepositoryPaths.OpteAdmDll, arguments, limit ?? TimeSpan.FromSeconds(60), WithoutAmbientDevice(environment));

    /// <summary>Runs <c>opteadm ARGS</c> in the background.</summary>
    public static Process Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        BuiltTool.Start(RepositoryPaths.OpteAdmDll, arguments, WithoutAmbientDevice(environment));

    // The tests name their device explicitly: an OPTE_DEVICE in the test's own environment must not pick one for them.
    private static Dictionary<string, string?> WithoutAmbientDevice(IDictionary<string, string>? environment)
    {
        var result = new Dictionary<string, string?> { ["OPTE_DEVICE"] = null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            result[key] = value;
        }

        return result;
    }
}
