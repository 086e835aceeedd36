using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearUft"/>: empties both UFTs; the next packets re-walk the layers.</summary>
public sealed class ClearUftHandler : PortCommandHandler<ClearUftReq, NoResp>
{
    public ClearUftHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.ClearUft;

    protected override string PortNameOf(ClearUftReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(ClearUftReq request, CardPort port)
    {
        port.Engine.ClearUft();
        return CommandConversions.NoResponse;
    }
}
