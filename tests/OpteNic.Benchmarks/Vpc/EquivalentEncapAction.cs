using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Benchmarks.Vpc;

/// <summary>
/// The fast-path baseline's only action: in one step, the same header transformation the VPC port's five layers
/// compose for a benchmark flow — Geneve encapsulation (outer Ethernet/IPv6/UDP/Geneve) and the inner destination MAC,
/// plus, for internet flows, the SNAT rewrite of the source address and port. A UFT hit then replays a compiled
/// transformation of the same shape as the VPC's, so comparing the two isolates what the VPC adds to the fast path
/// (nothing, by design: a hit never runs VPC code) from the cost of the transformation itself.
/// </summary>
public sealed class EquivalentEncapAction : StaticAction
{
    private readonly IpAddr _underlaySource;
    private readonly IpAddr _underlayDestination;
    private readonly uint _vni;
    private readonly MacAddress _innerDestination;
    private readonly IpAddr? _snatAddress;

    /// <summary>Encapsulation only (guest→guest), or encapsulation plus SNAT to <paramref name="snatAddress"/> (guest→internet).</summary>
    public EquivalentEncapAction(IpAddr underlaySource, IpAddr underlayDestination, uint vni, MacAddress innerDestination, IpAddr? snatAddress)
    {
        _underlaySource = underlaySource;
        _underlayDestination = underlayDestination;
        _vni = vni;
        _innerDestination = innerDestination;
        _snatAddress = snatAddress;
    }

    /// <summary>The SNAT port of a guest source port: the VPC's allocator hands out the highest free port first.</summary>
    public static ushort SnatPortFor(ushort guestPort) => (ushort)(65535 - (guestPort - 10000));

    /// <inheritdoc/>
    public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
        ref PacketMetadata metadata, out HeaderTransform transform)
    {
        transform = new HeaderTransform
        {
            OuterEther = EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
            OuterIp = IpTransform.PushIpv6(_underlaySource, _underlayDestination, IpProtocol.Udp),
            OuterEncap = EncapTransform.Push(_vni, entropy: 0, GeneveOptions.None),
            InnerEther = EtherTransform.Modify(dst: _innerDestination),
            InnerIp = _snatAddress is { } snat ? IpTransform.Modify(src: snat) : default,
            InnerUlp = _snatAddress is not null ? UlpTransform.Modify(srcPort: SnatPortFor(packet.SrcPort)) : default,
        };
        return true;
    }
}
