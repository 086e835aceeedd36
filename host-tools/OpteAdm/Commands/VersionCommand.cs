using System.CommandLine;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;

namespace OpteAdm.Commands;

/// <summary>
/// <c>opteadm version</c>: firmware version, mailbox ABI and OPTE API version, asked of the firmware with the
/// <c>Info</c> command. When the card cannot be asked (not READY, ABI mismatch) the identity registers are shown
/// instead, marked as such, and the exit code says why.
/// </summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the firmware version, mailbox ABI version and OPTE API version of the card (and of this tool)");
        command.SetAction(CommandRunner.Wrap(Run));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        using var device = OpteDevice.OpenUnchecked(CommandRunner.DevicePath(parse));
        var identity = device.ReadIdentity();
        if (!identity.HasSignature)
        {
            device.CheckCompatible(); // throws NotACard with the signature it read
        }

        try
        {
            device.CheckCompatible();
            device.EnsureReady();
            var response = device.Execute(OpteCmd.Info, [], GlobalOptions.CommandOptionsFrom(parse));
            if (!PostcardSerializer.TryDeserialize<InfoResp>(response.Body, out var info, out var error))
            {
                throw new OpteDeviceException(DeviceErrorKind.ProtocolViolation, $"the firmware's Info response does not decode: {error}", Errno.EIO);
            }

            Console.WriteLine($"firmware version:  {info.FirmwareVersion}");
            Console.WriteLine($"mailbox ABI:       {info.MailboxAbiMajor}.{info.MailboxAbiMinor}");
            Console.WriteLine($"OPTE API version:  {info.ApiVersion}");
            Console.WriteLine($"board:             {info.BoardName} {info.BoardRevision}");
            Console.WriteLine($"opteadm speaks:    mailbox ABI {Bar0.AbiMajor}.{Bar0.AbiMinor}, OPTE API {ApiVersion.Current}");
            return ExitCodes.Ok;
        }
        catch (OpteDeviceException e) when (e.Kind is DeviceErrorKind.NotReady or DeviceErrorKind.AbiMismatch)
        {
            // Display only: the registers are readable in every state, so say what they hold and why it is not more.
            Console.WriteLine($"firmware version:  {identity.FirmwareVersion} (register; firmware is {MailboxClient.Describe(device.Bar.State)})");
            Console.WriteLine($"mailbox ABI:       {identity.AbiVersion} (register)");
            Console.WriteLine($"OPTE API version:  {identity.OpteApiVersion} (register)");
            Console.WriteLine($"opteadm speaks:    mailbox ABI {Bar0.AbiMajor}.{Bar0.AbiMinor}, OPTE API {ApiVersion.Current}");
            throw;
        }
    }
}
