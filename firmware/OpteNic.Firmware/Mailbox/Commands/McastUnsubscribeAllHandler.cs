using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.McastUnsubscribeAll"/>: removes every port's subscription to a group. Idempotent.</summary>
public sealed class McastUnsubscribeAllHandler : CommandHandler<McastUnsubscribeAllReq, NoResp>
{
    private readonly PortRegistry _registry;

    public McastUnsubscribeAllHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.McastUnsubscribeAll;

    protected override CommandResult<NoResp> Handle(McastUnsubscribeAllReq request)
    {
        if (CommandConversions.TryResolveUnderlay(_registry, request.Group, out var underlay))
        {
            _registry.McastSubscriptions.UnsubscribeAll(underlay);
        }

        return CommandConversions.NoResponse;
    }
}
