using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearVirt2Phys"/>: removes the mapping of (VNI, virtual IP) if it still points at the given MAC and underlay address (a stale clear never removes a newer mapping). Idempotent.</summary>
public sealed class ClearVirt2PhysHandler : CommandHandler<ClearVirt2PhysReq, NoResp>
{
    private readonly PortRegistry _registry;

    public ClearVirt2PhysHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.ClearVirt2Phys;

    protected override CommandResult<NoResp> Handle(ClearVirt2PhysReq request)
    {
        var table = _registry.Network.Virt2Phys;
        var phys = request.Phys;
        var address = request.Vip.ToPacketIp();
        if (table.TryLookup(phys.Vni, address, out var current) && current.Ether == phys.Ether && current.Ip == phys.Ip)
        {
            table.Remove(phys.Vni, address);
        }

        return CommandConversions.NoResponse;
    }
}
