using System.Text.RegularExpressions;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.Simulator;

/// <summary>opteadm and the client library against a running opte-nic-sim (a separate process).</summary>
public sealed partial class VersionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public void Opteadm_version_reports_what_the_firmware_says_over_the_mailbox()
    {
        var result = Tool.Run(["--device", simulator.StateDirectory, "version"]);
        Assert.True(result.ExitCode == 0, result + simulator.Simulator.Log);

        // Ask the same firmware directly through the library: the tool must print exactly its Info answer.
        using var device = OpteDevice.Open(simulator.StateDirectory);
        var response = device.Execute(OpteCmd.Info, []);
        Assert.True(PostcardSerializer.TryDeserialize<InfoResp>(response.Body, out var info, out var error), error.ToString());

        Assert.Equal(info.FirmwareVersion, Field(result.StandardOutput, "firmware version"));
        Assert.Equal($"{Bar0.AbiMajor}.{Bar0.AbiMinor}", Field(result.StandardOutput, "mailbox ABI"));
        Assert.Equal(ApiVersion.Current.ToString(), Field(result.StandardOutput, "OPTE API version"));
        Assert.Equal(ApiVersion.Current, info.ApiVersion);
        Assert.Equal(Bar0.AbiMajor, info.MailboxAbiMajor);
        Assert.Contains(info.BoardName, result.StandardOutput);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public void Device_from_environment_works_like_dash_d()
    {
        var result = Tool.Run(["version"], environment: new Dictionary<string, string> { ["OPTE_DEVICE"] = simulator.StateDirectory });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ApiVersion.Current.ToString(), Field(result.StandardOutput, "OPTE API version"));
    }

    [Fact]
    public void Status_shows_a_ready_card_with_an_advancing_heartbeat()
    {
        var result = Tool.Run(["-d", simulator.StateDirectory, "status"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("READY", Field(result.StandardOutput, "firmware state"));
        Assert.Contains("(advancing", result.StandardOutput);
        Assert.StartsWith("Idle", Field(result.StandardOutput, "mailbox"), StringComparison.Ordinal);
    }

    [Fact]
    public void Opte_api_version_mismatch_is_answered_eproto_with_the_firmware_error_in_words()
    {
        var result = Tool.Run(["-d", simulator.StateDirectory, "--api-version", "40", "version"]);
        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("EPROTO", result.StandardError);
        Assert.Contains($"client speaks 40, firmware speaks {ApiVersion.Current}", result.StandardError);
    }

    [Fact]
    public void Enobufs_grows_the_response_buffer_and_retries()
    {
        using var device = OpteDevice.Open(simulator.StateDirectory);
        var small = device.Execute(OpteCmd.Info, [], new CommandOptions { InitialResponseBytes = 4 });
        var normal = device.Execute(OpteCmd.Info, []);
        Assert.Equal(2, small.Tries);
        Assert.Equal(1, normal.Tries);
        Assert.Equal(normal.Body, small.Body);
    }

    [Fact]
    public void Enobufs_past_the_last_try_is_reported_with_the_needed_size()
    {
        using var device = OpteDevice.Open(simulator.StateDirectory);
        var error = Assert.Throws<OpteDeviceException>(() => device.Execute(OpteCmd.Info, [], new CommandOptions { InitialResponseBytes = 4, MaxTries = 1 }));
        Assert.Equal(DeviceErrorKind.CommandFailed, error.Kind);
        Assert.Equal(Errno.ENOBUFS, error.Errno);
        Assert.Equal(MailboxSyndrome.ResponseTooSmall, error.Syndrome);
        Assert.IsType<OpteError.RespTooLarge>(error.OpteError);
    }

    [Fact]
    public void Unknown_command_is_answered_and_the_firmware_keeps_serving()
    {
        using var device = OpteDevice.Open(simulator.StateDirectory);
        var error = Assert.Throws<OpteDeviceException>(() => device.Execute((OpteCmd)199, [1, 2, 3]));
        Assert.Equal(MailboxSyndrome.UnknownCommand, error.Syndrome);
        Assert.Equal(Errno.EOPNOTSUPP, error.Errno);
        Assert.Equal(1, device.Execute(OpteCmd.Info, []).Tries);
    }

    [Fact]
    public void Commands_from_concurrent_processes_and_threads_never_interleave()
    {
        // Four opteadm processes and two in-process clients at once: every command completes with its own answer.
        var processes = Enumerable.Range(0, 4)
            .Select(_ => Tool.Start(["-d", simulator.StateDirectory, "version"]))
            .ToList();
        var sequences = new global::System.Collections.Concurrent.ConcurrentBag<uint>();
        var failures = new global::System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            try
            {
                using var device = OpteDevice.Open(simulator.StateDirectory);
                for (var i = 0; i < 50; i++)
                {
                    var response = device.Execute(OpteCmd.Info, []);
                    Assert.True(PostcardSerializer.TryDeserialize<InfoResp>(response.Body, out var decoded, out var decodeError), decodeError.ToString());
                    Assert.Equal(ApiVersion.Current, decoded.ApiVersion);
                    sequences.Add(response.Sequence);
                }
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);

        foreach (var process in processes)
        {
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output + errors);
            Assert.Equal(ApiVersion.Current.ToString(), Field(output, "OPTE API version"));
            process.Dispose();
        }

        Assert.Equal(100, sequences.Count);
        Assert.Equal(100, sequences.Distinct().Count());
    }

    private static string Field(string output, string name)
    {
        var match = Regex.Match(output, $"^{Regex.Escape(name)}:\\s+(.*)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{name}:' line in\n{output}");
        return match.Groups[1].Value.Trim();
    }
}
