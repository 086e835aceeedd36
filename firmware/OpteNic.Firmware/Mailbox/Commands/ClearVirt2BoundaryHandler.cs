using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearVirt2Boundary"/>: removes tunnel endpoints from a prefix (the prefix goes with its last endpoint). Idempotent.</summary>
public sealed class ClearVirt2BoundaryHandler : CommandHandler<ClearVirt2BoundaryReq, NoResp>
{
    private readonly PortRegistry _registry;

    public ClearVirt2BoundaryHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.ClearVirt2Boundary;

    protected override CommandResult<NoResp> Handle(ClearVirt2BoundaryReq request)
    {
        _registry.Network.Virt2Boundary.Clear(request.Vip, request.Tep);
        return CommandConversions.NoResponse;
    }
}
