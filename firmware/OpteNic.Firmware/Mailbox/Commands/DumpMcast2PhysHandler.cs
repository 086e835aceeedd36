using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpMcast2Phys"/>: every overlay group and its underlay group, ordered by group.</summary>
public sealed class DumpMcast2PhysHandler : CommandHandler<DumpMcast2PhysReq, DumpMcast2PhysResp>
{
    private readonly PortRegistry _registry;

    public DumpMcast2PhysHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.DumpMcast2Phys;

    protected override CommandResult<DumpMcast2PhysResp> Handle(DumpMcast2PhysReq request)
    {
        return new DumpMcast2PhysResp([.. _registry.Network.Mcast2Phys.Dump().Select(e => new Mcast2PhysEntry(e.Group, e.Underlay))]);
    }
}
