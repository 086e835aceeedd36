using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.AddRouterEntry"/>: adds a route (idempotent); multicast destinations and family mismatches are <see cref="OpteError.InvalidRouterEntry"/>.</summary>
public sealed class AddRouterEntryHandler : PortCommandHandler<AddRouterEntryReq, NoResp>
{
    public AddRouterEntryHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.AddRouterEntry;

    protected override string PortNameOf(AddRouterEntryReq request) => request.PortName;

    protected override CommandResult<NoResp> Handle(AddRouterEntryReq request, CardPort port)
    {
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        return port.Vpc.TryAddRouterEntry(request.Dest, request.Target, request.Class, out _)
            ? CommandConversions.NoResponse
            : new OpteError.InvalidRouterEntry(request.Dest.ToString(), request.Target.ToString());
    }
}
