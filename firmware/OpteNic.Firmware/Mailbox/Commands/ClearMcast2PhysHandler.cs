using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearMcast2Phys"/>: removes a group's mapping if it maps to the given underlay group. Idempotent.</summary>
public sealed class ClearMcast2PhysHandler : CommandHandler<ClearMcast2PhysReq, NoResp>
{
    private readonly PortRegistry _registry;

    public ClearMcast2PhysHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.ClearMcast2Phys;

    protected override CommandResult<NoResp> Handle(ClearMcast2PhysReq request)
    {
        var table = _registry.Network.Mcast2Phys;
        if (table.TryLookup(request.Group.ToPacketIp(), out var current) && current == request.Underlay)
        {
            table.Remove(request.Group);
        }

        return CommandConversions.NoResponse;
    }
}
