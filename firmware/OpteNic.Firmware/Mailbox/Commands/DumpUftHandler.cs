using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpUft"/>: both UFT directions with limits, counts, hits and transformations.</summary>
public sealed class DumpUftHandler : PortCommandHandler<DumpUftReq, DumpUftResp>
{
    public DumpUftHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.DumpUft;

    protected override string PortNameOf(DumpUftReq request) => request.PortName;

    protected override CommandResult<DumpUftResp> Handle(DumpUftReq request, CardPort port)
    {
        return CommandConversions.DumpUft(port.Engine);
    }
}
