using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using OpteNic.Api.Abi;
using OpteNic.Client.Device;

namespace OpteNic.System.Tests.Infrastructure;

/// <summary>
/// <c>opte-nic-sim run --state DIR</c> as a separate process: started, waited for until its firmware is READY,
/// suspended and resumed with SIGSTOP/SIGCONT (a firmware that stops answering), and stopped with SIGTERM.
/// </summary>
public sealed partial class SimulatorProcess : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private SimulatorProcess(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The state directory the simulator publishes bar0 and hostmem in.</summary>
    public string StateDirectory { get; }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What it printed so far (for assertion messages).</summary>
    public string Log
    {
        get
        {
            lock (_output)
            {
                lock (_error)
                {
                    return $"--- simulator stdout ---\n{_output}\n--- simulator stderr ---\n{_error}";
                }
            }
        }
    }

    /// <summary>Starts the simulator on <paramref name="stateDirectory"/> and waits until its firmware is READY.</summary>
    public static SimulatorProcess Start(string stateDirectory, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.SimulatorDll);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--state");
        start.ArgumentList.Add(stateDirectory);
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var simulator = new SimulatorProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start opte-nic-sim"), stateDirectory);
        try
        {
            simulator.WaitUntilReady(TimeSpan.FromSeconds(60));
            return simulator;
        }
        catch
        {
            simulator.Dispose();
            throw;
        }
    }

    /// <summary>Polls the BAR file until the firmware state reads READY.</summary>
    public void WaitUntilReady(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"opte-nic-sim exited with {_process.ExitCode} before READY\n{Log}");
            }

            if (File.Exists(Path.Combine(StateDirectory, "bar0")) && File.Exists(Path.Combine(StateDirectory, "hostmem")))
            {
                try
                {
                    using var device = OpteDevice.OpenUnchecked(StateDirectory);
                    if (device.ReadIdentity() is { HasSignature: true, State: FirmwareState.Ready })
                    {
                        return;
                    }
                }
                catch (OpteDeviceException)
                {
                    // Files still being created or sized.
                }
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"opte-nic-sim was not READY within {limit}\n{Log}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>SIGSTOP: the firmware stops running (and answering) but the process stays.</summary>
    public void Suspend() => Signal(SigStop);

    /// <summary>SIGCONT: the firmware runs again.</summary>
    public void Resume() => Signal(SigCont);

    /// <summary>SIGTERM, then waits for the process to exit; returns its exit code.</summary>
    public int Terminate(TimeSpan? limit = null)
    {
        Signal(SigTerm);
        if (!_process.WaitForExit(limit ?? TimeSpan.FromSeconds(20)))
        {
            throw new TimeoutException($"opte-nic-sim did not exit after SIGTERM\n{Log}");
        }

        _process.WaitForExit(); // drain the output readers
        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal(SigCont);
            Signal(SigKill);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
