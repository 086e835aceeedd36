using OpteNic.Engine.Actions;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>Epoch invalidation, rule ids, hard and soft rule replacement.</summary>
public sealed class EpochAndRuleChangeTests
{
    private static readonly Moment T0 = Moment.FromSeconds(5);
    private readonly SampleNetwork _net = new();
    private readonly PacketBuffer _buffer = new(2048);

    private Port Port => _net.Port;

    [Fact]
    public void Epoch_starts_at_one_and_every_rule_change_bumps_it()
    {
        Port fresh = new PortBuilder("p").AddLayer(new Layers.Layer("a", DefaultAction.Allow, DefaultAction.Allow), LayerPosition.Last).Create();
        Assert.Equal(1UL, fresh.Epoch);
        Assert.Equal(PortOperationResult.Ok, fresh.AddRule("a", Direction.Inbound, Rule.MatchAny(1, RuleAction.Deny), out ulong id));
        Assert.Equal(2UL, fresh.Epoch);
        Assert.Equal(PortOperationResult.Ok, fresh.RemoveRule("a", Direction.Inbound, id));
        Assert.Equal(3UL, fresh.Epoch);
        Assert.Equal(PortOperationResult.RuleNotFound, fresh.RemoveRule("a", Direction.Inbound, id));
        Assert.Equal(3UL, fresh.Epoch);
        Assert.Equal(PortOperationResult.Ok, fresh.SetRules("a", [], []));
        Assert.Equal(PortOperationResult.Ok, fresh.SetRulesSoft("a", [], []));
        Assert.Equal(5UL, fresh.Epoch);
        Assert.Equal(PortOperationResult.LayerNotFound, fresh.AddRule("nope", Direction.Inbound, Rule.MatchAny(1, RuleAction.Deny), out _));
    }

    [Fact]
    public void Rule_ids_are_per_direction_from_zero_and_never_reused()
    {
        Port port = new PortBuilder("p").AddLayer(new Layers.Layer("a", DefaultAction.Allow, DefaultAction.Allow), LayerPosition.Last).Create();
        port.AddRule("a", Direction.Inbound, Rule.MatchAny(1, RuleAction.Allow), out ulong in0);
        port.AddRule("a", Direction.Inbound, Rule.MatchAny(1, RuleAction.Allow), out ulong in1);
        port.AddRule("a", Direction.Outbound, Rule.MatchAny(1, RuleAction.Allow), out ulong out0);
        port.RemoveRule("a", Direction.Inbound, in1);
        port.AddRule("a", Direction.Inbound, Rule.MatchAny(1, RuleAction.Allow), out ulong in2);
        Assert.Equal([0UL, 1UL, 0UL, 2UL], [in0, in1, out0, in2]);
        port.SetRules("a", [Rule.MatchAny(1, RuleAction.Allow)], []);
        Assert.Equal(3UL, port.Layers[0].RulesFor(Direction.Inbound).Single().Id);
    }

    [Fact]
    public void Uft_hit_in_an_old_epoch_drops_both_directions_and_rewalks_keeping_lft()
    {
        OpenUdpFlowBothWays();
        Assert.Equal(1, Port.UftOut.Count);
        Assert.Equal(1, Port.UftIn.Count);
        var counters = new CounterAssert(Port);

        Assert.Equal(PortOperationResult.Ok, Port.AddRule("firewall", Direction.Inbound, new Rule(500, RuleAction.Deny, [Predicate.InnerDstPort(9)]), out _));
        GuestUdp();
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(1)).Outcome);
        counters.Deltas("outbound after add-rule",
            ("epoch", 1), ("layer.firewall.add_rule_called", 1), ("layer.firewall.in_rules", 1),
            ("out_uft_miss", 1), ("out_modified", 1), ("in_uft_flows", -1),
            ("layer.gateway.out_lft_miss", 1), ("layer.gateway.out_rule_match", 1),
            ("layer.firewall.out_lft_hit", 1),
            ("layer.router.out_lft_miss", 1), ("layer.router.out_rule_match", 1),
            ("layer.nat.out_lft_hit", 1),
            ("layer.overlay.out_lft_miss", 1), ("layer.overlay.out_rule_match", 1));
        // The SNAT mapping survived: same external port.
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out ParsedPacket wire, out _));
        Assert.Equal((ushort)65535, wire.SrcPort);
    }

    /// <summary>
    /// UFT entries keep the epoch's low 32 bits: a rule change that wraps them empties both UFTs, so an entry that saw
    /// no packet for 2^32 rule changes cannot look current again. A change that does not wrap leaves entries to die lazily.
    /// </summary>
    [Fact]
    public void A_rule_change_that_wraps_the_epoch_low_word_empties_the_ufts()
    {
        Port.SetEpochForTests(uint.MaxValue - 1);
        OpenUdpFlowBothWays();
        Assert.Equal(1, Port.UftOut.Count);

        Assert.Equal(PortOperationResult.Ok, Port.AddRule("firewall", Direction.Inbound, new Rule(500, RuleAction.Deny, [Predicate.InnerDstPort(9)]), out ulong id));
        Assert.Equal((ulong)uint.MaxValue, Port.Epoch);
        Assert.Equal(1, Port.UftOut.Count);
        Assert.Equal(1, Port.UftIn.Count);

        Assert.Equal(PortOperationResult.Ok, Port.RemoveRule("firewall", Direction.Inbound, id));
        Assert.Equal(1UL << 32, Port.Epoch);
        Assert.Equal(0, Port.UftOut.Count);
        Assert.Equal(0, Port.UftIn.Count);

        // The flow is decided afresh and cached in the new epoch.
        GuestUdp();
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(1)).Outcome);
        Assert.Equal(1, Port.UftOut.Count);
    }

    [Fact]
    public void Hard_set_clears_the_layer_lft_and_releases_descriptors()
    {
        OpenUdpFlowBothWays();
        int free = _net.Snat.FreePorts;
        Assert.Equal(PortOperationResult.Ok, Port.SetRules("nat", [], []));
        Assert.Equal(0, _net.Nat.Flows.Count);
        Assert.Equal(free + 1, _net.Snat.FreePorts);
        Assert.Equal(1, _net.Firewall.Flows.Count);
    }

    [Fact]
    public void Soft_set_keeps_valid_pairs_and_drops_invalid_ones_on_next_hit()
    {
        OpenUdpFlowBothWays();
        IReadOnlyList<Rule> natRules = _net.Nat.RulesFor(Direction.Outbound).Select(r => r.Rule).ToList();

        // Same external IP: the pair is still valid, the mapping (port 65535) survives the refresh.
        Assert.Equal(PortOperationResult.Ok, Port.SetRulesSoft("nat", [], natRules));
        Assert.True(_net.Nat.Flows.EntryAt(0).Dirty || _net.Nat.Flows.Count == 1);
        GuestUdp();
        Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(1));
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out ParsedPacket wire, out _));
        Assert.Equal(ExternalIp, wire.SrcIp);
        Assert.Equal((ushort)65535, wire.SrcPort);
        Assert.Equal(1, _net.Nat.Outbound.LftHit);

        // External IP changes: the dirty pair is invalid on its next hit, released, and a new mapping is made.
        _net.Snat.ExternalIp4 = IpAddr.Parse("203.0.113.50");
        Assert.Equal(PortOperationResult.Ok, Port.SetRulesSoft("nat", [], natRules));
        GuestUdp();
        Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(2));
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out wire, out _));
        Assert.Equal(IpAddr.Parse("203.0.113.50"), wire.SrcIp);
        Assert.Equal(1, _net.Nat.Flows.Count);
        Assert.Equal(1, _net.Nat.Outbound.LftHit);
    }

    [Fact]
    public void Clear_lft_bumps_the_epoch_so_no_cached_flow_keeps_a_released_snat_port()
    {
        OpenUdpFlowBothWays();
        ulong epoch = Port.Epoch;
        Assert.Equal(PortOperationResult.Ok, Port.ClearLft("nat"));
        Assert.Equal(epoch + 1, Port.Epoch);

        // The released port 65535 is the highest free one again: a new flow takes it.
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 4444, 53, 8);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(1)).Outcome);
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out ParsedPacket second, out _));
        Assert.Equal((ushort)65535, second.SrcPort);

        // The first flow must not replay its cached translation with that same port: it re-walks and gets another.
        GuestUdp();
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0.AddSeconds(2)).Outcome);
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Inbound, out ParsedPacket first, out _));
        Assert.NotEqual((ushort)65535, first.SrcPort);
    }

    private void OpenUdpFlowBothWays()
    {
        GuestUdp();
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Outbound, _buffer, T0).Outcome);
        Frames.Udp(_buffer, BoundaryMac, GuestMac, RemoteIp, ExternalIp, 53, 65535, 8);
        Frames.Encapsulate(_buffer, UnderlayRemote, UnderlayLocal, Vni);
        Assert.Equal(ProcessOutcome.Modified, Port.Process(Direction.Inbound, _buffer, T0).Outcome);
    }

    private void GuestUdp() => Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 3333, 53, 8);
}
