using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Engine.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearLft"/>: empties one layer's flow table; an unknown layer is <see cref="OpteError.LayerNotFound"/>.</summary>
public sealed class ClearLftHandler : PortCommandHandler<ClearLftReq, NoResp>
{
    public ClearLftHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.ClearLft;

    protected override string PortNameOf(ClearLftReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(ClearLftReq request, CardPort port)
    {
        var result = port.Engine.ClearLft(request.LayerName);
        return result == PortOperationResult.Ok ? CommandConversions.NoResponse : result.ToOpteError(port, request.LayerName);
    }
}
