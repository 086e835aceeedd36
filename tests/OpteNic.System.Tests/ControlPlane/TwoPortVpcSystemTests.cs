using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using OpteNic.Client.Device;
using OpteNic.Client.Frames;
using OpteNic.Client.Queues;
using OpteNic.System.Tests.Infrastructure;
using static OpteNic.System.Tests.ControlPlane.TwoGuestVpc;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// The system test: a simulator process configured into a two-guest VPC entirely by opteadm processes
/// (<see cref="TwoGuestVpc.Configure"/>), traffic pushed through the host queues by the client library, and the result
/// read three ways: the underlay frames in the wire pcap (decoded by the test), the frames at the host RX rings, and
/// opteadm's own dumps and counters, both as aligned tables and as <c>--json</c>. The frames guest A put on the wire
/// are then fed as wire input to a second card configured the same way, where they must reach guest B.
/// </summary>
public sealed class TwoPortVpcSystemTests
{
    private static readonly string[] UftColumns = ["PROTO", "SRC-IP", "SPORT", "DST-IP", "DPORT", "HITS", "XFORMS"];
    private static readonly string[] RuleColumns = ["ID", "PRI", "HITS", "PREDICATES", "ACTION"];
    private static readonly string[] TcpColumns = ["SRC-IP", "SPORT", "DST-IP", "DPORT", "STATE", "HITS", "SEGS-IN", "SEGS-OUT", "BYTES-IN", "BYTES-OUT"];
    private static readonly string[] PortColumns = ["LINK", "MAC", "IPv4", "EPHEMERAL-IPv4", "FLOATING-IPv4", "IPv6", "EPHEMERAL-IPv6", "FLOATING-IPv6", "STATE"];
    private static readonly string[] CounterColumns = ["COUNTER", "VALUE"];

    private static readonly byte[] UdpPayload = "hello B, from A"u8.ToArray();
    private static readonly byte[] PingPayload = "ping the gateway"u8.ToArray();

    [Fact]
    public void Two_guests_configured_by_opteadm_talk_over_geneve_reach_the_internet_by_snat_and_get_gateway_hairpins()
    {
        using var temp = new TempDirectory("opte-nic-vpc");
        var wireOut = temp.File("wire-out.pcap");
        List<byte[]> guestA =
        [
            GuestFrames.Udp(GatewayMac, MacA, IpA, IpB, 5000, 7777, UdpPayload),
            GuestFrames.TcpSyn(GatewayMac, MacA, IpA, IpB, 40000, 80, sequence: 1_000_000),
            GuestFrames.Udp(GatewayMac, MacA, IpA, IPAddress.Parse("8.8.8.8"), 5353, 53, "dns?"u8),
            GuestFrames.Udp(GatewayMac, MacA, IpA, IPAddress.Parse("1.1.1.1"), 5354, 53, "dns!"u8),
            GuestFrames.ArpRequest(MacA, IpA, Gateway),
            GuestFrames.IcmpEchoRequest(GatewayMac, MacA, IpA, Gateway, identifier: 0x4242, sequence: 7, PingPayload),
        ];

        List<byte[]> onWire;
        using (var simulator = SimulatorProcess.Start(temp.File("card-a"), "--wire-out", wireOut))
        {
            var opteadm = new OpteAdmSession(simulator.StateDirectory);
            Configure(opteadm);
            CheckListPorts(opteadm);
            CheckV2b(opteadm);
            var before = opteadm.Json("stats", "-p", PortA);

            // Guest A's frames on host queue pair 0; the gateway's hairpins come back on the same pair's RX ring.
            List<byte[]> hairpins;
            using (var device = OpteDevice.Open(simulator.StateDirectory))
            using (var pair = device.OpenQueuePair(0))
            {
                var report = FramePump.Send(new FrameList(guestA), pair.Tx, TimeSpan.FromSeconds(10));
                Assert.True(report.CompletedOk == guestA.Count && !report.Stalled, $"{report}\n{simulator.Log}");
                var received = new FrameList();
                FramePump.Receive([pair.Rx], received, new ReceiveStop { MaxFrames = 2, Timeout = TimeSpan.FromSeconds(10) });
                hairpins = [.. received.Frames];
            }

            // TCP state first: a SYN_SENT flow expires 5 s after the SYN.
            CheckTcpFlowAfterSyn(opteadm);
            CheckHairpins(hairpins);
            onWire = PcapFile.WaitForFrames(wireOut, 4);
            CheckUnderlayFrames(guestA, onWire);
            CheckUft(opteadm);
            CheckRouterAndFirewallLayers(opteadm);
            CheckStats(opteadm, before);
            Assert.Equal(0, simulator.Terminate());
        }

        // What A's sled put on the wire arrives at B's sled: a second card, configured the same way, reads it as input.
        var wireIn = temp.File("wire-in.pcap");
        PcapFile.Write(wireIn, onWire);
        using (var simulator = SimulatorProcess.Start(temp.File("card-b"), "--wire-in", wireIn, "--wire-out", temp.File("card-b-out.pcap")))
        {
            var opteadm = new OpteAdmSession(simulator.StateDirectory);
            Configure(opteadm);

            // Wire frames wait in the card's FIFOs until a host RX ring is enabled: open every queue pair's RX ring,
            // since RSS spread the frames over all of them when they arrived.
            using var device = OpteDevice.Open(simulator.StateDirectory);
            var queues = Enumerable.Range(0, device.ReadIdentity().HostQueuePairs)
                .Select(q => device.OpenQueuePair(q, new QueuePairOptions { Directions = QueueDirections.Receive }))
                .ToList();
            var atGuestB = new FrameList();
            try
            {
                FramePump.Receive([.. queues.Select(q => q.Rx)], atGuestB, new ReceiveStop { MaxFrames = 2, Timeout = TimeSpan.FromSeconds(10) });
            }
            finally
            {
                queues.ForEach(q => q.Dispose());
            }

            CheckInboundAtGuestB(opteadm, guestA, atGuestB.Frames);
            Assert.Equal(0, simulator.Terminate());
        }
    }

    private static void CheckListPorts(OpteAdmSession opteadm)
    {
        var table = AlignedTable.Read(opteadm.Ok("list-ports"), PortColumns);
        Assert.Equal([PortA, PortB], table.Select(r => r["LINK"]));
        Assert.Equal([MacAText, IpA.ToString(), "None", "None", "None", "running"],
            new[] { "MAC", "IPv4", "EPHEMERAL-IPv4", "IPv6", "FLOATING-IPv6", "STATE" }.Select(c => table[0][c]));
        Assert.Equal(MacBText, table[1]["MAC"]);
        Assert.Equal(IpB.ToString(), table[1]["IPv4"]);

        var ports = opteadm.Json("list-ports").GetProperty("ports").EnumerateArray().ToList();
        Assert.Equal(2, ports.Count);
        Assert.Equal(PortA, ports[0].GetProperty("name").GetString());
        Assert.Equal(MacAText, ports[0].GetProperty("mac_addr").GetString());
        Assert.Equal(IpA.ToString(), ports[0].GetProperty("ip4_addr").GetString());
        Assert.Equal(JsonValueKind.Null, ports[0].GetProperty("ip6_addr").ValueKind);
        Assert.Equal(JsonValueKind.Null, ports[0].GetProperty("ephemeral_ip4_addr").ValueKind);
        Assert.Equal("running", ports[0].GetProperty("state").GetString());
        Assert.Equal(PortB, ports[1].GetProperty("name").GetString());
    }

    private static void CheckV2b(OpteAdmSession opteadm)
    {
        var rows = AlignedTable.Read(opteadm.Ok("dump-v2b"), ["PREFIX", "BOUNDARY-IP", "VNI"], after: "IPv4 mappings");
        Assert.Equal(
            [("0.0.0.0/0", DefaultBoundary1, "99"), ("0.0.0.0/0", DefaultBoundary2, "99"), ("8.8.8.0/24", DnsBoundary, "4321")],
            rows.Select(r => (r["PREFIX"], r["BOUNDARY-IP"], r["VNI"])).Order());
        var ip4 = opteadm.Json("dump-v2b").GetProperty("ip4").EnumerateArray()
            .SelectMany(p => p.GetProperty("endpoints").EnumerateArray().Select(e => (p.GetProperty("prefix").GetString(), e.GetProperty("ip").GetString(), e.GetProperty("vni").GetUInt32())))
            .Order()
            .ToList();
        Assert.Equal([("0.0.0.0/0", DefaultBoundary1, 99u), ("0.0.0.0/0", DefaultBoundary2, 99u), ("8.8.8.0/24", DnsBoundary, 4321u)], ip4);
    }

    private static void CheckTcpFlowAfterSyn(OpteAdmSession opteadm)
    {
        var row = Assert.Single(AlignedTable.Read(opteadm.Ok("dump-tcp-flows", "-p", PortA), TcpColumns));
        Assert.Equal([IpA.ToString(), "40000", IpB.ToString(), "80", "SYN_SENT", "0", "1"],
            new[] { "SRC-IP", "SPORT", "DST-IP", "DPORT", "STATE", "SEGS-IN", "SEGS-OUT" }.Select(c => row[c]));

        var flow = Assert.Single(opteadm.Json("dump-tcp-flows", "-p", PortA).GetProperty("flows").EnumerateArray().ToList());
        AssertFlowId(flow.GetProperty("flow"), 6, IpA, 40000, IpB, 80);
        Assert.Equal("SYN_SENT", flow.GetProperty("tcp_state").GetProperty("state").GetString());
        Assert.Equal(1_000_000u, flow.GetProperty("tcp_state").GetProperty("guest_seq").GetUInt32());
        Assert.Equal(1, flow.GetProperty("segs_out").GetInt32());
        Assert.Equal(0, flow.GetProperty("segs_in").GetInt32());
    }

    private static void CheckHairpins(List<byte[]> hairpins)
    {
        Assert.Equal(2, hairpins.Count);
        var arp = Assert.Single(hairpins, f => BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(12)) == GuestFrames.EtherTypeArp);
        Assert.Equal(MacA, arp[..6]);
        Assert.Equal(GatewayMac, arp[6..12]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(arp.AsSpan(20)));          // reply
        Assert.Equal(GatewayMac, arp[22..28]);                                             // sender: the gateway
        Assert.Equal(Gateway.GetAddressBytes(), arp[28..32]);
        Assert.Equal(MacA, arp[32..38]);                                                   // target: guest A
        Assert.Equal(IpA.GetAddressBytes(), arp[38..42]);

        var echo = Assert.Single(hairpins, f => BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(12)) == GuestFrames.EtherTypeIpv4);
        Assert.Equal(MacA, echo[..6]);
        Assert.Equal(GatewayMac, echo[6..12]);
        var ip = GuestFrames.Ipv4Packet(echo);
        Assert.Equal(0, GuestFrames.InternetChecksum(ip[..20]));
        Assert.Equal(1, ip[9]);
        Assert.Equal(Gateway.GetAddressBytes(), ip[12..16].ToArray());
        Assert.Equal(IpA.GetAddressBytes(), ip[16..20].ToArray());
        var icmp = ip[20..];
        Assert.Equal(0, icmp[0]);                                                          // echo reply
        Assert.Equal(0x4242, BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]));
        Assert.Equal(PingPayload, icmp[8..].ToArray());
        Assert.Equal(0, GuestFrames.InternetChecksum(icmp));
    }

    private static void CheckUnderlayFrames(List<byte[]> guestA, List<byte[]> onWire)
    {
        Assert.Equal(4, onWire.Count); // ARP and ping were answered by the gateway, not sent
        var frames = onWire.Select(UnderlayFrame.Parse).ToList();
        foreach (var frame in frames)
        {
            Assert.Equal(CardUnderlayMac, frame.OuterSourceMac);
            Assert.Equal(UnderlayNextHopMac, frame.OuterDestinationMac);
            Assert.Equal(IPAddress.Parse(UnderlayA), frame.OuterSource);
            Assert.Equal(0, frame.UdpChecksum);
            Assert.Equal(0x6558, frame.GeneveProtocol);
            Assert.True(frame.HopLimit > 0);
            Assert.Equal(GuestFrames.EtherTypeIpv4, BinaryPrimitives.ReadUInt16BigEndian(frame.Inner.AsSpan(12)));
        }

        // Guest to guest: to B's sled on the VPC's VNI, inner destination MAC from V2P, the IPv4 packet untouched.
        var (udp, syn) = (frames[0], frames[1]);
        foreach (var (frame, sent) in new[] { (udp, guestA[0]), (syn, guestA[1]) })
        {
            Assert.Equal(IPAddress.Parse(UnderlayB), frame.OuterDestination);
            Assert.Equal(Vni, frame.Vni);
            Assert.Equal(MacBText, frame.InnerDestinationMac);
            Assert.Equal(MacAText, frame.InnerSourceMac);
            Assert.True(GuestFrames.Ipv4Packet(sent).SequenceEqual(GuestFrames.Ipv4Packet(frame.Inner)), "the inner IPv4 packet changed on the way to B");
        }

        // TCP carries Oxide's MSS option (class 0x0129, type 2); UDP carries no options.
        Assert.Contains(syn.Options, o => o is { Class: UnderlayFrame.OxideOptionClass, Type: 2, Body.Length: 4 });
        Assert.Empty(udp.Options);

        // To the internet: SNAT'ed (highest free port of 3000–3009 first), to the boundary endpoint V2B chose by
        // longest prefix, with that endpoint's VNI and the boundary MAC; checksums rebuilt for the new source.
        var (dns8, dns1) = (frames[2], frames[3]);
        CheckSnat(dns8, IPAddress.Parse("8.8.8.8"), SnatEnd, "dns?"u8);
        Assert.Equal(IPAddress.Parse(DnsBoundary), dns8.OuterDestination);
        Assert.Equal(DnsBoundaryVni, dns8.Vni);
        CheckSnat(dns1, IPAddress.Parse("1.1.1.1"), SnatEnd - 1, "dns!"u8);
        Assert.Contains(dns1.OuterDestination, new[] { IPAddress.Parse(DefaultBoundary1), IPAddress.Parse(DefaultBoundary2) });
        Assert.Equal(DefaultBoundaryVni, dns1.Vni);
    }

    private static void CheckSnat(UnderlayFrame frame, IPAddress destination, int sourcePort, ReadOnlySpan<byte> payload)
    {
        Assert.Equal(BoundaryMacText, frame.InnerDestinationMac);
        var ip = GuestFrames.Ipv4Packet(frame.Inner);
        Assert.Equal(0, GuestFrames.InternetChecksum(ip[..20]));
        Assert.Equal(IPAddress.Parse(SnatIp), new IPAddress(ip[12..16]));
        Assert.Equal(destination, new IPAddress(ip[16..20]));
        var udp = ip[20..];
        Assert.Equal(sourcePort, BinaryPrimitives.ReadUInt16BigEndian(udp));
        Assert.Equal(53, BinaryPrimitives.ReadUInt16BigEndian(udp[2..]));
        Assert.Equal(0, GuestFrames.TransportChecksum(IPAddress.Parse(SnatIp), destination, 17, udp));
        Assert.True(udp[8..].SequenceEqual(payload));
    }

    private static void CheckUft(OpteAdmSession opteadm)
    {
        var text = opteadm.Ok("dump-uft", "-p", PortA);
        Assert.Contains("UFT Inbound: 0/8192", text);
        Assert.Contains("UFT Outbound: 4/8192", text);
        Assert.Empty(AlignedTable.Read(text, UftColumns, after: "UFT Inbound: 0/8192"));
        var outbound = AlignedTable.Read(text, UftColumns, after: "UFT Outbound: 4/8192");
        Assert.Equal(
            [("TCP", IpA.ToString(), "40000", IpB.ToString(), "80"), ("UDP", IpA.ToString(), "5000", IpB.ToString(), "7777"),
             ("UDP", IpA.ToString(), "5353", "8.8.8.8", "53"), ("UDP", IpA.ToString(), "5354", "1.1.1.1", "53")],
            outbound.Select(r => (r["PROTO"], r["SRC-IP"], r["SPORT"], r["DST-IP"], r["DPORT"])).Order());
        Assert.All(outbound, r => Assert.NotEmpty(r["XFORMS"]));

        var json = opteadm.Json("dump-uft", "-p", PortA);
        Assert.Equal(PortA, json.GetProperty("port").GetString());
        Assert.Equal(8192, json.GetProperty("out_limit").GetInt32());
        Assert.Equal(4, json.GetProperty("out_count").GetInt32());
        Assert.Equal(0, json.GetProperty("in_count").GetInt32());
        Assert.Empty(json.GetProperty("in_flows").EnumerateArray());
        var flows = json.GetProperty("out_flows").EnumerateArray().ToList();
        Assert.Equal(4, flows.Count);
        var toB = Assert.Single(flows, f => f.GetProperty("flow").GetProperty("src_port").GetInt32() == 5000);
        AssertFlowId(toB.GetProperty("flow"), 17, IpA, 5000, IpB, 7777);
        Assert.Equal(0, toB.GetProperty("hits").GetInt32()); // the first packet was the miss that made the entry
        Assert.False(string.IsNullOrEmpty(toB.GetProperty("summary").GetString()));
    }

    private static void CheckRouterAndFirewallLayers(OpteAdmSession opteadm)
    {
        // Router: longest prefix first, priority ((32 - len) << 1 | system) + 10; two flows took each route.
        var router = AlignedTable.Read(opteadm.Ok("dump-layer", "-p", PortA, "router"), RuleColumns, after: "Outbound Rules");
        var subnet = Assert.Single(router, r => r["PREDICATES"] == $"InnerDstIp={Subnet}");
        Assert.Equal(("31", "2"), (subnet["PRI"], subnet["HITS"]));
        Assert.Contains($"router-target=sub4={Subnet}", subnet["ACTION"]);
        var internet = Assert.Single(router, r => r["PREDICATES"] == "InnerDstIp=0.0.0.0/0");
        Assert.Equal(("75", "2"), (internet["PRI"], internet["HITS"]));
        Assert.Contains("router-target=ig", internet["ACTION"]);
        Assert.Equal(("--", "Deny"), (router[^1]["PRI"], router[^1]["ACTION"]));
        Assert.Equal("DEF", router[^1]["ID"]);

        var json = opteadm.Json("dump-layer", "-p", PortA, "router");
        Assert.Equal("router", json.GetProperty("name").GetString());
        Assert.Equal("Deny", json.GetProperty("default_out").GetString());
        var rules = json.GetProperty("rules_out").EnumerateArray().ToList();
        var subnetRule = Assert.Single(rules, r => r.GetProperty("priority").GetInt32() == 31);
        Assert.Equal(2, subnetRule.GetProperty("hits").GetInt32());
        Assert.Equal([$"InnerDstIp={Subnet}"], subnetRule.GetProperty("predicates").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(ulong.Parse(subnet["ID"], global::System.Globalization.CultureInfo.InvariantCulture), subnetRule.GetProperty("id").GetUInt64());

        // Firewall: the rules set-fw-rules read from standard input, with hits. Four flows left A by the out rule.
        var firewall = opteadm.Ok("dump-layer", "-p", PortA, "firewall");
        var inbound = AlignedTable.Read(firewall, RuleColumns, after: "Inbound Rules");
        Assert.Equal(["10", "20", "--"], inbound.Where(r => r["ID"].Length > 0).Select(r => r["PRI"]));
        var outbound = AlignedTable.Read(firewall, RuleColumns, after: "Outbound Rules");
        var allowOut = Assert.Single(outbound, r => r["PRI"] == "65535");
        Assert.Equal("4", allowOut["HITS"]);
        var firewallJson = opteadm.Json("dump-layer", "-p", PortA, "firewall");
        Assert.Equal([10, 20], firewallJson.GetProperty("rules_in").EnumerateArray().Select(r => r.GetProperty("priority").GetInt32()));
        Assert.Equal("Deny", firewallJson.GetProperty("default_in").GetString());
        Assert.Equal(4, firewallJson.GetProperty("ft_out").GetArrayLength()); // stateful allow: one LFT entry per flow
    }

    private static void CheckStats(OpteAdmSession opteadm, JsonElement before)
    {
        var after = opteadm.Json("stats", "-p", PortA);
        Assert.Equal(PortA, after.GetProperty("port_name").GetString());
        long Delta(string section, string name) => Counter(after, section, name) - Counter(before, section, name);

        // Six frames from A: four flows modified (encapsulated), ARP and ping hairpinned, nothing dropped.
        Assert.Equal(4, Delta("port", "out_modified"));
        Assert.Equal(2, Delta("port", "out_hairpin"));
        Assert.Equal(0, Delta("port", "out_drop"));
        Assert.Equal(1, Delta("port", "hairpin_reply_arp"));
        Assert.Equal(1, Delta("port", "hairpin_reply_icmp_echo_v4"));
        Assert.Equal(4, Counter(after, "port", "out_uft_flows"));
        Assert.Equal(1, Counter(after, "port", "tcp_flows"));
        Assert.Equal(6, Delta("card", "frames_to_ports"));
        Assert.Equal(0, Delta("card", "demux_drop_outbound_no_port"));
        Assert.Equal(2, Counter(after, "card", "ports"));
        Assert.Equal(2, Counter(after, "card", "v2p_entries"));
        Assert.Equal(4, after.GetProperty("layers").GetProperty("firewall").GetProperty("out_rule_match").GetInt64()
                        - before.GetProperty("layers").GetProperty("firewall").GetProperty("out_rule_match").GetInt64());
        Assert.Equal(["gateway", "firewall", "router", "nat", "overlay"], after.GetProperty("layers").EnumerateObject().Select(p => p.Name));

        // The table shows the same numbers.
        var text = opteadm.Ok("stats", "-p", PortA);
        var port = AlignedTable.Read(text, CounterColumns, after: $"Port {PortA}").ToDictionary(r => r["COUNTER"], r => r["VALUE"]);
        Assert.Equal(Counter(after, "port", "out_hairpin").ToString(global::System.Globalization.CultureInfo.InvariantCulture), port["out_hairpin"]);
        Assert.Equal(Counter(after, "port", "hairpin_reply_arp").ToString(global::System.Globalization.CultureInfo.InvariantCulture), port["hairpin_reply_arp"]);
        var card = AlignedTable.Read(text, CounterColumns, after: "Card").ToDictionary(r => r["COUNTER"], r => r["VALUE"]);
        Assert.Equal("2", card["ports"]);
        var nat = AlignedTable.Read(text, CounterColumns, after: "Layer nat").ToDictionary(r => r["COUNTER"], r => r["VALUE"]);
        Assert.Equal(after.GetProperty("layers").GetProperty("nat").GetProperty("out_rule_match").GetInt64().ToString(global::System.Globalization.CultureInfo.InvariantCulture), nat["out_rule_match"]);
    }

    private static void CheckInboundAtGuestB(OpteAdmSession opteadm, List<byte[]> guestA, IReadOnlyList<byte[]> atGuestB)
    {
        // TCP first: a LISTEN flow expires 5 s after the SYN arrived.
        var tcp = Assert.Single(opteadm.Json("dump-tcp-flows", "-p", PortB).GetProperty("flows").EnumerateArray().ToList());
        AssertFlowId(tcp.GetProperty("flow"), 6, IpB, 80, IpA, 40000);
        Assert.Equal("LISTEN", tcp.GetProperty("tcp_state").GetProperty("state").GetString());
        Assert.Equal(1, tcp.GetProperty("segs_in").GetInt32());

        // The two VPC frames reach B: decapsulated, source MAC rewritten to the gateway's, the IPv4 packet as A sent it.
        Assert.Equal(2, atGuestB.Count);
        foreach (var sent in guestA.Take(2))
        {
            var frame = Assert.Single(atGuestB, f => GuestFrames.Ipv4Packet(f).SequenceEqual(GuestFrames.Ipv4Packet(sent)));
            Assert.Equal(MacB, frame[..6]);
            Assert.Equal(GatewayMac, frame[6..12]);
        }

        // The internet-bound frames name no port here (boundary VNI and MAC): counted, not delivered.
        var stats = opteadm.Json("stats", "-p", PortB);
        Assert.Equal(2, Counter(stats, "card", "demux_drop_inbound_no_port"));
        Assert.Equal(2, Counter(stats, "port", "in_modified"));
        Assert.Equal(0, Counter(stats, "port", "in_drop"));
        Assert.Equal(2, stats.GetProperty("layers").GetProperty("overlay").GetProperty("in_rule_match").GetInt64());

        var uft = opteadm.Json("dump-uft", "-p", PortB);
        Assert.Equal(2, uft.GetProperty("in_count").GetInt32());
        var udp = Assert.Single(uft.GetProperty("in_flows").EnumerateArray().ToList(), f => f.GetProperty("flow").GetProperty("proto").GetInt32() == 17);
        AssertFlowId(udp.GetProperty("flow"), 17, IpA, 5000, IpB, 7777);
        var firewall = AlignedTable.Read(opteadm.Ok("dump-layer", "-p", PortB, "firewall"), RuleColumns, after: "Inbound Rules");
        Assert.Equal("2", Assert.Single(firewall, r => r["PRI"] == "10")["HITS"]);
    }

    private static long Counter(JsonElement stats, string section, string name)
    {
        Assert.True(stats.GetProperty(section).TryGetProperty(name, out var value), $"stats --json has no {section}.{name}: {stats.GetProperty(section)}");
        return value.GetInt64();
    }

    private static void AssertFlowId(JsonElement flow, int protocol, IPAddress source, int sourcePort, IPAddress destination, int destinationPort)
    {
        Assert.Equal(protocol, flow.GetProperty("proto").GetInt32());
        Assert.Equal(source.ToString(), flow.GetProperty("src_ip").GetString());
        Assert.Equal(sourcePort, flow.GetProperty("src_port").GetInt32());
        Assert.Equal(destination.ToString(), flow.GetProperty("dst_ip").GetString());
        Assert.Equal(destinationPort, flow.GetProperty("dst_port").GetInt32());
    }
}
