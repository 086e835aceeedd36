using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.DumpMcastForwarding"/>: every underlay group with its next hops.</summary>
public sealed class DumpMcastForwardingHandler : CommandHandler<DumpMcastForwardingReq, DumpMcastForwardingResp>
{
    private readonly PortRegistry _registry;

    public DumpMcastForwardingHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.DumpMcastForwarding;

    protected override CommandResult<DumpMcastForwardingResp> Handle(DumpMcastForwardingReq request)
    {
        return new DumpMcastForwardingResp([.. _registry.McastForwarding.Dump()]);
    }
}
