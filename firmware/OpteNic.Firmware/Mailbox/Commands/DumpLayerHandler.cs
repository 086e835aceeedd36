using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpLayer"/>: a layer's rules with hit counts, default actions with hit counts, and its LFT.</summary>
public sealed class DumpLayerHandler : PortCommandHandler<DumpLayerReq, DumpLayerResp>
{
    public DumpLayerHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.DumpLayer;

    protected override string PortNameOf(DumpLayerReq request) => request.PortName;

    protected override CommandResult<DumpLayerResp> Handle(DumpLayerReq request, CardPort port)
    {
        var layer = port.Engine.FindLayer(request.Name);
        return layer is null ? new OpteError.LayerNotFound(request.Name) : CommandConversions.DumpLayer(layer);
    }
}
