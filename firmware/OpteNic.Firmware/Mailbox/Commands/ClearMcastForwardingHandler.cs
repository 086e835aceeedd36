using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearMcastForwarding"/>: removes an underlay group's next hops. Idempotent.</summary>
public sealed class ClearMcastForwardingHandler : CommandHandler<ClearMcastForwardingReq, NoResp>
{
    private readonly PortRegistry _registry;

    public ClearMcastForwardingHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.ClearMcastForwarding;

    protected override CommandResult<NoResp> Handle(ClearMcastForwardingReq request)
    {
        _registry.McastForwarding.Clear(request.Underlay);
        return CommandConversions.NoResponse;
    }
}
