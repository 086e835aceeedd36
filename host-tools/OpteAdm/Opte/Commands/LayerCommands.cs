using System.CommandLine;
using OpteAdm.Opte.Rendering;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte.Commands;

/// <summary>Layers and their flow tables: list-layers, dump-layer, clear-lft; and the port's UFT and TCP table:
/// dump-uft, clear-uft, dump-tcp-flows; and the port's state (card extensions): pause-port, start-port.</summary>
internal static class LayerCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() =>
        [ListLayers(), DumpLayer(), ClearLft(), DumpUft(), ClearUft(), DumpTcpFlows(), PausePort(), StartPort()];

    /// <summary><c>list-layers -p PORT</c>.</summary>
    public static OpteCommand ListLayers()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<ListLayersReq, ListLayersResp>(
            "list-layers",
            OpteHelp.Describe("List a port's layers in outbound order: rule counts, default actions and live flows",
                "opteadm list-layers -p opte0", "opteadm list-layers -p opte0 --json"),
            (parse, _) => new ListLayersReq(parse.GetValue(port)!),
            OpteText.ListLayers,
            OpteJson.ListLayers)
        {
            port,
        };
    }

    /// <summary><c>dump-layer -p PORT NAME</c>.</summary>
    public static OpteCommand DumpLayer()
    {
        var port = CliValues.PortOption();
        var name = CliValues.NameArgument("NAME", "Layer name (gateway, firewall, router, nat, overlay)", CliValues.LayerNames);
        return new OpteCommand<DumpLayerReq, DumpLayerResp>(
            "dump-layer",
            OpteHelp.Describe("Dump one layer: its flow tables (LFT), its rules with ids and hit counts, and the default actions",
                "opteadm dump-layer -p opte0 firewall", "opteadm dump-layer -p opte0 router --json"),
            (parse, _) => new DumpLayerReq(parse.GetValue(port)!, parse.GetValue(name)!),
            OpteText.DumpLayer,
            OpteJson.DumpLayer)
        {
            port,
            name,
        };
    }

    /// <summary><c>clear-lft -p PORT LAYER</c>.</summary>
    public static OpteCommand ClearLft()
    {
        var port = CliValues.PortOption();
        var layer = CliValues.NameArgument("LAYER", "Layer whose flow tables to clear", CliValues.LayerNames);
        return new OpteCommand<ClearLftReq, NoResp>(
            "clear-lft",
            OpteHelp.Describe("Clear a layer's flow tables (LFT in and out); flows are re-evaluated against the rules",
                "opteadm clear-lft -p opte0 firewall"),
            (parse, _) => new ClearLftReq(parse.GetValue(port)!, parse.GetValue(layer)!))
        {
            port,
            layer,
        };
    }

    /// <summary><c>dump-uft -p PORT</c>.</summary>
    public static OpteCommand DumpUft()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<DumpUftReq, DumpUftResp>(
            "dump-uft",
            OpteHelp.Describe("Dump the unified flow tables (UFT in and out) of a port with hits and transformations",
                "opteadm dump-uft -p opte0", "opteadm dump-uft -p opte0 --json | jq '.out_flows | length'"),
            (parse, _) => new DumpUftReq(parse.GetValue(port)!),
            OpteText.DumpUft,
            OpteJson.DumpUft)
        {
            port,
        };
    }

    /// <summary><c>clear-uft -p PORT</c>.</summary>
    public static OpteCommand ClearUft()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<ClearUftReq, NoResp>(
            "clear-uft",
            OpteHelp.Describe("Clear both unified flow tables of a port (the next packet of each flow takes the slow path)",
                "opteadm clear-uft -p opte0"),
            (parse, _) => new ClearUftReq(parse.GetValue(port)!))
        {
            port,
        };
    }

    /// <summary><c>dump-tcp-flows -p PORT</c>.</summary>
    public static OpteCommand DumpTcpFlows()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<DumpTcpFlowsReq, DumpTcpFlowsResp>(
            "dump-tcp-flows",
            OpteHelp.Describe("Dump the TCP flows a port tracks: state, hits, segments and bytes each way",
                "opteadm dump-tcp-flows -p opte0", "opteadm dump-tcp-flows -p opte0 --json"),
            (parse, _) => new DumpTcpFlowsReq(parse.GetValue(port)!),
            OpteText.DumpTcpFlows,
            OpteJson.DumpTcpFlows)
        {
            port,
        };
    }

    /// <summary><c>pause-port -p PORT</c> (card extension): Running → Paused.</summary>
    public static OpteCommand PausePort()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<PausePortReq, NoResp>(
            "pause-port",
            OpteHelp.Describe("Pause a port: its frames are dropped (process_err) and rule changes refused until start-port; dumps still work",
                "opteadm pause-port -p opte0"),
            (parse, _) => new PausePortReq(parse.GetValue(port)!))
        {
            port,
        };
    }

    /// <summary><c>start-port -p PORT</c> (card extension): Paused → Running.</summary>
    public static OpteCommand StartPort()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<StartPortReq, NoResp>(
            "start-port",
            OpteHelp.Describe("Start a paused port again", "opteadm start-port -p opte0"),
            (parse, _) => new StartPortReq(parse.GetValue(port)!))
        {
            port,
        };
    }
}
