using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary><see cref="OpteCmd.ListPorts"/>: every port with its addresses and state, in name order.</summary>
public sealed class ListPortsHandler : CommandHandler<ListPortsReq, ListPortsResp>
{
    private readonly PortRegistry _registry;

    public ListPortsHandler(PortRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    public override OpteCmd Command => OpteCmd.ListPorts;

    protected override CommandResult<ListPortsResp> Handle(ListPortsReq request)
    {
        return new ListPortsResp([.. _registry.Current.Ports.Select(CommandConversions.PortInfo)]);
    }
}
