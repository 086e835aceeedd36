using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.DumpVirt2Phys"/> (datasheet §5.4). With <c>max_entries = 0</c> it answers the whole table, as OPTE
/// does (the host grows its buffer on ENOBUFS); a table too large for <c>CapMaxResponse</c> is refused with a message
/// asking for paging rather than cut silently. With <c>max_entries &gt; 0</c> it answers one page of at most that many
/// mappings — fewer if the page would exceed <c>CapMaxResponse</c> — after the <c>after</c> cursor, and <c>next</c>
/// when more remain. A dump without a cursor takes a fresh sorted snapshot; pages with a cursor continue from it.
/// </summary>
public sealed class DumpVirt2PhysHandler : CommandHandler<DumpVirt2PhysReq, DumpVirt2PhysResp>
{
    private readonly PortRegistry _registry;
    private readonly int _maxResponseBytes;

    public DumpVirt2PhysHandler(PortRegistry registry, int maxResponseBytes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _maxResponseBytes = maxResponseBytes;
    }

    public override OpteCmd Command => OpteCmd.DumpVirt2Phys;

    protected override CommandResult<DumpVirt2PhysResp> Handle(DumpVirt2PhysReq request)
    {
        var snapshot = _registry.V2pDump(fresh: request.After is null);
        if (request.MaxEntries == 0)
        {
            var needed = snapshot.WholeTableBytes();
            if (needed > _maxResponseBytes)
            {
                return new OpteError.SerCmdResp(
                    $"{snapshot.Count} V2P mappings need about {needed} bytes, more than the card's maximum response of {_maxResponseBytes}; page the dump with max_entries");
            }

            return snapshot.Page(null, 0, long.MaxValue);
        }

        return snapshot.Page(request.After, request.MaxEntries, _maxResponseBytes);
    }
}
