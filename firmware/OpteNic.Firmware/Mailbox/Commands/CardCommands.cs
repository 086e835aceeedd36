using OpteNic.Firmware.DataPath;
using OpteNic.Firmware.Ports;
using OpteNic.Hal;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>Registers a handler for every <c>OpteCmd</c> the card implements (datasheet §5): one line per command.</summary>
public static class CardCommands
{
    /// <summary>Adds every command's handler to <paramref name="table"/>; <paramref name="clock"/> is the board's (imports rebuild flows at its time).</summary>
    public static CommandTable RegisterAll(CommandTable table, PortRegistry registry, IReadOnlyList<NicCore> cores, string boardName,
        string boardRevision, int maxResponseBytes, IMonotonicClock clock)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table
            .Register(new ListPortsHandler(registry))
            .Register(new AddFwRuleHandler(registry))
            .Register(new RemFwRuleHandler(registry))
            .Register(new SetFwRulesHandler(registry))
            .Register(new DumpTcpFlowsHandler(registry))
            .Register(new DumpLayerHandler(registry))
            .Register(new DumpUftHandler(registry))
            .Register(new ListLayersHandler(registry))
            .Register(new ClearUftHandler(registry))
            .Register(new ClearLftHandler(registry))
            .Register(new SetVirt2PhysHandler(registry))
            .Register(new DumpVirt2PhysHandler(registry, maxResponseBytes))
            .Register(new SetVirt2BoundaryHandler(registry))
            .Register(new ClearVirt2BoundaryHandler(registry))
            .Register(new DumpVirt2BoundaryHandler(registry))
            .Register(new ClearVirt2PhysHandler(registry))
            .Register(new AddRouterEntryHandler(registry))
            .Register(new DelRouterEntryHandler(registry))
            .Register(new CreateXdeHandler(registry))
            .Register(new DeleteXdeHandler(registry))
            .Register(new SetXdeUnderlayHandler(registry))
            .Register(new ClearXdeUnderlayHandler(registry))
            .Register(new SetExternalIpsHandler(registry))
            .Register(new AllowCidrHandler(registry))
            .Register(new RemoveCidrHandler(registry))
            .Register(new AttachSubnetHandler(registry))
            .Register(new DetachSubnetHandler(registry))
            .Register(new SetMcastForwardingHandler(registry))
            .Register(new ClearMcastForwardingHandler(registry))
            .Register(new DumpMcastForwardingHandler(registry))
            .Register(new McastSubscribeHandler(registry))
            .Register(new McastUnsubscribeHandler(registry))
            .Register(new SetMcast2PhysHandler(registry))
            .Register(new ClearMcast2PhysHandler(registry))
            .Register(new DumpMcastSubscriptionsHandler(registry))
            .Register(new McastUnsubscribeAllHandler(registry))
            .Register(new DumpMcast2PhysHandler(registry))
            .Register(new InfoHandler(boardName, boardRevision))
            .Register(new StatsHandler(registry, cores))
            .Register(new PausePortHandler(registry))
            .Register(new StartPortHandler(registry))
            .Register(new ExportPortStateHandler(registry))
            .Register(new ImportPortStateHandler(registry, clock));
    }
}
