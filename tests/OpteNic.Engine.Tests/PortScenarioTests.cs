using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>Whole flows through the five-layer sample port, asserting every counter delta after every packet.</summary>
public sealed class PortScenarioTests
{
    private static readonly Moment T0 = Moment.FromSeconds(100);

    private readonly SampleNetwork _net = new();
    private readonly PacketBuffer _buffer = new(2048);

    private Port Port => _net.Port;

    [Fact]
    public void Tcp_connection_outbound_to_internet_full_lifecycle()
    {
        var counters = new CounterAssert(Port);

        // 1. Guest SYN: every layer walked, SNAT pair + firewall pair made, UFT out entry, TCP SynSent.
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 40000, 443, TcpFlags.Syn, seq: 100);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0).Outcome);
        counters.Deltas("guest SYN",
            ("out_uft_miss", 1), ("out_modified", 1), ("out_uft_flows", 1), ("tcp_flows", 1),
            ("layer.gateway.out_lft_miss", 1), ("layer.gateway.out_rule_match", 1),
            ("layer.firewall.out_lft_miss", 1), ("layer.firewall.out_rule_nomatch", 1), ("layer.firewall.out_default_hits", 1), ("layer.firewall.flows", 1),
            ("layer.router.out_lft_miss", 1), ("layer.router.out_rule_match", 1),
            ("layer.nat.out_lft_miss", 1), ("layer.nat.out_rule_match", 1), ("layer.nat.flows", 1),
            ("layer.overlay.out_lft_miss", 1), ("layer.overlay.out_rule_match", 1));
        ParsedPacket wire = ParseWire();
        Assert.Equal(UnderlayLocal, wire.OuterIpSrc);
        Assert.Equal(UnderlayRemote, wire.OuterIpDst);
        Assert.Equal(Vni, wire.GeneveVni);
        Assert.Equal(ExternalIp, wire.SrcIp);
        Assert.Equal((ushort)65535, wire.SrcPort);
        Assert.Equal(RemoteIp, wire.DstIp);
        Assert.Equal(GatewayMac, wire.EtherDst);
        Assert.True(Checksums.InnerIsValid(_buffer.Frame, wire), "inner checksums after SNAT + encap");
        Assert.Equal("SynSent", PortDumps.DumpTcpFlows(Port).Flows.Single().State);

        // 2. Remote SYN+ACK (encapsulated): decap, reverse SNAT from the LFT, firewall LFT hit, gateway rewrite.
        InboundTcp(TcpFlags.Syn | TcpFlags.Ack, seq: 5000, ack: 101);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Inbound, _buffer, T0.AddSeconds(0.01)).Outcome);
        counters.Deltas("remote SYN+ACK",
            ("in_uft_miss", 1), ("in_modified", 1), ("in_uft_flows", 1),
            ("layer.overlay.in_lft_miss", 1), ("layer.overlay.in_rule_match", 1),
            ("layer.nat.in_lft_hit", 1),
            ("layer.router.in_lft_miss", 1), ("layer.router.in_rule_nomatch", 1), ("layer.router.in_default_hits", 1),
            ("layer.firewall.in_lft_hit", 1),
            ("layer.gateway.in_lft_miss", 1), ("layer.gateway.in_rule_match", 1));
        ParsedPacket guestView = ParseGuest();
        Assert.False(guestView.IsEncapsulated);
        Assert.Equal(GuestIp, guestView.DstIp);
        Assert.Equal((ushort)40000, guestView.DstPort);
        Assert.Equal(GatewayMac, guestView.EtherSrc);
        Assert.True(Checksums.InnerIsValid(_buffer.Frame, guestView), "inner checksums after decap + reverse SNAT");
        Assert.Equal("Established", PortDumps.DumpTcpFlows(Port).Flows.Single().State);

        // 3. Guest ACK and data: fast path both ways.
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 40000, 443, TcpFlags.Ack, seq: 101, ack: 5001, payload: 100);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(0.02)).Outcome);
        counters.Deltas("guest data", ("out_uft_hit", 1), ("out_modified", 1));
        Assert.True(Checksums.InnerIsValid(_buffer.Frame, ParseWire()), "compiled path checksums");

        InboundTcp(TcpFlags.Ack, seq: 5001, ack: 201, payload: 10);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Inbound, _buffer, T0.AddSeconds(0.03)).Outcome);
        counters.Deltas("remote data", ("in_uft_hit", 1), ("in_modified", 1));

        // 4. Passive close from the remote: FIN → CloseWait, guest FIN → LastAck, remote ACK → Closed (entry + UFT pair gone).
        InboundTcp(TcpFlags.Fin | TcpFlags.Ack, seq: 5011, ack: 201);
        Port.Process(Direction.Inbound, _buffer, T0.AddSeconds(1));
        counters.Deltas("remote FIN", ("in_uft_hit", 1), ("in_modified", 1));
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 40000, 443, TcpFlags.Fin | TcpFlags.Ack, seq: 201, ack: 5012);
        Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(1.1));
        counters.Deltas("guest FIN", ("out_uft_hit", 1), ("out_modified", 1));
        Assert.Equal("LastAck", PortDumps.DumpTcpFlows(Port).Flows.Single().State);
        InboundTcp(TcpFlags.Ack, seq: 5012, ack: 202);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Inbound, _buffer, T0.AddSeconds(1.2)).Outcome);
        counters.Deltas("remote last ACK",
            ("in_uft_hit", 1), ("in_modified", 1), ("tcp_flows", -1), ("in_uft_flows", -1), ("out_uft_flows", -1));

        // 5. LFT pairs outlive the connection until their TTL; then the SNAT port goes back to the pool.
        int freeBefore = _net.Snat.FreePorts;
        Port.ExpireFlows(T0.AddSeconds(1.2 + 59.9));
        counters.Deltas("expiry before TTL");
        Port.ExpireFlows(T0.AddSeconds(1.2 + 60));
        counters.Deltas("expiry at TTL", ("layer.firewall.flows", -1), ("layer.nat.flows", -1));
        Assert.Equal(freeBefore + 1, _net.Snat.FreePorts);
    }

    [Fact]
    public void Inbound_to_closed_port_is_denied_by_firewall_default_and_leaves_no_flow()
    {
        var counters = new CounterAssert(Port);
        InboundTcpTo(GuestIp, 8080, TcpFlags.Syn);
        ProcessResult result = Port.Process(Direction.Inbound, _buffer, T0);
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal(DropReason.Layer, result.DropReason);
        Assert.Equal("firewall", result.LayerName);
        Assert.Equal(DenyReason.Default, result.DenyReason);
        counters.Deltas("inbound SYN to 8080",
            ("in_uft_miss", 1), ("in_drop", 1), ("in_drop_layer", 1),
            ("layer.overlay.in_lft_miss", 1), ("layer.overlay.in_rule_match", 1),
            ("layer.nat.in_lft_miss", 1), ("layer.nat.in_rule_nomatch", 1), ("layer.nat.in_default_hits", 1),
            ("layer.router.in_lft_miss", 1), ("layer.router.in_rule_nomatch", 1), ("layer.router.in_default_hits", 1),
            ("layer.firewall.in_lft_miss", 1), ("layer.firewall.in_rule_nomatch", 1), ("layer.firewall.in_default_hits", 1),
            ("layer.firewall.in_deny", 1));
    }

    [Fact]
    public void Inbound_ssh_is_allowed_statefully_and_the_guest_reply_hits_the_lft()
    {
        var counters = new CounterAssert(Port);
        InboundTcpTo(GuestIp, 22, TcpFlags.Syn);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Inbound, _buffer, T0).Outcome);
        counters.Deltas("inbound SYN to 22",
            ("in_uft_miss", 1), ("in_modified", 1), ("in_uft_flows", 1), ("tcp_flows", 1),
            ("layer.overlay.in_lft_miss", 1), ("layer.overlay.in_rule_match", 1),
            ("layer.nat.in_lft_miss", 1), ("layer.nat.in_rule_nomatch", 1), ("layer.nat.in_default_hits", 1),
            ("layer.router.in_lft_miss", 1), ("layer.router.in_rule_nomatch", 1), ("layer.router.in_default_hits", 1),
            ("layer.firewall.in_lft_miss", 1), ("layer.firewall.in_rule_match", 1), ("layer.firewall.flows", 1),
            ("layer.gateway.in_lft_miss", 1), ("layer.gateway.in_rule_match", 1));
        Assert.Equal("Listen", PortDumps.DumpTcpFlows(Port).Flows.Single().State);

        // The guest answers from 22 to the peer: the router tags it "ig", so SNAT would apply — but the firewall pair
        // already exists, and SNAT makes its own pair. The TCP entry moves to SynRcvd.
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 22, 50000, TcpFlags.Syn | TcpFlags.Ack, seq: 9, ack: 1001);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(0.1)).Outcome);
        counters.Deltas("guest SYN+ACK",
            ("out_uft_miss", 1), ("out_modified", 1), ("out_uft_flows", 1),
            ("layer.gateway.out_lft_miss", 1), ("layer.gateway.out_rule_match", 1),
            ("layer.firewall.out_lft_hit", 1),
            ("layer.router.out_lft_miss", 1), ("layer.router.out_rule_match", 1),
            ("layer.nat.out_lft_miss", 1), ("layer.nat.out_rule_match", 1), ("layer.nat.flows", 1),
            ("layer.overlay.out_lft_miss", 1), ("layer.overlay.out_rule_match", 1));
        Assert.Equal("SynRcvd", PortDumps.DumpTcpFlows(Port).Flows.Single().State);
    }

    [Fact]
    public void Arp_request_for_gateway_is_hairpinned_and_creates_no_flow()
    {
        var counters = new CounterAssert(Port);
        Frames.ArpRequest(_buffer, GuestMac, GuestIp, GatewayIp);
        Assert.Equal(ProcessOutcome.Hairpin, Port.Process(Direction.Outbound, _buffer, T0).Outcome);
        counters.Deltas("ARP", ("out_hairpin", 1), ("layer.gateway.out_rule_match", 1));
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Outbound, out ParsedPacket reply, out _));
        Assert.True(reply.IsArp);
        Assert.Equal(ArpOperation.Reply, reply.ArpOperation);
        Assert.Equal(GatewayMac, reply.ArpSenderMac);
        Assert.Equal(GatewayIp, reply.ArpSenderIp);
        Assert.Equal(GuestMac, reply.EtherDst);
    }

    [Fact]
    public void Spoofed_source_is_denied_by_gateway_default()
    {
        var counters = new CounterAssert(Port);
        Frames.Udp(_buffer, GuestMac, GatewayMac, IpAddr.Parse("10.0.0.99"), RemoteIp, 1000, 53);
        ProcessResult result = Port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal(DropReason.Layer, result.DropReason);
        Assert.Equal("gateway", result.LayerName);
        counters.Deltas("spoofed UDP",
            ("out_uft_miss", 1), ("out_drop", 1), ("out_drop_layer", 1),
            ("layer.gateway.out_lft_miss", 1), ("layer.gateway.out_rule_nomatch", 1), ("layer.gateway.out_default_hits", 1),
            ("layer.gateway.out_deny", 1));
    }

    [Fact]
    public void Later_layer_drop_keeps_earlier_lft_entry()
    {
        // Router denies by default outbound when nothing matches: an IPv6 destination outside ::/0 cannot exist, so
        // remove the router's rules instead and watch the firewall pair survive the router's deny.
        Assert.Equal(PortOperationResult.Ok, Port.SetRules("router", [], []));
        var counters = new CounterAssert(Port);
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 53);
        ProcessResult result = Port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal("router", result.LayerName);
        Assert.Equal(DenyReason.Default, result.DenyReason);
        counters.Deltas("UDP denied by router",
            ("out_uft_miss", 1), ("out_drop", 1), ("out_drop_layer", 1),
            ("layer.gateway.out_lft_miss", 1), ("layer.gateway.out_rule_match", 1),
            ("layer.firewall.out_lft_miss", 1), ("layer.firewall.out_rule_nomatch", 1), ("layer.firewall.out_default_hits", 1), ("layer.firewall.flows", 1),
            ("layer.router.out_lft_miss", 1), ("layer.router.out_rule_nomatch", 1), ("layer.router.out_default_hits", 1), ("layer.router.out_deny", 1));
    }

    [Fact]
    public void Tcp_first_segment_that_is_not_syn_or_ack_is_a_tcp_error()
    {
        var counters = new CounterAssert(Port);
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 40001, 443, TcpFlags.Fin);
        ProcessResult result = Port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal(DropReason.TcpError, result.DropReason);
        counters.Deltas("FIN first", ("out_uft_miss", 1), ("out_drop", 1), ("out_drop_tcp_err", 1));
    }

    [Fact]
    public void Processing_when_not_running_is_bad_state()
    {
        Assert.Equal(PortOperationResult.Ok, Port.Pause());
        var counters = new CounterAssert(Port);
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 53);
        ProcessResult result = Port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal(ProcessOutcome.Error, result.Outcome);
        Assert.Equal(ProcessError.BadState, result.ErrorKind);
        counters.Deltas("paused", ("out_process_err", 1));
        Assert.Equal(PortOperationResult.BadState, Port.AddRule("firewall", Direction.Inbound, Rules.Rule.MatchAny(1, Actions.RuleAction.Deny), out _));
        Assert.NotNull(PortDumps.DumpLayer(Port, "firewall"));
    }

    private void InboundTcp(TcpFlags flags, uint seq, uint ack, int payload = 0)
    {
        Frames.Tcp(_buffer, BoundaryMac, GuestMac, RemoteIp, ExternalIp, 443, 65535, flags, seq, ack, payload);
        Frames.Encapsulate(_buffer, UnderlayRemote, UnderlayLocal, Vni);
    }

    private void InboundTcpTo(IpAddr dst, ushort port, TcpFlags flags)
    {
        Frames.Tcp(_buffer, BoundaryMac, GuestMac, RemoteIp, dst, 50000, port, flags, seq: 1000);
        Frames.Encapsulate(_buffer, UnderlayRemote, UnderlayLocal, Vni);
    }

    private ParsedPacket ParseWire()
    {
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out ParsedPacket parsed, out ParseError error), error.ToString());
        return parsed;
    }

    private ParsedPacket ParseGuest()
    {
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Outbound, out ParsedPacket parsed, out ParseError error), error.ToString());
        return parsed;
    }
}
