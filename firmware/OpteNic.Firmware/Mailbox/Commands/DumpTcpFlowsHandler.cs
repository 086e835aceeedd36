using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpTcpFlows"/>: every tracked TCP connection of the port with its state and segment counts.</summary>
public sealed class DumpTcpFlowsHandler : PortCommandHandler<DumpTcpFlowsReq, DumpTcpFlowsResp>
{
    public DumpTcpFlowsHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.DumpTcpFlows;

    protected override string PortNameOf(DumpTcpFlowsReq request) => request.PortName;

    protected override CommandResult<DumpTcpFlowsResp> Handle(DumpTcpFlowsReq request, CardPort port)
    {
        return CommandConversions.DumpTcpFlows(port.Engine);
    }
}
