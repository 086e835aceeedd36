using System.Globalization;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Client.Mailbox;

namespace OpteAdm.Opte;

/// <summary>
/// Puts a firmware <see cref="OpteError"/> in words for the operator: the subcommand, the port it was about, what the
/// error says (which port, layer, rule, MAC, field), its errno, and where it helps, what to run to see more.
/// </summary>
internal static class OpteErrorWords
{
    /// <summary>e.g. <c>rm-fw-rule: port opte0: no inbound firewall rule with id 7 (ENOENT); dump-layer -p opte0 firewall lists the rule ids</c>.</summary>
    public static string Describe(string subcommand, IOpteRequest request, OpteError error)
    {
        var port = PortOf(request);
        var where = port is null ? subcommand : $"{subcommand}: port {port}";
        var what = error switch
        {
            OpteError.PortNotFound e => $"no port named '{e.Port}' on the card; list-ports shows the ports",
            OpteError.LayerNotFound e => $"no layer named '{e.Layer}'" + (port is null ? string.Empty : $"; list-layers -p {port} shows the layers"),
            OpteError.RuleNotFound e when request is RemFwRuleReq remove =>
                string.Create(CultureInfo.InvariantCulture, $"no {(remove.Dir == Direction.In ? "inbound" : "outbound")} firewall rule with id {e.Id}; dump-layer -p {remove.PortName} firewall lists the rule ids"),
            OpteError.PortExists e => $"a port named '{e.Port}' already exists; delete-xde {e.Port} first, or choose another name",
            OpteError.RespTooLarge e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Message}; the response did not fit after {CommandOptions.DefaultMaxTries} tries"),
            OpteError.System { SystemErrno: Errno.EOPNOTSUPP } e =>
                string.Create(CultureInfo.InvariantCulture, $"the firmware does not implement {request.Command} (command {(uint)request.Command}): {e.Msg}"),
            OpteError.BadApiVersion e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Message}; use an opteadm built for OPTE API {e.Kernel}"),
            OpteError.DeserCmdReq or OpteError.DeserCmdErr or OpteError.SerCmdErr or OpteError.SerCmdResp or OpteError.NoRequestBody
                or OpteError.CopyinReq or OpteError.CopyoutResp =>
                $"{error.Message} (opteadm and the firmware disagree on the wire format; compare with 'opteadm version')",
            _ => error.Message,
        };

        return $"{where}: {what} ({Errno.Name(error.Errno)})";
    }

    /// <summary>The port a request is about, or null for card-wide commands.</summary>
    public static string? PortOf(IOpteRequest request) => request switch
    {
        AddFwRuleReq r => r.PortName,
        RemFwRuleReq r => r.PortName,
        SetFwRulesReq r => r.PortName,
        DumpTcpFlowsReq r => r.PortName,
        DumpLayerReq r => r.PortName,
        DumpUftReq r => r.PortName,
        ListLayersReq r => r.PortName,
        ClearUftReq r => r.PortName,
        PausePortReq r => r.PortName,
        StartPortReq r => r.PortName,
        ClearLftReq r => r.PortName,
        AddRouterEntryReq r => r.PortName,
        DelRouterEntryReq r => r.PortName,
        CreateXdeReq r => r.XdeDevname,
        DeleteXdeReq r => r.XdeDevname,
        SetExternalIpsReq r => r.PortName,
        AllowCidrReq r => r.PortName,
        RemoveCidrReq r => r.PortName,
        AttachSubnetReq r => r.PortName,
        DetachSubnetReq r => r.PortName,
        McastSubscribeReq r => r.PortName,
        McastUnsubscribeReq r => r.PortName,
        StatsReq r => r.PortName,
        ExportPortStateReq r => r.PortName,
        ImportPortStateReq r => r.PortName,
        _ => null,
    };
}
