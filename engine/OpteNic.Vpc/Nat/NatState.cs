using OpteNic.Vpc.Layers;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// A port's NAT state: the current <see cref="ExternalIps"/> generation (replaced by set-external-ips) and the
/// preallocated descriptor pools. Shared by the nat layer's actions and the overlay.
/// </summary>
public sealed class NatState
{
    private ExternalIps _current;

    public NatState(ExternalIps initial, int flowCapacity, RouteTargets targets)
    {
        _current = initial ?? throw new ArgumentNullException(nameof(initial));
        Targets = targets ?? throw new ArgumentNullException(nameof(targets));
        OneToOnePool = new NatDescriptorPool<OneToOneNatDescriptor>(flowCapacity, pool => new OneToOneNatDescriptor(pool));
        SnatPool = new NatDescriptorPool<SnatDescriptor>(flowCapacity, pool => new SnatDescriptor(pool));
        OneToOneStillConfigured = external => Current.HasOneToOne(external);
        SnatStillConfigured = allocator => ReferenceEquals(Current.SnatV4?.For(Packets.IpProtocol.Tcp), allocator)
            || ReferenceEquals(Current.SnatV4?.Udp, allocator) || ReferenceEquals(Current.SnatV4?.IcmpEcho, allocator)
            || ReferenceEquals(Current.SnatV6?.Tcp, allocator) || ReferenceEquals(Current.SnatV6?.Udp, allocator)
            || ReferenceEquals(Current.SnatV6?.IcmpEcho, allocator);
    }

    /// <summary>The generation in force.</summary>
    public ExternalIps Current => Volatile.Read(ref _current);

    public RouteTargets Targets { get; }

    /// <summary>New flows refused because a SNAT pool had no free port.</summary>
    public long SnatExhausted;

    internal NatDescriptorPool<OneToOneNatDescriptor> OneToOnePool { get; }

    internal NatDescriptorPool<SnatDescriptor> SnatPool { get; }

    internal Func<PacketIp, bool> OneToOneStillConfigured { get; }

    internal Func<SnatPortAllocator, bool> SnatStillConfigured { get; }

    /// <summary>Publishes a new generation (set-external-ips).</summary>
    public void Replace(ExternalIps next) => Volatile.Write(ref _current, next ?? throw new ArgumentNullException(nameof(next)));
}
