using System.Text;

namespace OpteNic.Engine.Dumps;

/// <summary>dump-layer: a layer's rules (with hits), default actions (with hits) and flow table.</summary>
public sealed record LayerDump(
    string Name,
    string DefaultInbound,
    long DefaultInboundHits,
    string DefaultOutbound,
    long DefaultOutboundHits,
    IReadOnlyList<RuleDump> InboundRules,
    IReadOnlyList<RuleDump> OutboundRules,
    int FlowCount,
    int FlowCapacity,
    IReadOnlyList<LftDump> Flows)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Layer {Name}");
        AppendRules(text, "Inbound", InboundRules, DefaultInbound, DefaultInboundHits);
        AppendRules(text, "Outbound", OutboundRules, DefaultOutbound, DefaultOutboundHits);
        text.AppendLine($"Flows: {FlowCount}/{FlowCapacity}");
        foreach (LftDump flow in Flows)
        {
            text.AppendLine($"  OUT {flow.OutboundFlow} | IN {flow.InboundFlow} | {flow.Action} hits {flow.Hits} refs {flow.References}{(flow.Dirty ? " dirty" : "")}");
        }

        return text.ToString();
    }

    private static void AppendRules(StringBuilder text, string title, IReadOnlyList<RuleDump> rules, string defaultAction, long defaultHits)
    {
        text.AppendLine($"{title} rules:");
        text.AppendLine($"  {"ID",-6} {"PRI",-6} {"HITS",-8} {"ACTION",-16} PREDICATES");
        foreach (RuleDump rule in rules)
        {
            text.AppendLine($"  {rule.Id,-6} {rule.Priority,-6} {rule.Hits,-8} {rule.Action,-16} {rule.Predicates}");
        }

        text.AppendLine($"  {"DEF",-6} {"--",-6} {defaultHits,-8} {defaultAction}");
    }
}
