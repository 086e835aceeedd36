using System.CommandLine;
using OpteNic.Client.Device;

namespace OpteAdm.Commands;

/// <summary>
/// <c>opteadm reset</c>: function-level reset. Stops every queue, releases a mailbox slot the firmware never completed
/// and reboots the firmware; returns when it is READY again.
/// </summary>
public static class ResetCommand
{
    public static Command Create()
    {
        var command = new Command("reset", "Function-level reset: stop the queues, release the mailbox slot, reboot the firmware and wait for READY");
        command.SetAction(CommandRunner.Wrap(Run));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        using var device = CommandRunner.OpenDevice(parse);
        var before = device.ReadIdentity().BootCount;
        var timeout = parse.GetValue(GlobalOptions.TimeoutMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(10);
        device.FunctionLevelReset(timeout);
        var after = device.ReadIdentity();
        Console.WriteLine($"reset done: boot #{before} -> #{after.BootCount}, cause {after.ResetCause}, firmware READY");
        return ExitCodes.Ok;
    }
}
