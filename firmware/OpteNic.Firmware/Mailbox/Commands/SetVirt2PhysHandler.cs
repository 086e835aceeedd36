using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.SetVirt2Phys"/>: maps (VNI, virtual IP) to the guest MAC and sled underlay address; replaces an existing mapping. Lock-free for the data path (V2P's per-slot sequence locks); a full table is <see cref="OpteError.MaxCapacity"/>.</summary>
public sealed class SetVirt2PhysHandler : CommandHandler<SetVirt2PhysReq, NoResp>
{
    private readonly PortRegistry _registry;

    public SetVirt2PhysHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.SetVirt2Phys;

    protected override CommandResult<NoResp> Handle(SetVirt2PhysReq request)
    {
        var table = _registry.Network.Virt2Phys;
        var phys = request.Phys;
        return table.TrySet(phys.Vni, request.Vip.ToPacketIp(), new Api.Vpc.GuestPhysAddr(phys.Ether, phys.Ip))
            ? CommandConversions.NoResponse
            : new OpteError.MaxCapacity((ulong)table.Capacity);
    }
}
