using System.Text;

namespace OpteNic.Engine.Dumps;

/// <summary>dump-uft: both UFT directions with their limits.</summary>
public sealed record UftDump(int InboundCount, int InboundLimit, IReadOnlyList<UftEntryDump> Inbound, int OutboundCount,
    int OutboundLimit, IReadOnlyList<UftEntryDump> Outbound)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, "UFT Inbound", InboundCount, InboundLimit, Inbound);
        Append(text, "UFT Outbound", OutboundCount, OutboundLimit, Outbound);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string title, int count, int limit, IReadOnlyList<UftEntryDump> entries)
    {
        text.AppendLine($"{title}: {count}/{limit}");
        text.AppendLine($"  {"PROTO",-6} {"SRC-IP",-26} {"SPORT",-6} {"DST-IP",-26} {"DPORT",-6} {"HITS",-8} XFORMS");
        foreach (UftEntryDump e in entries)
        {
            text.AppendLine($"  {e.Protocol,-6} {e.SrcIp,-26} {e.SrcPort,-6} {e.DstIp,-26} {e.DstPort,-6} {e.Hits,-8} {e.Transforms}");
        }
    }
}
