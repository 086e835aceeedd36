using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpUft"/>: both unified flow tables with their limits.
/// Wire form: <c>in_limit</c> (u32 varint), <c>in_count</c> (u32 varint), <c>in_flows</c> (Vec&lt;FlowEntryDump&gt;), <c>out_limit</c> (u32 varint), <c>out_count</c> (u32 varint), <c>out_flows</c> (Vec&lt;FlowEntryDump&gt;).
/// </summary>
/// <param name="InLimit">Inbound UFT capacity.</param>
/// <param name="InCount">Inbound entries.</param>
/// <param name="InFlows">Inbound entries.</param>
/// <param name="OutLimit">Outbound UFT capacity.</param>
/// <param name="OutCount">Outbound entries.</param>
/// <param name="OutFlows">Outbound entries.</param>
public sealed record DumpUftResp(
    uint InLimit,
    uint InCount,
    ValueArray<FlowEntryDump> InFlows,
    uint OutLimit,
    uint OutCount,
    ValueArray<FlowEntryDump> OutFlows) : IPostcardSerializable<DumpUftResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU32(InLimit);
        writer.WriteU32(InCount);
        writer.WriteSequence(InFlows);
        writer.WriteU32(OutLimit);
        writer.WriteU32(OutCount);
        writer.WriteSequence(OutFlows);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpUftResp value)
    {
        value = null;
        if (!reader.TryReadU32(out uint fInLimit) ||
            !reader.TryReadU32(out uint fInCount) ||
            !reader.TryReadSequence(out ValueArray<FlowEntryDump> fInFlows, 14) ||
            !reader.TryReadU32(out uint fOutLimit) ||
            !reader.TryReadU32(out uint fOutCount) ||
            !reader.TryReadSequence(out ValueArray<FlowEntryDump> fOutFlows, 14))
        {
            return false;
        }

        value = new DumpUftResp(fInLimit, fInCount, fInFlows, fOutLimit, fOutCount, fOutFlows);
        return true;
    }
}
