using System.Diagnostics;
using System.Text.Json;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// opteadm processes aimed at one card (<c>-d STATE</c>), as an operator's script would run them: a subcommand, a
/// subcommand fed on standard input (<c>set-fw-rules</c>), and <c>--json</c> output parsed with
/// <see cref="JsonDocument"/>. Processes are started by <see cref="Tool"/>; only the standard-input case needs its own
/// start, since <see cref="Tool.Start"/> does not redirect standard input.
/// </summary>
public sealed class OpteAdmSession(string stateDirectory)
{
    /// <summary>The card's state directory (what <c>-d</c> takes).</summary>
    public string StateDirectory { get; } = stateDirectory;

    /// <summary>Runs <c>opteadm -d STATE ARGS</c>.</summary>
    public ProcessResult Run(params string[] arguments) => Tool.Run(["-d", StateDirectory, .. arguments]);

    /// <summary>Runs <c>opteadm -d STATE ARGS &lt; input</c>.</summary>
    public ProcessResult RunWithInput(string input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[RepositoryPaths.OpteAdmDll, "-d", StateDirectory, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OPTE_DEVICE");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start opteadm");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"opteadm {string.Join(' ', arguments)} did not finish; stderr: {error.Result}");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a subcommand that must succeed silently on stderr; returns what it printed.</summary>
    public string Ok(params string[] arguments) => Succeeded(Run(arguments), arguments);

    /// <summary>Like <see cref="Ok"/>, with <paramref name="input"/> on standard input.</summary>
    public string OkWithInput(string input, params string[] arguments) => Succeeded(RunWithInput(input, arguments), arguments);

    /// <summary>Runs a state-changing subcommand: it must succeed and print nothing (host-tools/README.md).</summary>
    public void Change(params string[] arguments) => Assert.True(Ok(arguments).Length == 0, $"opteadm {string.Join(' ', arguments)} printed output on success");

    /// <summary>Runs <c>ARGS --json</c> and parses its output; fails the test if it is not one JSON document.</summary>
    public JsonElement Json(params string[] arguments)
    {
        var text = Ok([.. arguments, "--json"]);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"opteadm {string.Join(' ', arguments)} --json printed no valid JSON ({e.Message}):\n{text}");
        }
    }

    private static string Succeeded(ProcessResult result, string[] arguments)
    {
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"opteadm {string.Join(' ', arguments)}: {result}");
        return result.StandardOutput;
    }
}
