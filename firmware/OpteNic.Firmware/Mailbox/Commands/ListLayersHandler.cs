using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ListLayers"/>: the port's layers in outbound order with rule counts, default actions and flow counts.</summary>
public sealed class ListLayersHandler : PortCommandHandler<ListLayersReq, ListLayersResp>
{
    public ListLayersHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.ListLayers;

    protected override string PortNameOf(ListLayersReq request) => request.PortName;

    protected override CommandResult<ListLayersResp> Handle(ListLayersReq request, CardPort port)
    {
        return CommandConversions.ListLayers(port.Engine);
    }
}
