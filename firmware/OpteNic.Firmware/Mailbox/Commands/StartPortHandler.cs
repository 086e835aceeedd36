using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.StartPort"/>: Paused → Running; <c>BadState</c> naming the state otherwise. Runs under the port's lease, so it takes effect between two bursts.</summary>
public sealed class StartPortHandler : PortCommandHandler<StartPortReq, NoResp>
{
    public StartPortHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.StartPort;

    protected override string PortNameOf(StartPortReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(StartPortReq request, CardPort port)
    {
        var result = port.Engine.Start();
        return result == PortOperationResult.Ok
            ? CommandConversions.NoResponse
            : new OpteError.BadState($"port {port.Name} is {port.Engine.State}");
    }
}
