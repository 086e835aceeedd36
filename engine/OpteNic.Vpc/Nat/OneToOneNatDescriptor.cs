using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Packets;
using OpteNic.Packets.Transforms;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// A 1:1 NAT flow (ephemeral or floating IP): outbound the source becomes the external IP, inbound the destination
/// becomes the private IP again. Valid after a reconfiguration while its external IP is still configured.
/// </summary>
public sealed class OneToOneNatDescriptor : ActionDescriptor
{
    private readonly NatDescriptorPool<OneToOneNatDescriptor> _pool;
    private Func<IpAddr, bool>? _stillConfigured;

    internal OneToOneNatDescriptor(NatDescriptorPool<OneToOneNatDescriptor> pool) => _pool = pool;

    /// <summary>The guest's private address.</summary>
    public IpAddr PrivateIp { get; private set; }

    /// <summary>The external address the flow uses.</summary>
    public IpAddr ExternalIp { get; private set; }

    /// <summary>True when this flow is an inbound ICMP error whose quoted packet must be translated too.</summary>
    public bool TranslatesQuotedPacket { get; private set; }

    /// <summary>The direction of the flow's first packet (port state export: an inbound flow to a floating IP is rebuilt inbound).</summary>
    public Direction Origin { get; private set; }

    internal void Initialize(IpAddr privateIp, IpAddr externalIp, Func<IpAddr, bool> stillConfigured, bool translatesQuotedPacket = false,
        Direction origin = Direction.Outbound)
    {
        Origin = origin;
        TranslatesQuotedPacket = translatesQuotedPacket;
        PrivateIp = privateIp;
        ExternalIp = externalIp;
        _stillConfigured = stillConfigured;
    }

    // Built on demand rather than stored: keeps the pooled descriptor small (see SnatDescriptor).
    public override HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow) => direction == Direction.Outbound
        ? new HeaderTransform { InnerIp = IpTransform.Modify(src: ExternalIp) }
        : new HeaderTransform { InnerIp = IpTransform.Modify(dst: PrivateIp) };

    public override bool HasBodyTransform => TranslatesQuotedPacket;

    public override bool TryTransformBody(Direction direction, Span<byte> frame, in Packets.Parsing.ParsedPacket packet)
        => !TranslatesQuotedPacket || direction != Direction.Inbound || IcmpErrorTranslator.TryTranslate(frame, in packet, ExternalIp, PrivateIp);

    public override bool IsValid() => _stillConfigured?.Invoke(ExternalIp) ?? false;

    public override void Release()
    {
        _stillConfigured = null;
        _pool.Return(this);
    }

    public override string ToString() => $"1:1 {PrivateIp} <-> {ExternalIp}";
}
