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
/// mappings — fewer if the page could exceed <c>CapMaxResponse</c> — from the <c>after</c> cursor on, and <c>next</c>
/// when more remain. Pages are read from the live V2P table (no snapshot; a rebuild between pages answers
/// <c>BadState</c> so the host restarts) and encoded straight into the response by <see cref="V2pPageWriter"/>, in
/// <see cref="DumpVirt2PhysResp"/>'s wire form, without an object per mapping; that is why this handler implements
/// <see cref="ICommandHandler"/> itself rather than returning a response value through <see cref="CommandHandler{TRequest, TResponse}"/>.
/// </summary>
public sealed class DumpVirt2PhysHandler : ICommandHandler
{
    private readonly PortRegistry _registry;
    private readonly int _maxResponseBytes;
    private V2pPageWriter? _pages;

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

        // The V2P table (and so the page buffer) exists from the first use of the card-wide tables on.
        _pages ??= new V2pPageWriter(_registry.Network.Virt2Phys, _maxResponseBytes);
        return decoded.MaxEntries == 0
            ? _pages.WriteWholeTable(_maxResponseBytes, response)
            : _pages.WritePage(decoded.After, decoded.MaxEntries, _maxResponseBytes, response, out _);
    }
}
