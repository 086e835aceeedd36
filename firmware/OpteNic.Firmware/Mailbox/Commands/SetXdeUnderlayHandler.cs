using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.SetXdeUnderlay"/>: records the two underlay links (on this card the wire ports are the underlay; the names are kept for list and compatibility). Set once: a second set is EEXIST until cleared.</summary>
public sealed class SetXdeUnderlayHandler : CommandHandler<SetXdeUnderlayReq, NoResp>
{
    private readonly PortRegistry _registry;

    public SetXdeUnderlayHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.SetXdeUnderlay;

    protected override CommandResult<NoResp> Handle(SetXdeUnderlayReq request)
    {
        if (!CreateXdeHandler.IsValidLinkName(request.U1) || !CreateXdeHandler.IsValidLinkName(request.U2))
        {
            return new OpteError.BadName();
        }

        if (request.U1 == request.U2)
        {
            return new OpteError.System(Errno.EINVAL, $"underlay links must differ (both are {request.U1})");
        }

        lock (_registry.Writer)
        {
            if (_registry.Underlay is { } current)
            {
                return new OpteError.System(Errno.EEXIST, $"underlay already set to {current.U1}, {current.U2}");
            }

            _registry.SetUnderlay(request.U1, request.U2);
            return CommandConversions.NoResponse;
        }
    }
}
