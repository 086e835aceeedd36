using System.Text.Json;
using global::OpteAdm.Opte;
using global::OpteAdm.Opte.Commands;
using OpteNic.Api.Commands;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>
/// <c>--json</c> output: produced through the command's own render path, then read back with System.Text.Json's
/// document reader (an independent decoder) and checked field by field against the sample response.
/// </summary>
public sealed class OpteJsonTests
{
    [Fact]
    public void List_ports_json_is_exact()
    {
        var json = Json(PortCommands.ListPorts(), new ListPortsReq(), SampleResponses.Ports);
        Assert.Equal(
            """
            {
              "ports": [
                {
                  "name": "opte0",
                  "mac_addr": "a8:40:25:00:00:01",
                  "ip4_addr": "172.30.0.5",
                  "ephemeral_ip4_addr": "198.51.100.20",
                  "floating_ip4_addrs": [
                    "198.51.100.30",
                    "198.51.100.31"
                  ],
                  "ip6_addr": null,
                  "ephemeral_ip6_addr": null,
                  "floating_ip6_addrs": null,
                  "state": "running"
                },
                {
                  "name": "opte1",
                  "mac_addr": "a8:40:25:00:00:02",
                  "ip4_addr": null,
                  "ephemeral_ip4_addr": null,
                  "floating_ip4_addrs": null,
                  "ip6_addr": "fd00:100::5",
                  "ephemeral_ip6_addr": null,
                  "floating_ip6_addrs": [],
                  "state": "ready"
                }
              ]
            }

            """.ReplaceLineEndings(),
            json.ReplaceLineEndings());
    }

    [Fact]
    public void Dump_uft_json_has_limits_counts_and_flow_ids()
    {
        using var document = JsonDocument.Parse(Json(LayerCommands.DumpUft(), new DumpUftReq("opte0"), SampleResponses.Uft));
        var root = document.RootElement;
        Assert.Equal("opte0", root.GetProperty("port").GetString());
        Assert.Equal(8192, root.GetProperty("in_limit").GetInt32());
        Assert.Equal(1, root.GetProperty("in_count").GetInt32());
        Assert.Equal(2, root.GetProperty("out_count").GetInt32());
        var outFlows = root.GetProperty("out_flows");
        Assert.Equal(2, outFlows.GetArrayLength());
        var first = outFlows[0];
        Assert.Equal(6, first.GetProperty("flow").GetProperty("proto").GetInt32());
        Assert.Equal("172.30.0.5", first.GetProperty("flow").GetProperty("src_ip").GetString());
        Assert.Equal(40000, first.GetProperty("flow").GetProperty("src_port").GetInt32());
        Assert.Equal("172.30.0.6", first.GetProperty("flow").GetProperty("dst_ip").GetString());
        Assert.Equal(22, first.GetProperty("flow").GetProperty("dst_port").GetInt32());
        Assert.Equal(4, first.GetProperty("hits").GetInt32());
        Assert.Equal("compiled: encap fd00:2::1 vni 100", first.GetProperty("summary").GetString());
    }

    [Fact]
    public void Dump_layer_json_has_rules_defaults_and_flows()
    {
        using var document = JsonDocument.Parse(Json(LayerCommands.DumpLayer(), new DumpLayerReq("opte0", "firewall"), SampleResponses.Firewall));
        var root = document.RootElement;
        Assert.Equal("firewall", root.GetProperty("name").GetString());
        var rules = root.GetProperty("rules_in");
        Assert.Equal(2, rules.GetArrayLength());
        Assert.Equal(0, rules[0].GetProperty("id").GetInt32());
        Assert.Equal(10, rules[0].GetProperty("priority").GetInt32());
        Assert.Equal(3, rules[0].GetProperty("hits").GetInt32());
        Assert.Equal(["inner.ip.proto=TCP", "inner.ulp.dst=22"], rules[0].GetProperty("predicates").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("stateful allow", rules[0].GetProperty("action").GetString());
        Assert.Equal(0, root.GetProperty("rules_out").GetArrayLength());
        Assert.Equal(5, root.GetProperty("default_in_hits").GetInt32());
        Assert.Equal(11, root.GetProperty("default_out_hits").GetInt32());
        Assert.Equal("stateful allow", root.GetProperty("default_out").GetString());
        Assert.Equal(22, root.GetProperty("ft_in")[0].GetProperty("flow").GetProperty("src_port").GetInt32());
    }

    [Fact]
    public void Dump_tcp_flows_json_has_state_and_optional_fields_as_null()
    {
        using var document = JsonDocument.Parse(Json(LayerCommands.DumpTcpFlows(), new DumpTcpFlowsReq("opte0"), SampleResponses.TcpFlows));
        var flows = document.RootElement.GetProperty("flows");
        Assert.Equal("ESTABLISHED", flows[0].GetProperty("tcp_state").GetProperty("state").GetString());
        Assert.Equal(2001, flows[0].GetProperty("tcp_state").GetProperty("guest_ack").GetInt64());
        Assert.Equal(22, flows[0].GetProperty("inbound_ufid").GetProperty("src_port").GetInt32());
        Assert.Equal(3072, flows[0].GetProperty("bytes_out").GetInt64());
        Assert.Equal(JsonValueKind.Null, flows[1].GetProperty("inbound_ufid").ValueKind);
        Assert.Equal(JsonValueKind.Null, flows[1].GetProperty("tcp_state").GetProperty("remote_seq").ValueKind);
        Assert.Equal("SYN_SENT", flows[1].GetProperty("tcp_state").GetProperty("state").GetString());
    }

    [Fact]
    public void Dump_v2p_and_v2b_json()
    {
        using var v2p = JsonDocument.Parse(Json(MappingCommands.DumpV2p(), new DumpVirt2PhysReq(), SampleResponses.V2p));
        var vpc = v2p.RootElement.GetProperty("mappings")[0];
        Assert.Equal(100, vpc.GetProperty("vni").GetInt32());
        Assert.Equal(2, vpc.GetProperty("ip4").GetArrayLength());
        Assert.Equal("a8:40:25:00:00:02", vpc.GetProperty("ip4")[1].GetProperty("mac").GetString());
        Assert.Equal("fd00:2::1", vpc.GetProperty("ip6")[0].GetProperty("underlay_ip").GetString());

        using var v2b = JsonDocument.Parse(Json(MappingCommands.DumpV2b(), new DumpVirt2BoundaryReq(0), SampleResponses.V2b));
        var v4 = v2b.RootElement.GetProperty("ip4")[0];
        Assert.Equal("0.0.0.0/0", v4.GetProperty("prefix").GetString());
        Assert.Equal(["fd00:99::1", "fd00:99::2"], v4.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("ip").GetString()));
        Assert.Equal(99, v4.GetProperty("endpoints")[0].GetProperty("vni").GetInt32());
        Assert.Equal("::/0", v2b.RootElement.GetProperty("ip6")[0].GetProperty("prefix").GetString());
    }

    [Fact]
    public void Multicast_dumps_json()
    {
        using var forwarding = JsonDocument.Parse(Json(MulticastCommands.DumpMcastFwd(), new DumpMcastForwardingReq(), SampleResponses.McastForwarding));
        var hops = forwarding.RootElement.GetProperty("entries")[0].GetProperty("next_hops");
        Assert.Equal("underlay", hops[0].GetProperty("replication").GetString());
        Assert.Equal(77, hops[1].GetProperty("vni").GetInt32());

        using var subscriptions = JsonDocument.Parse(Json(MulticastCommands.DumpMcastSubs(), new DumpMcastSubscriptionsReq(), SampleResponses.McastSubscriptions));
        Assert.Equal(["opte0", "opte1"], subscriptions.RootElement.GetProperty("entries")[0].GetProperty("ports").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, subscriptions.RootElement.GetProperty("entries")[1].GetProperty("ports").GetArrayLength());

        using var m2p = JsonDocument.Parse(Json(MulticastCommands.DumpM2p(), new DumpMcast2PhysReq(), SampleResponses.Mcast2Phys));
        Assert.Equal("239.1.1.1", m2p.RootElement.GetProperty("entries")[0].GetProperty("group").GetString());
    }

    [Fact]
    public void Stats_json_counters_are_addressable_by_name()
    {
        using var document = JsonDocument.Parse(Json(CardCommands.Stats(), new StatsReq("opte0"), SampleResponses.Stats));
        var root = document.RootElement;
        Assert.Equal("opte0", root.GetProperty("port_name").GetString());
        Assert.Equal(4, root.GetProperty("port").GetProperty("out_uft_hit").GetInt32());
        Assert.Equal(6, root.GetProperty("layers").GetProperty("firewall").GetProperty("lft_hit").GetInt32());
        Assert.Equal(2, root.GetProperty("card").GetProperty("parse_drop_truncated").GetInt32());
    }

    [Fact]
    public void List_layers_and_info_json()
    {
        using var layers = JsonDocument.Parse(Json(LayerCommands.ListLayers(), new ListLayersReq("opte0"), SampleResponses.Layers));
        Assert.Equal("stateful allow", layers.RootElement.GetProperty("layers")[1].GetProperty("default_out").GetString());
        Assert.Equal(12, layers.RootElement.GetProperty("layers")[0].GetProperty("rules_in").GetInt32());

        using var info = JsonDocument.Parse(Json(CardCommands.Info(), new InfoReq(), SampleResponses.Info));
        Assert.Equal(41, info.RootElement.GetProperty("api_version").GetInt32());
        Assert.Equal("opte-nic-sim", info.RootElement.GetProperty("board_name").GetString());
    }

    [Fact]
    public void Without_json_the_command_prints_its_table()
    {
        var command = Assert.IsType<OpteCommand<ListPortsReq, ListPortsResp>>(PortCommands.ListPorts());
        using var output = new StringWriter();
        command.Render(output, new ListPortsReq(), SampleResponses.Ports, json: false);
        Assert.StartsWith("LINK   MAC", output.ToString(), StringComparison.Ordinal);
    }

    private static string Json<TReq, TResp>(OpteCommand command, TReq request, TResp response)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : OpteNic.Api.Wire.IPostcardSerializable<TResp>
    {
        var typed = Assert.IsType<OpteCommand<TReq, TResp>>(command);
        Assert.True(typed.HasJson);
        using var output = new StringWriter();
        typed.Render(output, request, response, json: true);
        return output.ToString();
    }
}
