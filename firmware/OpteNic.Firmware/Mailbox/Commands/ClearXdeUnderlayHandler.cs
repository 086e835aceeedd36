using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ClearXdeUnderlay"/>: forgets the underlay links; refused (EBUSY) while any port exists, ENOENT when none are set.</summary>
public sealed class ClearXdeUnderlayHandler : CommandHandler<ClearXdeUnderlayReq, NoResp>
{
    private readonly PortRegistry _registry;

    public ClearXdeUnderlayHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.ClearXdeUnderlay;

    protected override CommandResult<NoResp> Handle(ClearXdeUnderlayReq request)
    {
        lock (_registry.Writer)
        {
            if (_registry.Underlay is null)
            {
                return new OpteError.System(Errno.ENOENT, "underlay is not set");
            }

            var ports = _registry.Current.Ports.Count;
            if (ports > 0)
            {
                return new OpteError.System(Errno.EBUSY, $"underlay in use by {ports} port(s)");
            }

            _registry.ClearUnderlay();
            return CommandConversions.NoResponse;
        }
    }
}
