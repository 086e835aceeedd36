using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.PausePort"/>: Running → Paused (behaviour §1 port states); <c>BadState</c> naming the state otherwise. Runs under the port's lease, so it takes effect between two bursts.</summary>
public sealed class PausePortHandler : PortCommandHandler<PausePortReq, NoResp>
{
    public PausePortHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.PausePort;

    protected override string PortNameOf(PausePortReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(PausePortReq request, CardPort port)
    {
        var result = port.Engine.Pause();
        return result == PortOperationResult.Ok
            ? CommandConversions.NoResponse
            : new OpteError.BadState($"port {port.Name} is {port.Engine.State}");
    }
}
