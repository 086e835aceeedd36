using OpteNic.Engine.Layers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Ports;

/// <summary>
/// Every counter of a port by OPTE's names (behaviour §1 Statistics): <c>in_</c>/<c>out_</c> port counters, TCP
/// table counters, parse drops by reason, and per layer <c>layer.&lt;name&gt;.*</c>. Control path (allocates).
/// </summary>
public static class PortStatistics
{
    /// <summary>A snapshot of every counter, sorted by name.</summary>
    public static SortedDictionary<string, long> Snapshot(Port port)
    {
        ArgumentNullException.ThrowIfNull(port);
        var stats = new SortedDictionary<string, long>(StringComparer.Ordinal);
        AddDirection(stats, "in_", port.Inbound, port.UftIn.Count, port.UftIn.Capacity, port.InboundParseDrops);
        AddDirection(stats, "out_", port.Outbound, port.UftOut.Count, port.UftOut.Capacity, port.OutboundParseDrops);
        AddSizeLimit(stats, "in_", port.InboundSize);
        AddSizeLimit(stats, "out_", port.OutboundSize);
        stats["tcp_flows"] = port.TcpFlows.Count;
        stats["tcp_capacity"] = port.TcpFlows.Capacity;
        stats["tcp_evictions"] = port.TcpFlows.Evictions;
        stats["epoch"] = (long)port.Epoch;
        foreach (Layer layer in port.Layers)
        {
            string prefix = $"layer.{layer.Name}.";
            AddLayerDirection(stats, prefix + "in_", layer.Inbound, layer.RulesFor(Direction.Inbound).Count);
            AddLayerDirection(stats, prefix + "out_", layer.Outbound, layer.RulesFor(Direction.Outbound).Count);
            stats[prefix + "lft_capacity"] = layer.Flows.Capacity;
            stats[prefix + "flows"] = layer.Flows.Count;
            stats[prefix + "evictions"] = layer.Evictions;
            stats[prefix + "flow_ttl"] = layer.FlowTtlNanoseconds / 1_000_000_000;
            stats[prefix + "add_rule_called"] = layer.AddRuleCalls;
            stats[prefix + "remove_rule_called"] = layer.RemoveRuleCalls;
            stats[prefix + "set_rules_called"] = layer.SetRulesCalls;
        }

        return stats;
    }

    private static void AddDirection(SortedDictionary<string, long> stats, string prefix, PortDirectionCounters c, int flows,
        int capacity, ParseDropCounters parse)
    {
        stats[prefix + "drop"] = c.Drop;
        stats[prefix + "drop_handle_pkt"] = c.DropHandlePacket;
        stats[prefix + "drop_layer"] = c.DropLayer;
        stats[prefix + "drop_tcp_err"] = c.DropTcpError;
        stats[prefix + "drop_parse"] = c.DropParse;
        stats[prefix + "hairpin"] = c.Hairpin;
        stats[prefix + "modified"] = c.Modified;
        stats[prefix + "process_err"] = c.ProcessError;
        stats[prefix + "uft_hit"] = c.UftHit;
        stats[prefix + "uft_miss"] = c.UftMiss;
        stats[prefix + "uft_flows"] = flows;
        stats[prefix + "uft_capacity"] = capacity;
        stats[prefix + "uft_evictions"] = c.UftEvictions;
        stats[prefix + "uft_full"] = c.UftFull;
        stats[prefix + "uft_dependency_stale"] = c.UftDependencyStale;
        stats[prefix + "uft_dependency_uncached"] = c.UftDependencyUncached;
        stats[prefix + "parse_reject"] = parse.Reject;
        stats[prefix + "parse_unwanted_protocol"] = parse.UnwantedProtocol;
        stats[prefix + "parse_truncated"] = parse.Truncated;
        stats[prefix + "parse_straddled"] = parse.Straddled;
        stats[prefix + "parse_illegal_value"] = parse.IllegalValue;
        stats[prefix + "parse_bad_length"] = parse.BadLength;
        stats[prefix + "parse_bad_tunnel_option"] = parse.BadTunnelOption;
    }

    private static void AddSizeLimit(SortedDictionary<string, long> stats, string prefix, PacketSizeCounters c)
    {
        stats[prefix + "too_big"] = c.TooBig;
        stats[prefix + "too_big_hairpin"] = c.Hairpinned;
        stats[prefix + "drop_too_big"] = c.Dropped;
        stats[prefix + "too_big_pass"] = c.Passed;
    }

    private static void AddLayerDirection(SortedDictionary<string, long> stats, string prefix, LayerDirectionCounters c, int rules)
    {
        stats[prefix + "lft_hit"] = c.LftHit;
        stats[prefix + "lft_full"] = c.LftFull;
        stats[prefix + "lft_miss"] = c.LftMiss;
        stats[prefix + "rule_match"] = c.RuleMatch;
        stats[prefix + "rule_nomatch"] = c.RuleNoMatch;
        stats[prefix + "deny"] = c.Deny;
        stats[prefix + "default_hits"] = c.DefaultHits;
        stats[prefix + "rules"] = rules;
    }
}
