using System.CommandLine;
using OpteNic.Api;
using OpteNic.Client.Mailbox;

namespace OpteAdm;

/// <summary>Options every subcommand understands (declared once on the root, recursive).</summary>
public static class GlobalOptions
{
    /// <summary>Environment variable that names the device when <c>-d</c> is not given.</summary>
    public const string DeviceEnvironmentVariable = "OPTE_DEVICE";

    /// <summary><c>-d/--device PATH</c>: simulator state dir, BAR file, or PCI device.</summary>
    public static readonly Option<string?> Device = new("--device", "-d")
    {
        Description = $"The card: a simulator state directory (holds bar0 and hostmem), a BAR file, or a PCI device (/sys/bus/pci/devices/<BDF> or <BDF>). Default: ${DeviceEnvironmentVariable}",
        HelpName = "PATH",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DeviceEnvironmentVariable),
    };

    /// <summary><c>--timeout-ms</c>: overrides the card's advertised command timeout.</summary>
    public static readonly Option<int?> TimeoutMs = new("--timeout-ms")
    {
        Description = "Command timeout in milliseconds (default: the card's CapDefaultTimeoutMs)",
        HelpName = "MS",
        Recursive = true,
    };

    /// <summary>Hidden: the OPTE API version to claim (to test the firmware's EPROTO answer).</summary>
    public static readonly Option<ulong?> ApiVersionOverride = new("--api-version")
    {
        Description = "OPTE API version to put in the envelope (testing only)",
        Recursive = true,
        Hidden = true,
    };

    /// <summary>Command options built from the global options.</summary>
    public static CommandOptions CommandOptionsFrom(ParseResult parse)
    {
        var timeout = parse.GetValue(TimeoutMs);
        return new CommandOptions
        {
            Timeout = timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            ApiVersion = parse.GetValue(ApiVersionOverride) ?? ApiVersion.Current,
        };
    }
}
