using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.SetMcast2Phys"/>: maps an overlay multicast group to an admin-local underlay group (ff04::/16). A non-multicast group is EINVAL; an underlay outside ff04::/16 is <see cref="OpteError.InvalidUnderlayMulticast"/>.</summary>
public sealed class SetMcast2PhysHandler : CommandHandler<SetMcast2PhysReq, NoResp>
{
    private readonly PortRegistry _registry;

    public SetMcast2PhysHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.SetMcast2Phys;

    protected override CommandResult<NoResp> Handle(SetMcast2PhysReq request)
    {
        if (!request.Group.IsMulticast)
        {
            return new OpteError.System(Errno.EINVAL, $"{request.Group} is not a multicast group");
        }

        return _registry.Network.Mcast2Phys.TrySet(request.Group, request.Underlay, out var error)
            ? CommandConversions.NoResponse
            : new OpteError.InvalidUnderlayMulticast(error);
    }
}
