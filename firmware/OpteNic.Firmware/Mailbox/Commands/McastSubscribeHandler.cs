using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.McastSubscribe"/>: subscribes a port to a multicast group, resolved to its underlay group through M2P (or itself when already in ff04::/16). Unknown port: <see cref="OpteError.PortNotFound"/>; a group without an underlay mapping: <see cref="OpteError.InvalidUnderlayMulticast"/>.</summary>
public sealed class McastSubscribeHandler : CommandHandler<McastSubscribeReq, NoResp>
{
    private readonly PortRegistry _registry;

    public McastSubscribeHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.McastSubscribe;

    protected override CommandResult<NoResp> Handle(McastSubscribeReq request)
    {
        if (!_registry.Current.TryGetByName(request.PortName, out _))
        {
            return new OpteError.PortNotFound(request.PortName);
        }

        if (!request.Group.IsMulticast)
        {
            return new OpteError.System(Errno.EINVAL, $"{request.Group} is not a multicast group");
        }

        if (!CommandConversions.TryResolveUnderlay(_registry, request.Group, out var underlay))
        {
            return new OpteError.InvalidUnderlayMulticast($"group {request.Group} has no underlay mapping (set-m2p first)");
        }

        _registry.McastSubscriptions.Subscribe(underlay, request.PortName);
        return CommandConversions.NoResponse;
    }
}
