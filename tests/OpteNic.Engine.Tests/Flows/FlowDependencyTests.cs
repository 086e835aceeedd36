using OpteNic.Engine.Actions;
using OpteNic.Engine.Flows;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;
using OpteNic.Tests.Shared;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests.Flows;

/// <summary>
/// Flow dependency stamps: an action that reads shared state on the slow path (here a V2P-like table from destination
/// IP to next-hop MAC) records the state's version stripe; bumping the stripe sends exactly the flows stamped with it
/// back to the slow path, and only them.
/// </summary>
public sealed class FlowDependencyTests
{
    private static readonly Moment T0 = Moment.FromSeconds(1);
    private static readonly MacAddress OldMac = new(0x02_00_00_00_00_0A);
    private static readonly MacAddress NewMac = new(0x02_00_00_00_00_0B);
    private static readonly MacAddress OtherMac = new(0x02_00_00_00_00_0C);
    private readonly PacketBuffer _buffer = new(2048);

    public static TheoryData<bool> Kinds => new() { false, true };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Bumping_a_stripe_reprocesses_only_the_flows_that_depend_on_it(bool stateful)
    {
        var rig = new Rig(stateful);
        (IpAddr first, IpAddr second) = rig.TwoDestinationsInDifferentStripes();
        rig.Table[first] = OldMac;
        rig.Table[second] = OtherMac;

        Assert.Equal(OldMac, Send(rig.Port, first, 1000));
        Assert.Equal(OtherMac, Send(rig.Port, second, 2000));
        Assert.Equal(OldMac, Send(rig.Port, first, 1000));
        Assert.Equal(OtherMac, Send(rig.Port, second, 2000));
        Assert.Equal(2, rig.Port.Outbound.UftMiss);
        Assert.Equal(2, rig.Port.Outbound.UftHit);

        // Without a bump the change is invisible to established flows (the reason stamps exist).
        rig.Table[first] = NewMac;
        Assert.Equal(OldMac, Send(rig.Port, first, 1000));
        Assert.Equal(3, rig.Port.Outbound.UftHit);

        rig.Versions.Bump(rig.Versions.StripeOf(first.High, first.Low));
        Assert.Equal(NewMac, Send(rig.Port, first, 1000));
        Assert.Equal(1, rig.Port.Outbound.UftDependencyStale);
        Assert.Equal(3, rig.Port.Outbound.UftMiss);
        Assert.Equal(3, rig.Port.Outbound.UftHit);

        // The other flow depends on another stripe: still a fast-path hit with its mapping.
        Assert.Equal(OtherMac, Send(rig.Port, second, 2000));
        Assert.Equal(4, rig.Port.Outbound.UftHit);
        Assert.Equal(3, rig.Port.Outbound.UftMiss);

        // The refreshed flow is back on the fast path with the new mapping.
        Assert.Equal(NewMac, Send(rig.Port, first, 1000));
        Assert.Equal(5, rig.Port.Outbound.UftHit);
        Assert.Equal(1, rig.Port.Outbound.UftDependencyStale);
        Assert.Equal(2, rig.Port.UftOut.Count);
        if (stateful)
        {
            // The stale pair's descriptor was given back exactly once and replaced by a fresh one.
            Assert.Equal(1, rig.Stateful!.Releases);
            Assert.Equal(2, rig.Layer.Flows.Count);
            Assert.Equal(0, rig.Layer.Flows.RetiredCount);
            Assert.Equal(3, rig.Stateful.Generated);
        }

        Assert.Equal(0, PortStatistics.Snapshot(rig.Port)["out_uft_dependency_uncached"]);
        Assert.Equal(1, PortStatistics.Snapshot(rig.Port)["out_uft_dependency_stale"]);
    }

    [Fact]
    public void Burst_path_checks_stamps_like_the_single_packet_path()
    {
        var rig = new Rig(stateful: false);
        (IpAddr first, IpAddr second) = rig.TwoDestinationsInDifferentStripes();
        rig.Table[first] = OldMac;
        rig.Table[second] = OtherMac;
        PacketBuffer[] burst = [new PacketBuffer(2048), new PacketBuffer(2048), new PacketBuffer(2048), new PacketBuffer(2048)];
        var results = new ProcessResult[burst.Length];
        void Load()
        {
            for (int i = 0; i < burst.Length; i++)
            {
                Frames.Udp(burst[i], GuestMac, GatewayMac, GuestIp, i % 2 == 0 ? first : second, (ushort)(1000 + (i % 2)), 53, payload: 8);
            }
        }

        Load();
        rig.Port.StagedBurstMinimumFlows = 0;
        rig.Port.ProcessBurst(Direction.Outbound, burst, results, T0);
        Assert.Equal(2, rig.Port.Outbound.UftMiss);
        Assert.Equal(2, rig.Port.Outbound.UftHit);

        rig.Table[first] = NewMac;
        rig.Versions.Bump(rig.Versions.StripeOf(first.High, first.Low));
        Load();
        rig.Port.ProcessBurst(Direction.Outbound, burst, results, T0);
        Assert.All(results, r => Assert.Equal(ProcessOutcome.Modified, r.Outcome));
        Assert.Equal(1, rig.Port.Outbound.UftDependencyStale);
        Assert.Equal(3, rig.Port.Outbound.UftMiss);
        Assert.Equal(5, rig.Port.Outbound.UftHit);
        for (int i = 0; i < burst.Length; i++)
        {
            Assert.True(PacketParser.TryParse(burst[i].Frame, ParseMode.Outbound, out ParsedPacket parsed, out _));
            Assert.Equal(i % 2 == 0 ? NewMac : OtherMac, parsed.EtherDst);
        }
    }

    [Fact]
    public void A_stateful_pair_with_a_stale_stamp_is_re_decided_even_when_reached_from_the_other_direction()
    {
        var rig = new Rig(stateful: true);
        rig.Table[RemoteIp] = OldMac;
        Assert.Equal(OldMac, Send(rig.Port, RemoteIp, 1000));
        rig.Table[RemoteIp] = NewMac;
        rig.Versions.BumpAll();

        // Inbound reply: its UFT entry does not exist yet; the LFT pair it hits carries the stale stamp.
        Frames.Udp(_buffer, OtherMac, GuestMac, RemoteIp, GuestIp, 53, 1000);
        Assert.Equal(ProcessOutcome.Drop, rig.Port.Process(Direction.Inbound, _buffer, T0).Outcome);

        // The outbound UFT entry still links the pair: it is retired, its descriptor kept until that entry goes.
        Assert.Equal(0, rig.Stateful!.Releases);
        Assert.Equal(1, rig.Layer.Flows.RetiredCount);
        Assert.Equal(0, rig.Layer.Flows.Count);
        Assert.Equal(NewMac, Send(rig.Port, RemoteIp, 1000));
        Assert.Equal(1, rig.Stateful.Releases);
        Assert.Equal(0, rig.Layer.Flows.RetiredCount);
        Assert.Equal(1, rig.Layer.Flows.Count);
    }

    [Fact]
    public void More_dependencies_than_an_entry_holds_leave_the_flow_uncached_and_correct()
    {
        var rig = new Rig(stateful: false, extraStripes: 2);
        rig.Table[RemoteIp] = OldMac;
        Assert.Equal(OldMac, Send(rig.Port, RemoteIp, 1000));
        Assert.Equal(OldMac, Send(rig.Port, RemoteIp, 1000));
        Assert.Equal(0, rig.Port.UftOut.Count);
        Assert.Equal(2, rig.Port.Outbound.UftDependencyUncached);
        Assert.Equal(2, rig.Port.Outbound.UftMiss);
        rig.Table[RemoteIp] = NewMac;
        Assert.Equal(NewMac, Send(rig.Port, RemoteIp, 1000));
    }

    [Fact]
    public void Stamps_against_a_table_the_port_does_not_check_leave_the_flow_uncached()
    {
        var rig = new Rig(stateful: false, portVersions: new FlowDependencyVersions(8));
        rig.Table[RemoteIp] = OldMac;
        Assert.Equal(OldMac, Send(rig.Port, RemoteIp, 1000));
        Assert.Equal(OldMac, Send(rig.Port, RemoteIp, 1000));
        Assert.Equal(0, rig.Port.UftOut.Count);
        Assert.Equal(2, rig.Port.Outbound.UftDependencyUncached);
    }

    [Fact]
    public void Flows_without_dependencies_are_untouched_by_bumps()
    {
        var rig = new Rig(stateful: false, record: false);
        rig.Table[RemoteIp] = OldMac;
        Send(rig.Port, RemoteIp, 1000);
        rig.Versions.BumpAll();
        Send(rig.Port, RemoteIp, 1000);
        Assert.Equal(1, rig.Port.Outbound.UftHit);
        Assert.Equal(0, rig.Port.Outbound.UftDependencyStale);
    }

    [Fact]
    public void Version_table_is_sized_at_construction_and_bumps_only_the_named_stripe()
    {
        var versions = new FlowDependencyVersions(100);
        Assert.Equal(128, versions.StripeCount);
        FlowDependency a = versions.Observe(3);
        FlowDependency b = versions.Observe(4);
        versions.Bump(3);
        Assert.False(versions.IsCurrent(a));
        Assert.True(versions.IsCurrent(b));
        Assert.True(versions.IsCurrent(versions.Observe(3)));
        Assert.False(versions.IsCurrent(new FlowDependency(1000, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => versions.Bump(128));
        var seen = new HashSet<int>();
        for (ulong key = 0; key < 4096; key++)
        {
            int stripe = versions.StripeOf(key);
            Assert.InRange(stripe, 0, 127);
            seen.Add(stripe);
        }

        Assert.Equal(128, seen.Count);
    }

    [Fact]
    public void Fast_path_and_re_walks_after_bumps_allocate_nothing()
    {
        var rig = new Rig(stateful: true);
        (IpAddr first, IpAddr second) = rig.TwoDestinationsInDifferentStripes();
        rig.Table[first] = OldMac;
        rig.Table[second] = OtherMac;
        int stripe = rig.Versions.StripeOf(first.High, first.Low);
        for (int i = 0; i < 100; i++)
        {
            Send(rig.Port, first, 1000);
            Send(rig.Port, second, 2000);
            rig.Versions.Bump(stripe);
        }

        long staleBefore = 0;
        long allocated = SteadyState.AllocatedBytes(
            () =>
            {
                for (int i = 0; i < 5000; i++)
                {
                    SendQuietly(rig.Port, first, 1000);
                    SendQuietly(rig.Port, second, 2000);
                    if (i % 2 == 0)
                    {
                        rig.Versions.Bump(stripe);
                    }
                }
            },
            () => staleBefore = rig.Port.Outbound.UftDependencyStale);

        Assert.Equal(0, allocated);
        Assert.Equal(2500, rig.Port.Outbound.UftDependencyStale - staleBefore);
    }

    private void SendQuietly(Port port, IpAddr destination, ushort sourcePort)
    {
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, destination, sourcePort, 53, payload: 8);
        port.Process(Direction.Outbound, _buffer, T0);
    }

    private MacAddress Send(Port port, IpAddr destination, ushort sourcePort)
    {
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, destination, sourcePort, 53, payload: 8);
        ProcessResult result = port.Process(Direction.Outbound, _buffer, T0);
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        Assert.True(PacketParser.TryParse(_buffer.Frame, ParseMode.Outbound, out ParsedPacket parsed, out _));
        return parsed.EtherDst;
    }

    /// <summary>A one-layer port whose action rewrites the destination MAC from the shared table.</summary>
    private sealed class Rig
    {
        public Rig(bool stateful, int extraStripes = 0, bool record = true, FlowDependencyVersions? portVersions = null)
        {
            Layer = new Layer("v2p", DefaultAction.Deny, DefaultAction.Deny);
            Port = new PortBuilder("dependent").AddLayer(Layer, LayerPosition.Last).Create(new PortOptions
            {
                InboundParseMode = ParseMode.InboundUnencapsulated,
                UftLimit = 64,
                TcpLimit = 64,
                DependencyVersions = portVersions ?? Versions,
            });
            RuleAction action = stateful
                ? Stateful = new V2pStatefulAction(Table, Versions, record)
                : new V2pStaticAction(Table, Versions, record, extraStripes);
            Assert.Equal(PortOperationResult.Ok, Port.SetRules("v2p", [], [new Rule(1, action, [Predicate.InnerIpProtocol((byte)IpProtocol.Udp)])]));
            Port.Start();
        }

        public FlowDependencyVersions Versions { get; } = new(64);
        public Dictionary<IpAddr, MacAddress> Table { get; } = new(16);
        public Layer Layer { get; }
        public Port Port { get; }
        public V2pStatefulAction? Stateful { get; }

        public (IpAddr, IpAddr) TwoDestinationsInDifferentStripes()
        {
            IpAddr first = RemoteIp;
            int stripe = Versions.StripeOf(first.High, first.Low);
            for (uint i = 1; ; i++)
            {
                IpAddr candidate = IpAddr.FromIpv4(RemoteIp.Ipv4 + i);
                if (Versions.StripeOf(candidate.High, candidate.Low) != stripe)
                {
                    return (first, candidate);
                }
            }
        }
    }

    private static MacAddress Lookup(Dictionary<IpAddr, MacAddress> table, FlowDependencyVersions versions, IpAddr destination,
        ref PacketMetadata metadata, bool record)
    {
        if (record)
        {
            // Version first, then the state (see FlowDependencyVersions).
            metadata.RecordDependency(versions, versions.StripeOf(destination.High, destination.Low));
        }

        return table.TryGetValue(destination, out MacAddress mac) ? mac : MacAddress.Zero;
    }

    private sealed class V2pStaticAction(Dictionary<IpAddr, MacAddress> table, FlowDependencyVersions versions, bool record, int extraStripes)
        : StaticAction
    {
        public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, out HeaderTransform transform)
        {
            MacAddress mac = Lookup(table, versions, flow.Dst, ref metadata, record);
            for (int i = 0; i < extraStripes; i++)
            {
                metadata.RecordDependency(versions, 10 + i);
            }

            transform = new HeaderTransform { InnerEther = EtherTransform.Modify(dst: mac) };
            return true;
        }
    }

    /// <summary>The same lookup made once per flow into a pooled descriptor (held by the layer's LFT pair).</summary>
    private sealed class V2pStatefulAction : StatefulAction
    {
        private readonly Dictionary<IpAddr, MacAddress> _table;
        private readonly FlowDependencyVersions _versions;
        private readonly bool _record;
        private readonly Stack<V2pDescriptor> _pool = new(8);

        public V2pStatefulAction(Dictionary<IpAddr, MacAddress> table, FlowDependencyVersions versions, bool record)
        {
            _table = table;
            _versions = versions;
            _record = record;
            for (int i = 0; i < 8; i++)
            {
                _pool.Push(new V2pDescriptor(this));
            }
        }

        public int Releases { get; private set; }
        public int Generated { get; private set; }

        public override bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, Moment now, out ActionDescriptor? descriptor)
        {
            descriptor = null;
            if (direction != Direction.Outbound || _pool.Count == 0)
            {
                return false;
            }

            V2pDescriptor d = _pool.Pop();
            d.Mac = Lookup(_table, _versions, flow.Dst, ref metadata, _record);
            Generated++;
            descriptor = d;
            return true;
        }

        internal void Return(V2pDescriptor descriptor)
        {
            Releases++;
            _pool.Push(descriptor);
        }
    }

    private sealed class V2pDescriptor(V2pStatefulAction owner) : ActionDescriptor
    {
        public MacAddress Mac { get; set; }

        public override HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow) =>
            direction == Direction.Outbound ? new HeaderTransform { InnerEther = EtherTransform.Modify(dst: Mac) } : default;

        public override void Release() => owner.Return(this);
    }
}
