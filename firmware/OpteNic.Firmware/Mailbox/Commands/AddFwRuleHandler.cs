using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Layers;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.AddFwRule"/>: adds one VPC firewall rule; existing flows keep their LFT state (behaviour §3 firewall).</summary>
public sealed class AddFwRuleHandler : PortCommandHandler<AddFwRuleReq, NoResp>
{
    public AddFwRuleHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.AddFwRule;

    protected override string PortNameOf(AddFwRuleReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(AddFwRuleReq request, CardPort port)
    {
        if (!port.Vpc.TryReserveFirewallVnis([request.Rule], out _))
        {
            return CommandConversions.MetadataFull();
        }

        var result = port.Vpc.AddFirewallRule(request.Rule, out _);
        return result == PortOperationResult.Ok ? CommandConversions.NoResponse : result.ToOpteError(port, VpcFirewall.LayerName);
    }
}
