using System.Buffers;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Firmware.Ports;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.DumpVirt2Phys"/> (datasheet §5.4). With <c>max_entries = 0</c> it answers the whole table, as OPTE
/// does (the host grows its buffer on ENOBUFS); a table too large for <c>CapMaxResponse</c> is refused with a message
/// asking for paging rather than cut silently. With <c>max_entries &gt; 0</c> it answers one page of at most that many
/// mappings — fewer if the page would exceed <c>CapMaxResponse</c> — after the <c>after</c> cursor, and <c>next</c>
/// when more remain. A dump without a cursor takes a fresh sorted snapshot; pages with a cursor continue from it.
/// The page is encoded straight from the snapshot (<see cref="V2pDumpSnapshot.WritePage"/>), in
/// <see cref="DumpVirt2PhysResp"/>'s wire form, without an object per mapping; that is why this handler implements
/// <see cref="ICommandHandler"/> itself rather than returning a response value through <see cref="CommandHandler{TRequest, TResponse}"/>.
/// </summary>
public sealed class DumpVirt2PhysHandler : ICommandHandler
{
    private readonly PortRegistry _registry;
    private readonly int _maxResponseBytes;

    public DumpVirt2PhysHandler(PortRegistry registry, int maxResponseBytes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _maxResponseBytes = maxResponseBytes;
    }

    public OpteCmd Command => OpteCmd.DumpVirt2Phys;

    public OpteError? Execute(ReadOnlySpan<byte> request, IBufferWriter<byte> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!PostcardSerializer.TryDeserialize<DumpVirt2PhysReq>(request, out var decoded, out var error))
        {
            return request.IsEmpty
                ? new OpteError.NoRequestBody()
                : new OpteError.DeserCmdReq($"{nameof(DumpVirt2PhysReq)}: {error}");
        }

        var snapshot = _registry.V2pDump(fresh: decoded.After is null);
        if (decoded.MaxEntries == 0)
        {
            var needed = snapshot.WholeTableBytes();
            if (needed > _maxResponseBytes)
            {
                return new OpteError.SerCmdResp(
                    $"{snapshot.Count} V2P mappings need about {needed} bytes, more than the card's maximum response of {_maxResponseBytes}; page the dump with max_entries");
            }

            snapshot.WritePage(null, 0, long.MaxValue, response);
            return null;
        }

        snapshot.WritePage(decoded.After, decoded.MaxEntries, _maxResponseBytes, response);
        return null;
    }
}
