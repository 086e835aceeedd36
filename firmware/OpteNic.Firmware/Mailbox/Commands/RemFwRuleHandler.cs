using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Layers;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.RemFwRule"/>: removes firewall rule <c>id</c> of one direction; an unknown id is <see cref="OpteError.RuleNotFound"/>.</summary>
public sealed class RemFwRuleHandler : PortCommandHandler<RemFwRuleReq, NoResp>
{
    public RemFwRuleHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.RemFwRule;

    protected override string PortNameOf(RemFwRuleReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(RemFwRuleReq request, CardPort port)
    {
        var result = port.Engine.RemoveRule(VpcFirewall.LayerName, request.Dir.ToEngine(), request.Id);
        return result == PortOperationResult.Ok ? CommandConversions.NoResponse : result.ToOpteError(port, VpcFirewall.LayerName, request.Id);
    }
}
