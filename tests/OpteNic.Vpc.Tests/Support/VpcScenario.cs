using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>
/// A guest port on the standard test VPC (VNI 7777, 172.30.0.0/22 and fd00:1122:3344:101::/64), with helpers to push
/// frames through it and to assert counter deltas — the shape of OPTE's integration tests.
/// </summary>
public sealed class VpcScenario
{
    public static readonly Vni OwnVni = new(7777);
    public static readonly Ipv6Addr OwnPhys = Ipv6Addr.Parse("fd00:aaaa::1");
    public static readonly IPAddress PeerIpv4 = IPAddress.Parse("172.30.0.6");
    public static readonly byte[] PeerMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x06];
    public static readonly Ipv6Addr PeerPhys = Ipv6Addr.Parse("fd00:bbbb::1");
    public static readonly IPAddress PeerIpv6 = IPAddress.Parse("fd00:1122:3344:101::6");
    public static readonly IPAddress InternetHost = IPAddress.Parse("198.51.100.77");
    public static readonly Ipv4Addr SnatIp = Ipv4Addr.Parse("203.0.113.10");
    public static readonly Ipv4Addr EphemeralIp = Ipv4Addr.Parse("203.0.113.20");
    public static readonly Ipv4Addr FloatingIp = Ipv4Addr.Parse("203.0.113.30");
    public static readonly TunnelEndpoint Boundary = new(Ipv6Addr.Parse("fd00:99::1"), new Vni(99));

    private readonly byte[] _buffer = new byte[4096];

    public VpcScenario(ExternalIpCfg<Ipv4Addr>? external = null, VpcNetwork? network = null, VpcPortOptions? options = null)
    {
        Network = network ?? new VpcNetwork(4096);
        Config = StandardConfig(external);
        Assert.True(VpcPort.TryCreate("xde0", Config, StandardDhcp, Network, options ?? new VpcPortOptions(), out VpcPort? port, out var error), error?.ToString());
        Port = port;
        Assert.Equal(Engine.Ports.PortOperationResult.Ok, Port.Port.Start());
        Buffer = new PacketBuffer(4096);
    }

    public VpcNetwork Network { get; }

    public VpcCfg Config { get; }

    public VpcPort Port { get; }

    public PacketBuffer Buffer { get; }

    public Moment Now { get; set; } = Moment.FromSeconds(10);

    public static DhcpCfg StandardDhcp { get; } = new("web1", "vpc.oxide.internal", [.. StandardGateway.SearchDomains],
        [Ipv4Addr.Parse("172.30.0.53")], [Ipv6Addr.Parse("fd00:1122:3344:1::53")]);

    public static VpcCfg StandardConfig(ExternalIpCfg<Ipv4Addr>? external = null)
    {
        var v4 = new Ipv4Cfg(Ipv4Cidr.Parse("172.30.0.0/22"), Ipv4Addr.Parse("172.30.0.5"), Ipv4Addr.Parse("172.30.0.1"),
            external ?? ExternalIpCfg<Ipv4Addr>.None, [], []);
        var v6 = new Ipv6Cfg(Ipv6Cidr.Parse("fd00:1122:3344:101::/64"), Ipv6Addr.Parse("fd00:1122:3344:101::5"),
            Ipv6Addr.Parse("fe80::aa40:25ff:feff:7777"), ExternalIpCfg<Ipv6Addr>.None, [], []);
        return new VpcCfg(new IpCfg.DualStack(v4, v6), MacAddr.FromBytes(TestFrames.GuestMac), MacAddr.FromBytes(TestFrames.GatewayMac), OwnVni, OwnPhys);
    }

    /// <summary>Routes for the VPC subnets (system) and the default route to the internet gateway (system), and the peer's V2P.</summary>
    public VpcScenario WithStandardRoutes()
    {
        Assert.True(Port.TryAddRouterEntry(IpCidr.Parse("172.30.0.0/22"), new RouterTarget.VpcSubnet(IpCidr.Parse("172.30.0.0/22")), RouterClass.System, out _));
        Assert.True(Port.TryAddRouterEntry(IpCidr.Parse("fd00:1122:3344:101::/64"), new RouterTarget.VpcSubnet(IpCidr.Parse("fd00:1122:3344:101::/64")), RouterClass.System, out _));
        Assert.True(Port.TryAddRouterEntry(IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null), RouterClass.System, out _));
        Assert.True(Network.Virt2Phys.TrySet(OwnVni, OpteNic.Packets.IpAddr.From(PeerIpv4), new GuestPhysAddr(MacAddr.FromBytes(PeerMac), PeerPhys)));
        Assert.True(Network.Virt2Phys.TrySet(OwnVni, OpteNic.Packets.IpAddr.From(PeerIpv6), new GuestPhysAddr(MacAddr.FromBytes(PeerMac), PeerPhys)));
        Network.Virt2Boundary.Set(IpCidr.Parse("0.0.0.0/0"), [Boundary]);
        return this;
    }

    /// <summary>Allows all inbound traffic through the firewall (OPTE's default VPC rule set allows in from the VPC).</summary>
    public VpcScenario AllowInbound()
    {
        Assert.Equal(Engine.Ports.PortOperationResult.Ok, Port.SetFirewallRules(
        [
            new FirewallRule(Api.Direction.In, new Filters(new FirewallAddress.Any(), new ProtocolFilter.Any(), new Ports.Any()), FirewallAction.Allow, 65534),
        ]));
        return this;
    }

    /// <summary>Processes one frame; returns the result and a copy of the emitted (or hairpinned) frame.</summary>
    public (ProcessResult Result, byte[] Output) Process(Direction direction, byte[] frame)
    {
        Assert.True(Buffer.TryLoad(frame));
        ProcessResult result = Port.Port.Process(direction, Buffer, Now);
        return (result, Buffer.Frame.ToArray());
    }

    public (ProcessResult Result, byte[] Output) Outbound(byte[] frame) => Process(Direction.Outbound, frame);

    public (ProcessResult Result, byte[] Output) Inbound(byte[] frame) => Process(Direction.Inbound, frame);

    /// <summary>Snapshot of the port counters that scenario tests compare before/after each packet.</summary>
    public Dictionary<string, long> Counters()
    {
        var c = new Dictionary<string, long>();
        foreach ((string prefix, var d) in new[] { ("out", Port.Port.Outbound), ("in", Port.Port.Inbound) })
        {
            c[$"{prefix}_drop"] = d.Drop;
            c[$"{prefix}_drop_handle_pkt"] = d.DropHandlePacket;
            c[$"{prefix}_drop_layer"] = d.DropLayer;
            c[$"{prefix}_hairpin"] = d.Hairpin;
            c[$"{prefix}_modified"] = d.Modified;
            c[$"{prefix}_process_err"] = d.ProcessError;
            c[$"{prefix}_uft_hit"] = d.UftHit;
            c[$"{prefix}_uft_miss"] = d.UftMiss;
        }

        c["uft_out_flows"] = Port.Port.UftOut.Count;
        c["uft_in_flows"] = Port.Port.UftIn.Count;
        foreach (var layer in Port.Port.Layers)
        {
            c[$"{layer.Name}.out_deny"] = layer.Outbound.Deny;
            c[$"{layer.Name}.in_deny"] = layer.Inbound.Deny;
            c[$"{layer.Name}.flows"] = layer.Flows.Count;
        }

        return c;
    }

    /// <summary>Runs <paramref name="action"/> and asserts exactly <paramref name="expected"/> counters changed, by those amounts.</summary>
    public T AssertDeltas<T>(Func<T> action, params (string Counter, long Delta)[] expected)
    {
        var before = Counters();
        T result = action();
        var after = Counters();
        var changed = after.Where(kv => kv.Value != before[kv.Key]).ToDictionary(kv => kv.Key, kv => kv.Value - before[kv.Key]);
        var wanted = expected.ToDictionary(e => e.Counter, e => e.Delta);
        Assert.True(wanted.Count == changed.Count && wanted.All(w => changed.TryGetValue(w.Key, out long d) && d == w.Value),
            $"counter deltas differ.\n expected: {string.Join(", ", wanted.Select(w => $"{w.Key}+{w.Value}"))}\n actual:   {string.Join(", ", changed.Select(c => $"{c.Key}+{c.Value}"))}");
        return result;
    }
}
