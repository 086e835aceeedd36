using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Packets;
using OpteNic.Packets.Transforms;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// A SNAT flow: holds one port (or ICMP echo id) of its protocol's pool; outbound rewrites source IP and port to the
/// external pair, inbound rewrites destination back to the guest's. The port returns to the pool when the flow's LFT
/// pair expires. Valid after a reconfiguration while the same SNAT pool is still configured.
/// </summary>
public sealed class SnatDescriptor : ActionDescriptor
{
    private readonly NatDescriptorPool<SnatDescriptor> _pool;
    private SnatPortAllocator? _allocator;
    private Func<SnatPortAllocator, bool>? _stillConfigured;
    private bool _icmp;

    internal SnatDescriptor(NatDescriptorPool<SnatDescriptor> pool) => _pool = pool;

    public IpAddr PrivateIp { get; private set; }

    /// <summary>The guest's source port or echo id.</summary>
    public ushort PrivatePort { get; private set; }

    public IpAddr ExternalIp { get; private set; }

    /// <summary>The port or echo id taken from the pool.</summary>
    public ushort ExternalPort { get; private set; }

    /// <summary>True when the flow is ICMP echo (the echo id is translated instead of a port).</summary>
    public bool IsIcmp => _icmp;

    // Only the addresses are stored (≈ 80-byte object): the transformations are built on demand. Storing both
    // 216-byte transformations made every pooled descriptor ~0.5 KB, and a port's pool (one per LFT slot) several MB
    // that each new flow's first packet wrote into cold.
    internal void Initialize(IpAddr privateIp, ushort privatePort, IpAddr externalIp, ushort externalPort, bool icmp,
        SnatPortAllocator allocator, Func<SnatPortAllocator, bool> stillConfigured)
    {
        PrivateIp = privateIp;
        PrivatePort = privatePort;
        ExternalIp = externalIp;
        ExternalPort = externalPort;
        _icmp = icmp;
        _allocator = allocator;
        _stillConfigured = stillConfigured;
    }

    public override HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow) => direction == Direction.Outbound
        ? new HeaderTransform
        {
            InnerIp = IpTransform.Modify(src: ExternalIp),
            InnerUlp = _icmp ? UlpTransform.Modify(icmpEchoId: ExternalPort) : UlpTransform.Modify(srcPort: ExternalPort),
        }
        : new HeaderTransform
        {
            InnerIp = IpTransform.Modify(dst: PrivateIp),
            InnerUlp = _icmp ? UlpTransform.Modify(icmpEchoId: PrivatePort) : UlpTransform.Modify(dstPort: PrivatePort),
        };

    public override bool IsValid() => _allocator is not null && (_stillConfigured?.Invoke(_allocator) ?? false);

    public override void Release()
    {
        _allocator?.Release(ExternalPort);
        _allocator = null;
        _stillConfigured = null;
        _pool.Return(this);
    }

    public override string ToString() => $"SNAT {PrivateIp}:{PrivatePort} <-> {ExternalIp}:{ExternalPort}";
}
