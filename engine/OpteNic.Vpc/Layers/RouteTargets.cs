using OpteNic.Engine.Metadata;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// The interned ids of the router's metadata and, for <c>ip4=…</c>/<c>ip6=…</c> targets, the next-hop address each
/// value id stands for, so the overlay resolves a target without parsing strings per packet.
/// </summary>
public sealed class RouteTargets
{
    private readonly Lock _writer = new();
    private Dictionary<ushort, PacketIp> _nextHops = [];

    public RouteTargets(MetadataInterner interner)
    {
        ArgumentNullException.ThrowIfNull(interner);
        Interner = interner;
        TargetKey = interner.Intern(VpcRouter.TargetKey);
        ClassKey = interner.Intern(VpcRouter.TargetClassKey);
        ClassInternetGateway = interner.Intern("ig");
        ClassIp = interner.Intern("ip");
        ClassSubnet = interner.Intern("subnet");
        ExternalIpAppliedKey = interner.Intern(VpcNat.ExternalIpAppliedKey);
        True = interner.Intern("true");
    }

    public MetadataInterner Interner { get; }

    /// <summary>Key id of <c>router-target</c>.</summary>
    public ushort TargetKey { get; }

    /// <summary>Key id of <c>router-target-class</c>.</summary>
    public ushort ClassKey { get; }

    /// <summary>Value id of class <c>ig</c> (also the plain <c>ig</c> target).</summary>
    public ushort ClassInternetGateway { get; }

    /// <summary>Value id of class <c>ip</c>.</summary>
    public ushort ClassIp { get; }

    /// <summary>Value id of class <c>subnet</c>.</summary>
    public ushort ClassSubnet { get; }

    /// <summary>Key id of <c>external-ip-applied</c>, set by the nat layer.</summary>
    public ushort ExternalIpAppliedKey { get; }

    /// <summary>Value id <c>true</c>.</summary>
    public ushort True { get; }

    /// <summary>Records that target value <paramref name="valueId"/> means next hop <paramref name="nextHop"/>.</summary>
    public void RegisterNextHop(ushort valueId, PacketIp nextHop)
    {
        lock (_writer)
        {
            Volatile.Write(ref _nextHops, new Dictionary<ushort, PacketIp>(_nextHops) { [valueId] = nextHop });
        }
    }

    /// <summary>The next hop of an <c>ip</c> target value. Lock-free, allocation-free.</summary>
    public bool TryGetNextHop(ushort valueId, out PacketIp nextHop) => Volatile.Read(ref _nextHops).TryGetValue(valueId, out nextHop);
}
