using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DeleteXde"/>: removes a port: it leaves the published registry first, then its lease is retired (waiting for a core mid-burst on it), then its multicast subscriptions go. Unknown name: <see cref="OpteError.PortNotFound"/>.</summary>
public sealed class DeleteXdeHandler : CommandHandler<DeleteXdeReq, NoResp>
{
    private readonly PortRegistry _registry;

    public DeleteXdeHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.DeleteXde;

    protected override CommandResult<NoResp> Handle(DeleteXdeReq request)
    {
        lock (_registry.Writer)
        {
            if (!_registry.Current.TryGetByName(request.XdeDevname, out var port))
            {
                return new OpteError.PortNotFound(request.XdeDevname);
            }

            _registry.Remove(port);
            return CommandConversions.NoResponse;
        }
    }
}
