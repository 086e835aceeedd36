using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One TCP-table entry: its counters, state and the inbound UFT key that refers to it.
/// Wire form: <c>hits</c> (u64 varint), <c>inbound_ufid</c> (Option&lt;InnerFlowId&gt;), <c>tcp_state</c> (TcpFlowStateDump), <c>segs_in</c> (u64 varint), <c>segs_out</c> (u64 varint), <c>bytes_in</c> (u64 varint), <c>bytes_out</c> (u64 varint).
/// </summary>
/// <param name="Hits">Segments that hit it.</param>
/// <param name="InboundUfid">The inbound UFT key, once known.</param>
/// <param name="TcpState">Tracked state.</param>
/// <param name="SegsIn">Inbound segments.</param>
/// <param name="SegsOut">Outbound segments.</param>
/// <param name="BytesIn">Inbound bytes.</param>
/// <param name="BytesOut">Outbound bytes.</param>
public sealed record TcpFlowEntryDump(
    ulong Hits,
    InnerFlowId? InboundUfid,
    TcpFlowStateDump TcpState,
    ulong SegsIn,
    ulong SegsOut,
    ulong BytesIn,
    ulong BytesOut) : IPostcardSerializable<TcpFlowEntryDump>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU64(Hits);
        writer.WriteOption(InboundUfid);
        TcpState.Write(ref writer);
        writer.WriteU64(SegsIn);
        writer.WriteU64(SegsOut);
        writer.WriteU64(BytesIn);
        writer.WriteU64(BytesOut);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out TcpFlowEntryDump value)
    {
        value = null;
        if (!reader.TryReadU64(out ulong fHits) ||
            !reader.TryReadOption(out InnerFlowId? fInboundUfid) ||
            !reader.TryRead(out TcpFlowStateDump fTcpState) ||
            !reader.TryReadU64(out ulong fSegsIn) ||
            !reader.TryReadU64(out ulong fSegsOut) ||
            !reader.TryReadU64(out ulong fBytesIn) ||
            !reader.TryReadU64(out ulong fBytesOut))
        {
            return false;
        }

        value = new TcpFlowEntryDump(fHits, fInboundUfid, fTcpState, fSegsIn, fSegsOut, fBytesIn, fBytesOut);
        return true;
    }
}
