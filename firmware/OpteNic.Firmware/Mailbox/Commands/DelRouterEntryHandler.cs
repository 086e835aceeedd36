using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DelRouterEntry"/>: removes a route; a route that does not exist answers <see cref="RemovalOutcome.NotFound"/> (OPTE's shape), not an error.</summary>
public sealed class DelRouterEntryHandler : PortCommandHandler<DelRouterEntryReq, DelRouterEntryResp>
{
    public DelRouterEntryHandler(PortRegistry registry)
        : base(registry)
    {
    }

    public override OpteCmd Command => OpteCmd.DelRouterEntry;

    protected override string PortNameOf(DelRouterEntryReq request) => request.PortName;

    protected override CommandResult<DelRouterEntryResp> Handle(DelRouterEntryReq request, CardPort port)
    {
        if (CommandConversions.WrongStateForChange(port) is { } wrongState)
        {
            return wrongState;
        }

        return new DelRouterEntryResp(port.Vpc.TryDeleteRouterEntry(request.Dest, request.Target, request.Class)
            ? RemovalOutcome.Ok
            : RemovalOutcome.NotFound);
    }
}
