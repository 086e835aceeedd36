using System.Globalization;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte.Rendering;

/// <summary>
/// Responses as the aligned tables OPTE's opteadm prints (section titles, upper-case column headers, one row per
/// entry). Pure functions of the response (and the request, for titles), so they are tested with golden text.
/// </summary>
internal static class OpteText
{
    private const string None = "None";
    private static readonly string Rule = new('-', 70);
    private static readonly string DoubleRule = new('=', 70);

    /// <summary><c>list-ports</c>: one row per port.</summary>
    public static void ListPorts(TextWriter output, ListPortsReq request, ListPortsResp response)
    {
        var table = new TextTable("LINK", "MAC", "IPv4", "EPHEMERAL-IPv4", "FLOATING-IPv4", "IPv6", "EPHEMERAL-IPv6", "FLOATING-IPv6", "STATE");
        foreach (var port in response.Ports)
        {
            table.Add(
                port.Name,
                port.MacAddr.ToString(),
                Show(port.Ip4Addr),
                Show(port.EphemeralIp4Addr),
                Show(port.FloatingIp4Addrs),
                Show(port.Ip6Addr),
                Show(port.EphemeralIp6Addr),
                Show(port.FloatingIp6Addrs),
                port.State);
        }

        table.WriteTo(output);
    }

    /// <summary><c>list-layers</c>: layers in outbound order.</summary>
    public static void ListLayers(TextWriter output, ListLayersReq request, ListLayersResp response)
    {
        var table = new TextTable("NAME", "RULES-IN", "RULES-OUT", "DEF-IN", "DEF-OUT", "FLOWS");
        foreach (var layer in response.Layers)
        {
            table.Add(layer.Name, Num(layer.RulesIn), Num(layer.RulesOut), layer.DefaultIn, layer.DefaultOut, Num(layer.Flows));
        }

        table.WriteTo(output);
    }

    /// <summary><c>dump-layer</c>: the layer's LFTs, then its rule tables with hit counts and the default actions.</summary>
    public static void DumpLayer(TextWriter output, DumpLayerReq request, DumpLayerResp response)
    {
        output.WriteLine($"Layer {response.Name}");
        output.WriteLine(DoubleRule);
        Section(output, "Inbound Flows");
        Flows(output, response.FtIn, "ACTION");
        output.WriteLine();
        Section(output, "Outbound Flows");
        Flows(output, response.FtOut, "ACTION");
        output.WriteLine();
        Section(output, "Inbound Rules");
        Rules(output, response.RulesIn, response.DefaultIn, response.DefaultInHits);
        output.WriteLine();
        Section(output, "Outbound Rules");
        Rules(output, response.RulesOut, response.DefaultOut, response.DefaultOutHits);
    }

    /// <summary><c>dump-uft</c>: "UFT Inbound: n/limit", its flows, then the same for outbound.</summary>
    public static void DumpUft(TextWriter output, DumpUftReq request, DumpUftResp response)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UFT Inbound: {response.InCount}/{response.InLimit}"));
        output.WriteLine(Rule);
        Flows(output, response.InFlows, "XFORMS");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UFT Outbound: {response.OutCount}/{response.OutLimit}"));
        output.WriteLine(Rule);
        Flows(output, response.OutFlows, "XFORMS");
    }

    /// <summary><c>dump-tcp-flows</c>: one row per tracked TCP flow (guest's view), with its state and counters.</summary>
    public static void DumpTcpFlows(TextWriter output, DumpTcpFlowsReq request, DumpTcpFlowsResp response)
    {
        var table = new TextTable("SRC-IP", "SPORT", "DST-IP", "DPORT", "STATE", "HITS", "SEGS-IN", "SEGS-OUT", "BYTES-IN", "BYTES-OUT");
        foreach (var flow in response.Flows)
        {
            var entry = flow.Entry;
            table.Add(
                flow.Flow.Src.ToString(),
                Num(flow.Flow.SrcPort),
                flow.Flow.Dst.ToString(),
                Num(flow.Flow.DstPort),
                StateName(entry.TcpState.State),
                Num(entry.Hits),
                Num(entry.SegsIn),
                Num(entry.SegsOut),
                Num(entry.BytesIn),
                Num(entry.BytesOut));
        }

        table.WriteTo(output);
    }

    /// <summary><c>dump-v2p</c>: per VNI, the IPv4 then IPv6 mappings.</summary>
    public static void DumpV2p(TextWriter output, DumpVirt2PhysReq request, DumpVirt2PhysResp response)
    {
        output.WriteLine("Virtual to Physical Mappings");
        output.WriteLine(Rule);
        foreach (var vpc in response.Mappings)
        {
            output.WriteLine();
            output.WriteLine($"VPC {vpc.Vni}");
            output.WriteLine(Rule);
            output.WriteLine();
            output.WriteLine("IPv4 mappings");
            output.WriteLine(Rule);
            var v4 = new TextTable("VPC-IP", "VPC-MAC", "UNDERLAY-IP");
            foreach (var entry in vpc.Ip4)
            {
                v4.Add(entry.Ip.ToString(), entry.Phys.Ether.ToString(), entry.Phys.Ip.ToString());
            }

            v4.WriteTo(output);
            output.WriteLine();
            output.WriteLine("IPv6 mappings");
            output.WriteLine(Rule);
            var v6 = new TextTable("VPC-IP", "VPC-MAC", "UNDERLAY-IP");
            foreach (var entry in vpc.Ip6)
            {
                v6.Add(entry.Ip.ToString(), entry.Phys.Ether.ToString(), entry.Phys.Ip.ToString());
            }

            v6.WriteTo(output);
        }
    }

    /// <summary><c>dump-v2b</c>: IPv4 then IPv6 prefixes, one row per tunnel endpoint.</summary>
    public static void DumpV2b(TextWriter output, DumpVirt2BoundaryReq request, DumpVirt2BoundaryResp response)
    {
        output.WriteLine("Virtual to Boundary Mappings");
        output.WriteLine(Rule);
        output.WriteLine("IPv4 mappings");
        output.WriteLine(Rule);
        var v4 = new TextTable("PREFIX", "BOUNDARY-IP", "VNI");
        foreach (var entry in response.Mappings.Ip4)
        {
            foreach (var endpoint in entry.Endpoints)
            {
                v4.Add(entry.Prefix.ToString(), endpoint.Ip.ToString(), endpoint.Vni.ToString());
            }
        }

        v4.WriteTo(output);
        output.WriteLine();
        output.WriteLine("IPv6 mappings");
        output.WriteLine(Rule);
        var v6 = new TextTable("PREFIX", "BOUNDARY-IP", "VNI");
        foreach (var entry in response.Mappings.Ip6)
        {
            foreach (var endpoint in entry.Endpoints)
            {
                v6.Add(entry.Prefix.ToString(), endpoint.Ip.ToString(), endpoint.Vni.ToString());
            }
        }

        v6.WriteTo(output);
    }

    /// <summary><c>dump-mcast-fwd</c>: one row per next hop of each underlay group.</summary>
    public static void DumpMcastForwarding(TextWriter output, DumpMcastForwardingReq request, DumpMcastForwardingResp response)
    {
        var table = new TextTable("UNDERLAY", "NEXT-HOP", "VNI", "REPLICATION");
        foreach (var entry in response.Entries)
        {
            foreach (var hop in entry.NextHops)
            {
                table.Add(entry.Underlay.ToString(), hop.NextHop.Addr.ToString(), hop.NextHop.Vni.ToString(), CliValues.Name(hop.Replication));
            }
        }

        table.WriteTo(output);
    }

    /// <summary><c>dump-mcast-subs</c>: the local ports subscribed to each underlay group.</summary>
    public static void DumpMcastSubscriptions(TextWriter output, DumpMcastSubscriptionsReq request, DumpMcastSubscriptionsResp response)
    {
        var table = new TextTable("UNDERLAY", "PORTS");
        foreach (var entry in response.Entries)
        {
            table.Add(entry.Underlay.ToString(), entry.Ports.Count == 0 ? None : string.Join(',', entry.Ports));
        }

        table.WriteTo(output);
    }

    /// <summary><c>dump-m2p</c>: overlay group → underlay group.</summary>
    public static void DumpMcast2Phys(TextWriter output, DumpMcast2PhysReq request, DumpMcast2PhysResp response)
    {
        var table = new TextTable("GROUP", "UNDERLAY");
        foreach (var entry in response.Entries)
        {
            table.Add(entry.Group.ToString(), entry.Underlay.ToString());
        }

        table.WriteTo(output);
    }

    /// <summary><c>stats</c>: the port's counters, each layer's, then the card's.</summary>
    public static void Stats(TextWriter output, StatsReq request, StatsResp response)
    {
        if (response.PortName is { } port)
        {
            output.WriteLine($"Port {port}");
            output.WriteLine(Rule);
            Counters(output, response.Port);
            foreach (var layer in response.Layers)
            {
                output.WriteLine();
                output.WriteLine($"Layer {layer.Layer}");
                output.WriteLine(Rule);
                Counters(output, layer.Counters);
            }

            output.WriteLine();
        }

        output.WriteLine("Card");
        output.WriteLine(Rule);
        Counters(output, response.Card);
    }

    /// <summary><c>export-port-state</c>: what was exported and where the blob went.</summary>
    public static void ExportPortState(TextWriter output, ExportPortStateReq request, ExportPortStateResp response, string file)
    {
        var table = new TextTable("PORT", "FLOWS", "BYTES", "FILE");
        table.Add(response.PortName, Num(response.Flows), Num((ulong)response.State.Count), file);
        table.WriteTo(output);
    }

    /// <summary><c>import-port-state</c>: flows rebuilt, then one row per flow that was not, with the reason.</summary>
    public static void ImportPortState(TextWriter output, ImportPortStateReq request, ImportPortStateResp response)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Port {response.PortName}: {response.Restored} flows restored, {response.Failures.Count} failed"));
        if (response.Failures.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var table = new TextTable("PROTO", "SRC-IP", "SPORT", "DST-IP", "DPORT", "REASON", "MESSAGE");
        foreach (var failure in response.Failures)
        {
            table.Add(ProtocolName(failure.Flow.Protocol), failure.Flow.Src.ToString(), Num(failure.Flow.SrcPort), failure.Flow.Dst.ToString(),
                Num(failure.Flow.DstPort), failure.Reason.ToString(), failure.Message);
        }

        table.WriteTo(output);
    }

    /// <summary><c>info</c>: firmware, API and board versions.</summary>
    public static void Info(TextWriter output, InfoReq request, InfoResp response)
    {
        var table = new TextTable("FIELD", "VALUE");
        table.Add("firmware-version", response.FirmwareVersion);
        table.Add("api-version", Num(response.ApiVersion));
        table.Add("mailbox-abi", string.Create(CultureInfo.InvariantCulture, $"{response.MailboxAbiMajor}.{response.MailboxAbiMinor}"));
        table.Add("board", response.BoardName);
        table.Add("board-revision", response.BoardRevision);
        table.WriteTo(output);
    }

    /// <summary>IP protocol name as OPTE shows it (number for others).</summary>
    public static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "ICMP",
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>TCP state as shown (OPTE's names).</summary>
    public static string StateName(TcpState state) => state switch
    {
        TcpState.Closed => "CLOSED",
        TcpState.Listen => "LISTEN",
        TcpState.SynSent => "SYN_SENT",
        TcpState.SynRcvd => "SYN_RCVD",
        TcpState.Established => "ESTABLISHED",
        TcpState.CloseWait => "CLOSE_WAIT",
        TcpState.LastAck => "LAST_ACK",
        TcpState.FinWait1 => "FIN_WAIT_1",
        TcpState.FinWait2 => "FIN_WAIT_2",
        TcpState.TimeWait => "TIME_WAIT",
        _ => ((byte)state).ToString(CultureInfo.InvariantCulture),
    };

    private static void Section(TextWriter output, string title)
    {
        output.WriteLine(title);
        output.WriteLine(Rule);
    }

    private static void Flows(TextWriter output, OpteNic.Api.ValueArray<FlowEntryDump> flows, string lastColumn)
    {
        var table = new TextTable("PROTO", "SRC-IP", "SPORT", "DST-IP", "DPORT", "HITS", lastColumn);
        foreach (var entry in flows)
        {
            table.Add(
                ProtocolName(entry.Flow.Protocol),
                entry.Flow.Src.ToString(),
                Num(entry.Flow.SrcPort),
                entry.Flow.Dst.ToString(),
                Num(entry.Flow.DstPort),
                Num(entry.Hits),
                entry.Summary);
        }

        table.WriteTo(output);
    }

    /// <summary>Rule rows; a rule with several predicates continues on following rows under PREDICATES.</summary>
    private static void Rules(TextWriter output, OpteNic.Api.ValueArray<RuleTableEntryDump> rules, string defaultAction, ulong defaultHits)
    {
        var table = new TextTable("ID", "PRI", "HITS", "PREDICATES", "ACTION");
        foreach (var entry in rules)
        {
            var predicates = entry.Rule.Predicates.Concat(entry.Rule.DataPredicates).ToList();
            table.Add(Num(entry.Id), Num(entry.Rule.Priority), Num(entry.Hits), predicates.Count == 0 ? "*" : predicates[0], entry.Rule.Action);
            for (var index = 1; index < predicates.Count; index++)
            {
                table.Add(string.Empty, string.Empty, string.Empty, predicates[index], string.Empty);
            }
        }

        table.Add("DEF", "--", Num(defaultHits), "--", defaultAction);
        table.WriteTo(output);
    }

    private static void Counters(TextWriter output, OpteNic.Api.ValueArray<StatCounter> counters)
    {
        var table = new TextTable("COUNTER", "VALUE");
        foreach (var counter in counters)
        {
            table.Add(counter.Name, Num(counter.Value));
        }

        table.WriteTo(output);
    }

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show<T>(T? value)
        where T : struct => value is { } present ? present.ToString() ?? None : None;

    private static string Show<T>(OpteNic.Api.ValueArray<T>? values)
        where T : struct => values is { Count: > 0 } present ? string.Join(',', present) : None;
}
