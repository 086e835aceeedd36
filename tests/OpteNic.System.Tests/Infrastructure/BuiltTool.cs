using System.Diagnostics;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>Runs one of the repository's built tools (<c>dotnet TOOL.dll ARGS</c>) as a separate process.</summary>
public static class BuiltTool
{
    /// <summary>Runs the tool and waits for it (killing it after <paramref name="limit"/>).</summary>
    public static ProcessResult Run(string dll, IEnumerable<string> arguments, TimeSpan limit, IDictionary<string, string?>? environment = null)
    {
        using var process = Start(dll, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"{Path.GetFileName(dll)} {string.Join(' ', arguments)} did not finish; stdout: {output.Result} stderr: {error.Result}");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Starts the tool in the background; <paramref name="environment"/> adds to or overrides the test's own (a null
    /// value removes the variable).
    /// </summary>
    public static Process Start(string dll, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    start.Environment.Remove(key);
                }
                else
                {
                    start.Environment[key] = value;
                }
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
    }
}
