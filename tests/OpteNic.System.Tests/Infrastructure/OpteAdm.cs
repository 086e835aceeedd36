using System.Diagnostics;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>Runs the built opteadm as a separate process, as an operator would.</summary>
public static class OpteAdm
{
    /// <summary>Runs <c>opteadm ARGS</c> and waits for it (killing it after <paramref name="limit"/>).</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, TimeSpan? limit = null, IDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"opteadm {string.Join(' ', arguments)} did not finish; stdout: {output.Result} stderr: {error.Result}");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs <c>opteadm ARGS</c> in the background.</summary>
    public static Process Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.OpteAdmDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OPTE_DEVICE");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start opteadm");
    }
}
