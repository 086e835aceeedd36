using System.Text.Json;
using global::OpteAdm.Opte.Rendering;
using OpteNic.Api.Commands;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>Response → output: golden tables (OPTE's layout) and JSON that parses back to the same values.</summary>
public sealed class OpteRenderingTests
{
    [Fact]
    public void List_ports_table()
    {
        Assert.Equal(
            """
            LINK   MAC                IPv4        EPHEMERAL-IPv4  FLOATING-IPv4                IPv6         EPHEMERAL-IPv6  FLOATING-IPv6  STATE
            opte0  a8:40:25:00:00:01  172.30.0.5  198.51.100.20   198.51.100.30,198.51.100.31  None         None            None           running
            opte1  a8:40:25:00:00:02  None        None            None                         fd00:100::5  None            None           ready

            """,
            Render(w => OpteText.ListPorts(w, new ListPortsReq(), SampleResponses.Ports)));
    }

    [Fact]
    public void Dump_uft_table()
    {
        Assert.Equal(
            """
            UFT Inbound: 1/8192
            ----------------------------------------------------------------------
            PROTO  SRC-IP      SPORT  DST-IP      DPORT  HITS  XFORMS
            TCP    172.30.0.6  22     172.30.0.5  40000  3     firewall: allow; overlay: decap

            UFT Outbound: 2/8192
            ----------------------------------------------------------------------
            PROTO  SRC-IP      SPORT  DST-IP        DPORT  HITS  XFORMS
            TCP    172.30.0.5  40000  172.30.0.6    22     4     compiled: encap fd00:2::1 vni 100
            ICMP   172.30.0.5  2048   198.51.100.1  7      1     nat: snat 198.51.100.5

            """,
            Render(w => OpteText.DumpUft(w, new DumpUftReq("opte0"), SampleResponses.Uft)));
    }

    [Fact]
    public void List_layers_table()
    {
        Assert.Equal(
            """
            NAME      RULES-IN  RULES-OUT  DEF-IN  DEF-OUT         FLOWS
            gateway   12        9          deny    deny            0
            firewall  1         0          deny    stateful allow  2

            """,
            Render(w => OpteText.ListLayers(w, new ListLayersReq("opte0"), SampleResponses.Layers)));
    }

    [Fact]
    public void Dump_layer_shows_flows_rules_with_continuation_rows_and_defaults()
    {
        Assert.Equal(
            """
            Layer firewall
            ======================================================================
            Inbound Flows
            ----------------------------------------------------------------------
            PROTO  SRC-IP      SPORT  DST-IP      DPORT  HITS  ACTION
            TCP    172.30.0.6  22     172.30.0.5  40000  3     stateful allow

            Outbound Flows
            ----------------------------------------------------------------------
            PROTO  SRC-IP      SPORT  DST-IP      DPORT  HITS  ACTION
            TCP    172.30.0.5  40000  172.30.0.6  22     4     stateful allow

            Inbound Rules
            ----------------------------------------------------------------------
            ID   PRI    HITS  PREDICATES          ACTION
            0    10     3     inner.ip.proto=TCP  stateful allow
                              inner.ulp.dst=22
            4    65535  0     *                   deny
            DEF  --     5     --                  deny

            Outbound Rules
            ----------------------------------------------------------------------
            ID   PRI  HITS  PREDICATES  ACTION
            DEF  --   11    --          stateful allow

            """,
            Render(w => OpteText.DumpLayer(w, new DumpLayerReq("opte0", "firewall"), SampleResponses.Firewall)));
    }

    [Fact]
    public void Dump_tcp_flows_table()
    {
        Assert.Equal(
            """
            SRC-IP      SPORT  DST-IP      DPORT  STATE        HITS  SEGS-IN  SEGS-OUT  BYTES-IN  BYTES-OUT
            172.30.0.5  40000  172.30.0.6  22     ESTABLISHED  7     3        4         180       3072
            172.30.0.5  40001  172.30.0.7  80     SYN_SENT     1     0        1         0         60

            """,
            Render(w => OpteText.DumpTcpFlows(w, new DumpTcpFlowsReq("opte0"), SampleResponses.TcpFlows)));
    }

    [Fact]
    public void Dump_v2p_per_vni_and_family()
    {
        Assert.Equal(
            """
            Virtual to Physical Mappings
            ----------------------------------------------------------------------

            VPC 100
            ----------------------------------------------------------------------

            IPv4 mappings
            ----------------------------------------------------------------------
            VPC-IP      VPC-MAC            UNDERLAY-IP
            172.30.0.5  a8:40:25:00:00:01  fd00:1::1
            172.30.0.6  a8:40:25:00:00:02  fd00:2::1

            IPv6 mappings
            ----------------------------------------------------------------------
            VPC-IP       VPC-MAC            UNDERLAY-IP
            fd00:100::6  a8:40:25:00:00:02  fd00:2::1

            """,
            Render(w => OpteText.DumpV2p(w, new DumpVirt2PhysReq(), SampleResponses.V2p)));
    }

    [Fact]
    public void Dump_v2b_one_row_per_endpoint()
    {
        Assert.Equal(
            """
            Virtual to Boundary Mappings
            ----------------------------------------------------------------------
            IPv4 mappings
            ----------------------------------------------------------------------
            PREFIX     BOUNDARY-IP  VNI
            0.0.0.0/0  fd00:99::1   99
            0.0.0.0/0  fd00:99::2   99

            IPv6 mappings
            ----------------------------------------------------------------------
            PREFIX  BOUNDARY-IP  VNI
            ::/0    fd00:99::1   99

            """,
            Render(w => OpteText.DumpV2b(w, new DumpVirt2BoundaryReq(0), SampleResponses.V2b)));
    }

    [Fact]
    public void Dump_mcast_fwd_one_row_per_next_hop()
    {
        Assert.Equal(
            """
            UNDERLAY        NEXT-HOP    VNI  REPLICATION
            ff04::e001:101  fd00:2::1   77   underlay
            ff04::e001:101  fd00:99::1  77   external

            """,
            Render(w => OpteText.DumpMcastForwarding(w, new DumpMcastForwardingReq(), SampleResponses.McastForwarding)));
    }

    [Fact]
    public void Dump_mcast_subs_table()
    {
        Assert.Equal(
            """
            UNDERLAY        PORTS
            ff04::e001:101  opte0,opte1
            ff04::e001:102  None

            """,
            Render(w => OpteText.DumpMcastSubscriptions(w, new DumpMcastSubscriptionsReq(), SampleResponses.McastSubscriptions)));
    }

    [Fact]
    public void Dump_m2p_table()
    {
        Assert.Equal(
            """
            GROUP      UNDERLAY
            239.1.1.1  ff04::e001:101

            """,
            Render(w => OpteText.DumpMcast2Phys(w, new DumpMcast2PhysReq(), SampleResponses.Mcast2Phys)));
    }

    [Fact]
    public void Stats_port_layers_and_card()
    {
        Assert.Equal(
            """
            Port opte0
            ----------------------------------------------------------------------
            COUNTER         VALUE
            in_uft_hit      3
            out_uft_hit     4
            out_drop_layer  1

            Layer firewall
            ----------------------------------------------------------------------
            COUNTER     VALUE
            lft_hit     6
            rule_match  2

            Card
            ----------------------------------------------------------------------
            COUNTER               VALUE
            parse_drop_truncated  2

            """,
            Render(w => OpteText.Stats(w, new StatsReq("opte0"), SampleResponses.Stats)));
    }

    [Fact]
    public void Info_table()
    {
        Assert.Equal(
            """
            FIELD             VALUE
            firmware-version  0.4.0+sim
            api-version       41
            mailbox-abi       1.0
            board             opte-nic-sim
            board-revision    rev A

            """,
            Render(w => OpteText.Info(w, new InfoReq(), SampleResponses.Info)));
    }

    private static readonly ImportPortStateResp s_import = new("opte0", 2,
    [
        new FlowRestoreFailure(new InnerFlowId(6, OpteNic.Api.Net.IpAddr.Parse("172.30.0.5"), OpteNic.Api.Net.IpAddr.Parse("1.1.1.1"), 40000, 443),
            FlowRestoreReason.NatPortUnavailable, "SNAT 198.51.100.5:3009 is taken"),
    ]);

    [Fact]
    public void Export_port_state_table()
    {
        Assert.Equal(
            """
            PORT   FLOWS  BYTES  FILE
            opte0  1      3      /tmp/opte0.state

            """,
            Render(w => OpteText.ExportPortState(w, new ExportPortStateReq("opte0"), new ExportPortStateResp("opte0", 1, [1, 2, 3]), "/tmp/opte0.state")));
    }

    [Fact]
    public void Import_port_state_table_lists_each_failed_flow_with_its_reason()
    {
        Assert.Equal(
            """
            Port opte0: 2 flows restored, 1 failed

            PROTO  SRC-IP      SPORT  DST-IP   DPORT  REASON              MESSAGE
            TCP    172.30.0.5  40000  1.1.1.1  443    NatPortUnavailable  SNAT 198.51.100.5:3009 is taken

            """,
            Render(w => OpteText.ImportPortState(w, new ImportPortStateReq("opte0", [1]), s_import)));
        Assert.Equal("Port opte0: 1 flows restored, 0 failed\n",
            Render(w => OpteText.ImportPortState(w, new ImportPortStateReq("opte0", [1]), new ImportPortStateResp("opte0", 1, []))));
    }

    [Fact]
    public void Import_port_state_json()
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            OpteJson.ImportPortState(writer, new ImportPortStateReq("opte0", [1]), s_import);
        }

        using var document = JsonDocument.Parse(output.ToArray());
        var root = document.RootElement;
        Assert.Equal("opte0", root.GetProperty("port_name").GetString());
        Assert.Equal(2, root.GetProperty("restored").GetInt32());
        var failure = Assert.Single(root.GetProperty("failures").EnumerateArray().ToList());
        Assert.Equal("NatPortUnavailable", failure.GetProperty("reason").GetString());
        Assert.Equal("1.1.1.1", failure.GetProperty("flow").GetProperty("dst_ip").GetString());
        Assert.Equal(40000, failure.GetProperty("flow").GetProperty("src_port").GetInt32());
        Assert.Equal("SNAT 198.51.100.5:3009 is taken", failure.GetProperty("message").GetString());
    }

    private static string Render(Action<TextWriter> render)
    {
        using var output = new StringWriter { NewLine = "\n" };
        render(output);
        return output.ToString();
    }
}
