using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.McastUnsubscribe"/>: removes a port's subscription to a group. Unknown port: <see cref="OpteError.PortNotFound"/>; not subscribed: success (idempotent).</summary>
public sealed class McastUnsubscribeHandler : CommandHandler<McastUnsubscribeReq, NoResp>
{
    private readonly PortRegistry _registry;

    public McastUnsubscribeHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.McastUnsubscribe;

    protected override CommandResult<NoResp> Handle(McastUnsubscribeReq request)
    {
        if (!_registry.Current.TryGetByName(request.PortName, out _))
        {
            return new OpteError.PortNotFound(request.PortName);
        }

        if (CommandConversions.TryResolveUnderlay(_registry, request.Group, out var underlay))
        {
            _registry.McastSubscriptions.Unsubscribe(underlay, request.PortName);
        }

        return CommandConversions.NoResponse;
    }
}
