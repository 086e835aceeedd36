using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.AddRouterEntry"/>: adds a route (idempotent); multicast destinations and family mismatches are
/// <see cref="OpteError.InvalidRouterEntry"/>, a target that no longer fits the port's metadata interner
/// <see cref="OpteError.MaxCapacity"/>.
/// </summary>
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

        if (port.Vpc.TryAddRouterEntry(request.Dest, request.Target, request.Class, out RouterEntryRefusal refusal, out _))
        {
            return CommandConversions.NoResponse;
        }

        return refusal switch
        {
            RouterEntryRefusal.NoMetadataSpace => CommandConversions.MetadataFull(),
            RouterEntryRefusal.EngineRefused => new OpteError.BadState($"port {port.Name} is {port.Engine.State}"),
            _ => new OpteError.InvalidRouterEntry(request.Dest.ToString(), request.Target.ToString()),
        };
    }
}
