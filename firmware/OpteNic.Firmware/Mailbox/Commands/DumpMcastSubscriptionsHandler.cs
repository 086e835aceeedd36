using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpMcastSubscriptions"/>: every underlay group with its subscribed ports.</summary>
public sealed class DumpMcastSubscriptionsHandler : CommandHandler<DumpMcastSubscriptionsReq, DumpMcastSubscriptionsResp>
{
    private readonly PortRegistry _registry;

    public DumpMcastSubscriptionsHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.DumpMcastSubscriptions;

    protected override CommandResult<DumpMcastSubscriptionsResp> Handle(DumpMcastSubscriptionsReq request)
    {
        return new DumpMcastSubscriptionsResp([.. _registry.McastSubscriptions.Dump()]);
    }
}
