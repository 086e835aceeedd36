using OpteNic.Engine.Dumps;
using OpteNic.Engine.Flows;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Rules;
using OpteNic.Packets;

namespace OpteNic.Engine.Ports;

/// <summary>
/// Read-only snapshots for the admin commands (list-layers, dump-layer, dump-uft, dump-tcp-flows). Control path:
/// allocation is fine here; works in every port state (including Paused).
/// </summary>
public static class PortDumps
{
    /// <summary>list-layers.</summary>
    public static IReadOnlyList<LayerSummary> ListLayers(Port port) =>
        [.. port.Layers.Select(l => new LayerSummary(l.Name, l.RulesFor(Direction.Inbound).Count, l.RulesFor(Direction.Outbound).Count,
            l.Flows.Count, l.DefaultInbound.ToString(), l.DefaultOutbound.ToString()))];

    /// <summary>dump-layer; null when no layer has that name.</summary>
    public static LayerDump? DumpLayer(Port port, string name)
    {
        Layer? layer = port.FindLayer(name);
        if (layer is null)
        {
            return null;
        }

        var flows = new List<LftDump>();
        for (int pair = 0; pair < layer.Flows.Capacity; pair++)
        {
            if (layer.Flows.IsUsed(pair))
            {
                ref LftEntry entry = ref layer.Flows.EntryAt(pair);
                flows.Add(new LftDump(layer.Flows.OutboundKeyAt(pair).ToString(), layer.Flows.InboundKeyAt(pair).ToString(),
                    entry.Descriptor?.ToString() ?? "StatefulAllow", entry.Hits, entry.References, entry.Dirty));
            }
        }

        return new LayerDump(layer.Name, layer.DefaultInbound.ToString(), layer.Inbound.DefaultHits, layer.DefaultOutbound.ToString(),
            layer.Outbound.DefaultHits, Rules(layer, Direction.Inbound), Rules(layer, Direction.Outbound), layer.Flows.Count,
            layer.Flows.Capacity, flows);
    }

    /// <summary>dump-uft.</summary>
    public static UftDump DumpUft(Port port) =>
        new(port.UftIn.Count, port.UftIn.Capacity, Entries(port.UftIn), port.UftOut.Count, port.UftOut.Capacity, Entries(port.UftOut));

    /// <summary>dump-tcp-flows.</summary>
    public static TcpFlowsDump DumpTcpFlows(Port port)
    {
        var flows = new List<TcpFlowDump>();
        for (int slot = 0; slot < port.TcpFlows.Capacity; slot++)
        {
            if (port.TcpFlows.IsUsed(slot))
            {
                ref Tcp.TcpFlowEntry e = ref port.TcpFlows.EntryAt(slot);
                flows.Add(new TcpFlowDump(port.TcpFlows.KeyAt(slot).ToString(), e.State.ToString(), e.SegmentsIn, e.SegmentsOut,
                    e.GuestSeq, e.GuestAck, e.RemoteSeq, e.RemoteAck, e.LastHit));
            }
        }

        return new TcpFlowsDump(port.TcpFlows.Count, port.TcpFlows.Capacity, flows);
    }

    private static List<RuleDump> Rules(Layer layer, Direction direction) =>
        [.. layer.RulesFor(direction).Select(r => new RuleDump(r.Id, r.Rule.Priority, r.Rule.Action.ToString(),
            string.Join(" & ", r.Rule.HeaderPredicates.Select(p => p.ToString()).Concat(r.Rule.DataPredicates.Select(p => p.ToString()))), r.Hits))];

    private static List<UftEntryDump> Entries(UnifiedFlowTable uft)
    {
        var entries = new List<UftEntryDump>();
        for (int slot = 0; slot < uft.SlotCount; slot++)
        {
            if (!uft.IsUsed(slot))
            {
                continue;
            }

            InnerFlowId key = uft.KeyAt(slot);
            ref UftEntry e = ref uft.EntryAt(slot);
            string transforms = e.TransformKind switch
            {
                UftTransformKind.List => "replay: " + string.Join("; ", uft.ListAt(slot).ToArray().Select(t => t.ToString())),
                UftTransformKind.Compiled => $"compiled ({uft.OuterAt(slot)})",
                _ => "identity",
            };
            entries.Add(new UftEntryDump(key.Protocol.ToString(), key.Src.ToString(), key.SrcPort, key.Dst.ToString(), key.DstPort,
                uft.HitsAt(slot), e.Epoch, transforms));
        }

        return entries;
    }
}
