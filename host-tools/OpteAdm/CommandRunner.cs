using System.CommandLine;
using OpteNic.Client.Device;

namespace OpteAdm;

/// <summary>Runs a subcommand body and turns every failure into words on stderr and an exit code.</summary>
public static class CommandRunner
{
    /// <summary>Wraps <paramref name="body"/> as a command action.</summary>
    public static Func<ParseResult, int> Wrap(Func<ParseResult, int> body) => parse =>
    {
        try
        {
            return body(parse);
        }
        catch (OpteDeviceException e)
        {
            return Fail(e.Message, ExitCodes.For(e.Kind));
        }
        catch (InvalidDataException e)
        {
            return Fail(e.Message, ExitCodes.BadInput);
        }
        catch (FileNotFoundException e)
        {
            return Fail($"{e.FileName ?? "file"}: no such file", ExitCodes.BadInput);
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(e.Message, ExitCodes.BadInput);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message, ExitCodes.PermissionDenied);
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (InsufficientMemoryException e)
        {
            return Fail(e.Message, ExitCodes.NoHostMemory);
        }
    };

    /// <summary>Opens the device named by <c>-d</c> or <c>OPTE_DEVICE</c> (checked: signature and ABI).</summary>
    public static OpteDevice OpenDevice(ParseResult parse) => OpteDevice.Open(DevicePath(parse));

    /// <summary>The device path given, or a DeviceNotFound error explaining how to give one.</summary>
    public static string DevicePath(ParseResult parse) =>
        parse.GetValue(GlobalOptions.Device) is { Length: > 0 } path
            ? path
            : throw new OpteDeviceException(DeviceErrorKind.DeviceNotFound, $"no device given: pass -d PATH or set {GlobalOptions.DeviceEnvironmentVariable}");

    /// <summary>Prints <c>opteadm: MESSAGE</c> on stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"opteadm: {message}");
        return exitCode;
    }
}
