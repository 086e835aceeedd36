using System.CommandLine;
using OpteAdm;
using OpteAdm.Commands;
using OpteAdm.Opte;

var root = new RootCommand(
    """
    opteadm: administer an opte-nic SmartNIC (OPTE on the card) over its PCIe mailbox.

    Examples:
      opteadm -d .sim-state version            # firmware, mailbox ABI and OPTE API versions
      OPTE_DEVICE=.sim-state opteadm status    # registers, heartbeat, queues, wire ports
      opteadm -d .sim-state send-pcap guest.pcap
      opteadm -d .sim-state recv-pcap from-wire.pcap --count 10
      opteadm -d .sim-state reset              # function-level reset
    """)
{
    GlobalOptions.Device,
    GlobalOptions.TimeoutMs,
    GlobalOptions.ApiVersionOverride,
    VersionCommand.Create(),
    StatusCommand.Create(),
    ResetCommand.Create(),
    SendPcapCommand.Create(),
    RecvPcapCommand.Create(),
};

// OPTE's own subcommands (list-ports, set-v2p, dump-uft, …), plus stats, info and shell completion.
OpteSubcommands.AddTo(root);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"opteadm: {error.Message}");
    }

    Console.Error.WriteLine("Try 'opteadm --help'.");
    return ExitCodes.Usage;
}

return parse.Invoke();
