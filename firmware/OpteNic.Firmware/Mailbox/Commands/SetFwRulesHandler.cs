using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Layers;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.SetFwRules"/>: replaces every firewall rule at once (all rules are built before the swap) and clears the firewall LFT.</summary>
public sealed class SetFwRulesHandler : PortCommandHandler<SetFwRulesReq, NoResp>
{
    public SetFwRulesHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.SetFwRules;

    protected override string PortNameOf(SetFwRulesReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(SetFwRulesReq request, CardPort port)
    {
        if (!port.Vpc.TryReserveFirewallVnis(request.Rules, out _))
        {
            return CommandConversions.MetadataFull();
        }

        var result = port.Vpc.SetFirewallRules(request.Rules);
        return result == PortOperationResult.Ok ? CommandConversions.NoResponse : result.ToOpteError(port, VpcFirewall.LayerName);
    }
}
