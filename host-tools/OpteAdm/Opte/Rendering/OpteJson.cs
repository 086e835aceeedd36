using System.Text.Json;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;

namespace OpteAdm.Opte.Rendering;

/// <summary>
/// Responses as JSON for scripts (<c>--json</c>): hand-written with <see cref="Utf8JsonWriter"/> (no reflection, so
/// trim- and AOT-safe). Keys are the snake_case field names of OPTE's types; addresses, MACs and prefixes are strings
/// in their text form; absent options are <c>null</c>; counters are numbers. Flow ids are objects
/// <c>{proto, src_ip, src_port, dst_ip, dst_port}</c> (for ICMP the two port words hold type/code and echo id).
/// </summary>
internal static class OpteJson
{
    /// <summary><c>list-ports</c>: <c>{"ports": [...]}</c>.</summary>
    public static void ListPorts(Utf8JsonWriter json, ListPortsReq request, ListPortsResp response)
    {
        json.WriteStartObject();
        json.WriteStartArray("ports");
        foreach (var port in response.Ports)
        {
            json.WriteStartObject();
            json.WriteString("name", port.Name);
            json.WriteString("mac_addr", port.MacAddr.ToString());
            Text(json, "ip4_addr", port.Ip4Addr);
            Text(json, "ephemeral_ip4_addr", port.EphemeralIp4Addr);
            TextList(json, "floating_ip4_addrs", port.FloatingIp4Addrs);
            Text(json, "ip6_addr", port.Ip6Addr);
            Text(json, "ephemeral_ip6_addr", port.EphemeralIp6Addr);
            TextList(json, "floating_ip6_addrs", port.FloatingIp6Addrs);
            json.WriteString("state", port.State);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>list-layers</c>: <c>{"port": …, "layers": [...]}</c>.</summary>
    public static void ListLayers(Utf8JsonWriter json, ListLayersReq request, ListLayersResp response)
    {
        json.WriteStartObject();
        json.WriteString("port", request.PortName);
        json.WriteStartArray("layers");
        foreach (var layer in response.Layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            json.WriteNumber("rules_in", layer.RulesIn);
            json.WriteNumber("rules_out", layer.RulesOut);
            json.WriteString("default_in", layer.DefaultIn);
            json.WriteString("default_out", layer.DefaultOut);
            json.WriteNumber("flows", layer.Flows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>dump-layer</c>.</summary>
    public static void DumpLayer(Utf8JsonWriter json, DumpLayerReq request, DumpLayerResp response)
    {
        json.WriteStartObject();
        json.WriteString("port", request.PortName);
        json.WriteString("name", response.Name);
        Rules(json, "rules_in", response.RulesIn);
        Rules(json, "rules_out", response.RulesOut);
        json.WriteString("default_in", response.DefaultIn);
        json.WriteString("default_out", response.DefaultOut);
        json.WriteNumber("default_in_hits", response.DefaultInHits);
        json.WriteNumber("default_out_hits", response.DefaultOutHits);
        Flows(json, "ft_in", response.FtIn);
        Flows(json, "ft_out", response.FtOut);
        json.WriteEndObject();
    }

    /// <summary><c>dump-uft</c>.</summary>
    public static void DumpUft(Utf8JsonWriter json, DumpUftReq request, DumpUftResp response)
    {
        json.WriteStartObject();
        json.WriteString("port", request.PortName);
        json.WriteNumber("in_limit", response.InLimit);
        json.WriteNumber("in_count", response.InCount);
        Flows(json, "in_flows", response.InFlows);
        json.WriteNumber("out_limit", response.OutLimit);
        json.WriteNumber("out_count", response.OutCount);
        Flows(json, "out_flows", response.OutFlows);
        json.WriteEndObject();
    }

    /// <summary><c>dump-tcp-flows</c>.</summary>
    public static void DumpTcpFlows(Utf8JsonWriter json, DumpTcpFlowsReq request, DumpTcpFlowsResp response)
    {
        json.WriteStartObject();
        json.WriteString("port", request.PortName);
        json.WriteStartArray("flows");
        foreach (var flow in response.Flows)
        {
            var entry = flow.Entry;
            var state = entry.TcpState;
            json.WriteStartObject();
            json.WritePropertyName("flow");
            FlowId(json, flow.Flow);
            json.WriteNumber("hits", entry.Hits);
            json.WritePropertyName("inbound_ufid");
            if (entry.InboundUfid is { } inbound)
            {
                FlowId(json, inbound);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStartObject("tcp_state");
            json.WriteString("state", OpteText.StateName(state.State));
            Number(json, "guest_seq", state.GuestSeq);
            Number(json, "guest_ack", state.GuestAck);
            Number(json, "remote_seq", state.RemoteSeq);
            Number(json, "remote_ack", state.RemoteAck);
            json.WriteEndObject();
            json.WriteNumber("segs_in", entry.SegsIn);
            json.WriteNumber("segs_out", entry.SegsOut);
            json.WriteNumber("bytes_in", entry.BytesIn);
            json.WriteNumber("bytes_out", entry.BytesOut);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>dump-v2p</c>: <c>{"mappings": [{vni, ip4: [...], ip6: [...]}]}</c>.</summary>
    public static void DumpV2p(Utf8JsonWriter json, DumpVirt2PhysReq request, DumpVirt2PhysResp response)
    {
        json.WriteStartObject();
        json.WriteStartArray("mappings");
        foreach (var vpc in response.Mappings)
        {
            json.WriteStartObject();
            json.WriteNumber("vni", vpc.Vni.Value);
            json.WriteStartArray("ip4");
            foreach (var entry in vpc.Ip4)
            {
                PhysEntry(json, entry.Ip.ToString(), entry.Phys);
            }

            json.WriteEndArray();
            json.WriteStartArray("ip6");
            foreach (var entry in vpc.Ip6)
            {
                PhysEntry(json, entry.Ip.ToString(), entry.Phys);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>dump-v2b</c>: <c>{"ip4": [{prefix, endpoints}], "ip6": [...]}</c>.</summary>
    public static void DumpV2b(Utf8JsonWriter json, DumpVirt2BoundaryReq request, DumpVirt2BoundaryResp response)
    {
        json.WriteStartObject();
        json.WriteStartArray("ip4");
        foreach (var entry in response.Mappings.Ip4)
        {
            Boundary(json, entry.Prefix.ToString(), entry.Endpoints);
        }

        json.WriteEndArray();
        json.WriteStartArray("ip6");
        foreach (var entry in response.Mappings.Ip6)
        {
            Boundary(json, entry.Prefix.ToString(), entry.Endpoints);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>dump-mcast-fwd</c>.</summary>
    public static void DumpMcastForwarding(Utf8JsonWriter json, DumpMcastForwardingReq request, DumpMcastForwardingResp response)
    {
        json.WriteStartObject();
        json.WriteStartArray("entries");
        foreach (var entry in response.Entries)
        {
            json.WriteStartObject();
            json.WriteString("underlay", entry.Underlay.ToString());
            json.WriteStartArray("next_hops");
            foreach (var hop in entry.NextHops)
            {
                json.WriteStartObject();
                json.WriteString("addr", hop.NextHop.Addr.ToString());
                json.WriteNumber("vni", hop.NextHop.Vni.Value);
                json.WriteString("replication", CliValues.Name(hop.Replication));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>dump-mcast-subs</c>.</summary>
    public static void DumpMcastSubscriptions(Utf8JsonWriter json, DumpMcastSubscriptionsReq request, DumpMcastSubscriptionsResp response)
    {
        json.WriteStartObject();
        json.WriteStartArray("entries");
        foreach (var entry in response.Entries)
        {
            json.WriteStartObject();
            json.WriteString("underlay", entry.Underlay.ToString());
            json.WriteStartArray("ports");
            foreach (var port in entry.Ports)
            {
                json.WriteStringValue(port);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>dump-m2p</c>.</summary>
    public static void DumpMcast2Phys(Utf8JsonWriter json, DumpMcast2PhysReq request, DumpMcast2PhysResp response)
    {
        json.WriteStartObject();
        json.WriteStartArray("entries");
        foreach (var entry in response.Entries)
        {
            json.WriteStartObject();
            json.WriteString("group", entry.Group.ToString());
            json.WriteString("underlay", entry.Underlay.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>stats</c>: counters as objects name → value, so <c>jq .port.in_uft_hit</c> works.</summary>
    public static void Stats(Utf8JsonWriter json, StatsReq request, StatsResp response)
    {
        json.WriteStartObject();
        if (response.PortName is { } port)
        {
            json.WriteString("port_name", port);
        }
        else
        {
            json.WriteNull("port_name");
        }

        Counters(json, "port", response.Port);
        json.WriteStartObject("layers");
        foreach (var layer in response.Layers)
        {
            Counters(json, layer.Layer, layer.Counters);
        }

        json.WriteEndObject();
        Counters(json, "card", response.Card);
        json.WriteEndObject();
    }

    /// <summary><c>export-port-state</c>.</summary>
    public static void ExportPortState(Utf8JsonWriter json, ExportPortStateReq request, ExportPortStateResp response, string file)
    {
        json.WriteStartObject();
        json.WriteString("port_name", response.PortName);
        json.WriteNumber("flows", response.Flows);
        json.WriteNumber("bytes", response.State.Count);
        json.WriteString("file", file);
        json.WriteEndObject();
    }

    /// <summary><c>import-port-state</c>: reasons as their names (NatPortUnavailable, Denied, …).</summary>
    public static void ImportPortState(Utf8JsonWriter json, ImportPortStateReq request, ImportPortStateResp response)
    {
        json.WriteStartObject();
        json.WriteString("port_name", response.PortName);
        json.WriteNumber("restored", response.Restored);
        json.WriteStartArray("failures");
        foreach (var failure in response.Failures)
        {
            json.WriteStartObject();
            json.WritePropertyName("flow");
            FlowId(json, failure.Flow);
            json.WriteString("reason", failure.Reason.ToString());
            json.WriteString("message", failure.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>info</c>.</summary>
    public static void Info(Utf8JsonWriter json, InfoReq request, InfoResp response)
    {
        json.WriteStartObject();
        json.WriteString("firmware_version", response.FirmwareVersion);
        json.WriteNumber("api_version", response.ApiVersion);
        json.WriteNumber("mailbox_abi_major", response.MailboxAbiMajor);
        json.WriteNumber("mailbox_abi_minor", response.MailboxAbiMinor);
        json.WriteString("board_name", response.BoardName);
        json.WriteString("board_revision", response.BoardRevision);
        json.WriteEndObject();
    }

    private static void FlowId(Utf8JsonWriter json, InnerFlowId flow)
    {
        json.WriteStartObject();
        json.WriteNumber("proto", flow.Protocol);
        json.WriteString("src_ip", flow.Src.ToString());
        json.WriteNumber("src_port", flow.SrcPort);
        json.WriteString("dst_ip", flow.Dst.ToString());
        json.WriteNumber("dst_port", flow.DstPort);
        json.WriteEndObject();
    }

    private static void Flows(Utf8JsonWriter json, string name, ValueArray<FlowEntryDump> flows)
    {
        json.WriteStartArray(name);
        foreach (var entry in flows)
        {
            json.WriteStartObject();
            json.WritePropertyName("flow");
            FlowId(json, entry.Flow);
            json.WriteNumber("hits", entry.Hits);
            json.WriteString("summary", entry.Summary);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Rules(Utf8JsonWriter json, string name, ValueArray<RuleTableEntryDump> rules)
    {
        json.WriteStartArray(name);
        foreach (var entry in rules)
        {
            json.WriteStartObject();
            json.WriteNumber("id", entry.Id);
            json.WriteNumber("hits", entry.Hits);
            json.WriteNumber("priority", entry.Rule.Priority);
            Strings(json, "predicates", entry.Rule.Predicates);
            Strings(json, "data_predicates", entry.Rule.DataPredicates);
            json.WriteString("action", entry.Rule.Action);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void PhysEntry(Utf8JsonWriter json, string ip, GuestPhysAddr phys)
    {
        json.WriteStartObject();
        json.WriteString("ip", ip);
        json.WriteString("mac", phys.Ether.ToString());
        json.WriteString("underlay_ip", phys.Ip.ToString());
        json.WriteEndObject();
    }

    private static void Boundary(Utf8JsonWriter json, string prefix, ValueArray<TunnelEndpoint> endpoints)
    {
        json.WriteStartObject();
        json.WriteString("prefix", prefix);
        json.WriteStartArray("endpoints");
        foreach (var endpoint in endpoints)
        {
            json.WriteStartObject();
            json.WriteString("ip", endpoint.Ip.ToString());
            json.WriteNumber("vni", endpoint.Vni.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Counters(Utf8JsonWriter json, string name, ValueArray<StatCounter> counters)
    {
        json.WriteStartObject(name);
        foreach (var counter in counters)
        {
            json.WriteNumber(counter.Name, counter.Value);
        }

        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, ValueArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Text<T>(Utf8JsonWriter json, string name, T? value)
        where T : struct
    {
        if (value is { } present)
        {
            json.WriteString(name, present.ToString());
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void TextList<T>(Utf8JsonWriter json, string name, ValueArray<T>? values)
        where T : struct
    {
        if (values is not { } present)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in present)
        {
            json.WriteStringValue(value.ToString());
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, uint? value)
    {
        if (value is { } present)
        {
            json.WriteNumber(name, present);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
