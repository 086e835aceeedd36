using System.CommandLine;
using OpteAdm.Opte.Rendering;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte.Commands;

/// <summary>The card's own commands (not in OPTE): stats, info.</summary>
internal static class CardCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() => [Stats(), Info()];

    /// <summary><c>stats [-p PORT]</c>.</summary>
    public static OpteCommand Stats()
    {
        var port = CliValues.PortOption("The port whose counters (and its layers') to show; without it, the card's counters only");
        port.Required = false;
        return new OpteCommand<StatsReq, StatsResp>(
            "stats",
            OpteHelp.Describe("Show counters: a port's (in_/out_ drops, hairpins, UFT and TCP table use), each of its layers', and the card's parse drops by reason",
                "opteadm stats -p opte0", "opteadm stats", "opteadm stats -p opte0 --json | jq .port.out_uft_hit"),
            (parse, _) => new StatsReq(parse.GetValue(port)),
            OpteText.Stats,
            OpteJson.Stats)
        {
            port,
        };
    }

    /// <summary><c>info</c>.</summary>
    public static OpteCommand Info() =>
        new OpteCommand<InfoReq, InfoResp>(
            "info",
            OpteHelp.Describe("Show the firmware version, OPTE API version, mailbox ABI and board (the Info command)",
                "opteadm info", "opteadm info --json"),
            (_, _) => new InfoReq(),
            OpteText.Info,
            OpteJson.Info);
}
