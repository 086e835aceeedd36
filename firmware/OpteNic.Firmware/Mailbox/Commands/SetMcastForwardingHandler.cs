using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.SetMcastForwarding"/>: replaces the next hops of an underlay group (ff04::/16, else <see cref="OpteError.InvalidUnderlayMulticast"/>); next hops are unicast sled addresses.</summary>
public sealed class SetMcastForwardingHandler : CommandHandler<SetMcastForwardingReq, NoResp>
{
    private readonly PortRegistry _registry;

    public SetMcastForwardingHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.SetMcastForwarding;

    protected override CommandResult<NoResp> Handle(SetMcastForwardingReq request)
    {
        if (!Vpc.Tables.Mcast2PhysTable.IsValidUnderlay(request.Underlay))
        {
            return new OpteError.InvalidUnderlayMulticast($"underlay {request.Underlay} is not in ff04::/16");
        }

        foreach (var hop in request.NextHops)
        {
            if (hop.NextHop.Addr.IsMulticast)
            {
                return new OpteError.InvalidUnderlayMulticast($"next hop {hop.NextHop.Addr} is a multicast address");
            }
        }

        _registry.McastForwarding.Set(request.Underlay, request.NextHops);
        return CommandConversions.NoResponse;
    }
}
