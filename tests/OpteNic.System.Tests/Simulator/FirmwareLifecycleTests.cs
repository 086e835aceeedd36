using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.Simulator;

/// <summary>
/// A real firmware that stops answering (the simulator process is suspended with SIGSTOP), is reset, and is shut
/// down with SIGTERM.
/// </summary>
public sealed class FirmwareLifecycleTests
{
    [Fact]
    public void Timed_out_slot_stays_busy_until_the_firmware_completes_it_then_the_stray_completion_is_released()
    {
        using var temp = new TempDirectory();
        using var simulator = SimulatorProcess.Start(temp.Path);

        simulator.Suspend();
        var timedOut = Tool.Run(["-d", temp.Path, "--timeout-ms", "300", "version"]);
        Assert.True(timedOut.ExitCode == 9, timedOut.ToString());
        Assert.Contains("ETIMEDOUT", timedOut.StandardError);
        Assert.Contains("heartbeat stalled", timedOut.StandardError);

        var busy = Tool.Run(["-d", temp.Path, "--timeout-ms", "300", "version"]);
        Assert.True(busy.ExitCode == 8, busy.ToString());
        Assert.Contains("EBUSY", busy.StandardError);

        simulator.Resume();
        WaitForSlot(temp.Path, MailboxControl.Done);
        var after = Tool.Run(["-d", temp.Path, "version"]);
        Assert.True(after.ExitCode == 0, after + simulator.Log);
        Assert.Equal(0, simulator.Terminate());
    }

    [Fact]
    public void Function_level_reset_releases_a_slot_the_firmware_never_completed()
    {
        using var temp = new TempDirectory();
        using var simulator = SimulatorProcess.Start(temp.Path);
        uint bootsBefore;
        using (var device = OpteDevice.Open(temp.Path))
        {
            bootsBefore = device.ReadIdentity().BootCount;
        }

        simulator.Suspend();
        var timedOut = Tool.Run(["-d", temp.Path, "--timeout-ms", "300", "version"]);
        Assert.True(timedOut.ExitCode == 9, timedOut.ToString());

        // Reset while the slot is still owned; the firmware comes back to find both the command and the reset.
        using var reset = Tool.Start(["-d", temp.Path, "--timeout-ms", "20000", "reset"]);
        Thread.Sleep(300);
        simulator.Resume();
        var resetOutput = reset.StandardOutput.ReadToEnd() + reset.StandardError.ReadToEnd();
        reset.WaitForExit();
        Assert.True(reset.ExitCode == 0, resetOutput + simulator.Log);

        using (var device = OpteDevice.Open(temp.Path))
        {
            var identity = device.ReadIdentity();
            Assert.Equal(FirmwareState.Ready, identity.State);
            Assert.Equal(ResetCause.HostRequest, identity.ResetCause);
            Assert.Equal(bootsBefore + 1, identity.BootCount);
            Assert.Equal(MailboxControl.Idle, (MailboxControl)device.Bar.Read32(Bar0.MailboxControl));
        }

        var after = Tool.Run(["-d", temp.Path, "version"]);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(0, simulator.Terminate());
    }

    [Fact]
    public void Sigterm_stops_the_simulator_cleanly_and_leaves_an_offline_card_behind()
    {
        using var temp = new TempDirectory();
        using var simulator = SimulatorProcess.Start(temp.Path);
        Assert.Equal(0, simulator.Terminate());

        Assert.True(File.Exists(Path.Combine(temp.Path, "bar0")), "the simulator must leave its state for inspection");
        var result = Tool.Run(["-d", temp.Path, "version"]);
        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains("OFFLINE", result.StandardError);
    }

    private static void WaitForSlot(string state, MailboxControl wanted)
    {
        using var device = OpteDevice.OpenUnchecked(state);
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        while ((MailboxControl)device.Bar.Read32(Bar0.MailboxControl) != wanted)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"mailbox slot never reached {wanted}");
            Thread.Sleep(10);
        }
    }
}
