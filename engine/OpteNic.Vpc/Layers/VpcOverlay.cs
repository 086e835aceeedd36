using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;
using OpteNic.Vpc.Nat;
using OpteNic.Vpc.Tables;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// The overlay layer (section 3): Geneve encapsulation on the way out, decapsulation on the way in.
/// Outbound: multicast → M2P underlay group, VNI 77, Multicast option (TCP to multicast denied); internet-gateway
/// targets (whose source nat must have made an external address) → V2B longest prefix, tunnel endpoint by flow hash,
/// inner destination MAC A8:40:25:77:77:77, the endpoint's VNI; IP and subnet targets → V2P (deny if missing), the
/// peer's MAC, this port's VNI, and an MSS option for TCP. Outer headers: Ethernet with zero MACs (the underlay port
/// fills them), IPv6 from this port's underlay address, UDP with a flow-hash source port, Geneve.
/// Inbound: pop the outer headers and tag <c>vni</c> with the Geneve VNI unless the External option is present.
/// </summary>
public static class VpcOverlay
{
    /// <summary>The layer's name.</summary>
    public const string LayerName = "overlay";

    /// <summary>VNI of boundary services (the rack switches' NAT/egress).</summary>
    public const uint BoundaryServicesVni = 99;

    /// <summary>VNI used for multicast on the underlay.</summary>
    public const uint MulticastVni = 77;

    /// <summary>Inner destination MAC of boundary-bound packets.</summary>
    public static readonly MacAddress BoundaryServicesMac = new(0xA8_40_25_77_77_77UL);

    /// <summary>Creates the (empty) layer.</summary>
    public static Layer CreateLayer(int flowLimit) => new(LayerName, DefaultAction.Deny, DefaultAction.Deny, flowLimit);

    /// <summary>The overlay's inbound and outbound rules (one each: the actions do the work).</summary>
    public static (List<Rule> Inbound, List<Rule> Outbound) BuildRules(VpcCfg config, int mtu, VpcNetwork network,
        RouteTargets targets, VniTags vniTags, NatState nat, OverlayCounters counters, MulticastReplication replication = MulticastReplication.Underlay)
    {
        ArgumentNullException.ThrowIfNull(config);
        var encap = new EncapAction(config, mtu, network, targets, nat, counters, replication);
        var decap = new DecapAction(vniTags);
        return ([Rule.MatchAny(1, decap)], [Rule.MatchAny(1, encap)]);
    }

    private sealed class EncapAction(VpcCfg config, int mtu, VpcNetwork network, RouteTargets targets, NatState nat, OverlayCounters refusals, MulticastReplication replication) : StaticAction
    {
        /// <summary>Outer Ethernet of every encapsulated packet: MACs left zero for the underlay port, type IPv6.</summary>
        private static readonly EtherTransform OuterEther = EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6);

        // Per-port constants, computed once rather than per first packet.
        private readonly Vni _vni = config.Vni;
        private readonly PacketIp _physIp = config.PhysIp.ToPacketIp();
        private readonly GeneveOptions _mssV4 = new(external: false, multicast: null, mss: (uint)(mtu - 40));
        private readonly GeneveOptions _mssV6 = new(external: false, multicast: null, mss: (uint)(mtu - 60));
        private readonly GeneveOptions _multicast = new(external: false, replication, mss: null);

        public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, out HeaderTransform transform)
        {
            PacketIp destination = packet.DstIp;
            uint vni;
            PacketIp underlayDestination;
            MacAddress innerDestination;
            GeneveOptions options = GeneveOptions.None;
            if (destination.IsMulticast)
            {
                if (packet.Protocol == IpProtocol.Tcp)
                {
                    Interlocked.Increment(ref refusals.TcpToMulticast);
                    transform = default;
                    return false;
                }

                // Record the table's stripe before reading it: a change then sends this flow back here.
                metadata.RecordDependency(network.Dependencies, network.Mcast2Phys.DependencyStripe);
                if (!network.Mcast2Phys.TryLookup(destination, out Ipv6Addr group))
                {
                    Interlocked.Increment(ref refusals.MissingMcast2Phys);
                    transform = default;
                    return false;
                }

                vni = MulticastVni;
                underlayDestination = group.ToPacketIp();
                innerDestination = packet.EtherDst;
                options = _multicast;
            }
            else
            {
                if (!metadata.TryGet(targets.ClassKey, out ushort targetClass))
                {
                    Interlocked.Increment(ref refusals.NoRouterTarget);
                    transform = default;
                    return false;
                }

                if (targetClass == targets.ClassInternetGateway)
                {
                    // The source must already be one of the port's external addresses (translated by nat, or an
                    // external attached subnet). Checked on the packet itself, so it also holds when nat answered from
                    // its flow table without re-running its rules.
                    if (!nat.Current.IsExternalSource(packet.SrcIp))
                    {
                        Interlocked.Increment(ref refusals.NoExternalIp);
                        transform = default;
                        return false;
                    }

                    metadata.RecordDependency(network.Dependencies, network.Virt2Boundary.DependencyStripe);
                    if (!network.Virt2Boundary.TryLookup(destination, in flow, out TunnelEndpoint endpoint))
                    {
                        Interlocked.Increment(ref refusals.MissingVirt2Boundary);
                        transform = default;
                        return false;
                    }

                    vni = endpoint.Vni.Value;
                    underlayDestination = endpoint.Ip.ToPacketIp();
                    innerDestination = BoundaryServicesMac;
                }
                else
                {
                    PacketIp lookup = destination;
                    if (targetClass == targets.ClassIp && metadata.TryGet(targets.TargetKey, out ushort targetValue)
                        && targets.TryGetNextHop(targetValue, out PacketIp nextHop))
                    {
                        lookup = nextHop;
                    }

                    metadata.RecordDependency(network.Dependencies, Virt2PhysTable.StripeOf(network.Dependencies, _vni, lookup));
                    if (!network.Virt2Phys.TryLookup(_vni, lookup, out GuestPhysAddr peer))
                    {
                        Interlocked.Increment(ref refusals.MissingVirt2Phys);
                        transform = default;
                        return false;
                    }

                    vni = _vni.Value;
                    underlayDestination = peer.Ip.ToPacketIp();
                    innerDestination = new MacAddress(peer.Ether.Value);
                    if (packet.Protocol == IpProtocol.Tcp)
                    {
                        options = packet.IpVersion == 4 ? _mssV4 : _mssV6;
                    }
                }
            }

            transform = new HeaderTransform
            {
                OuterEther = OuterEther,
                OuterIp = IpTransform.PushIpv6(_physIp, underlayDestination, IpProtocol.Udp),
                OuterEncap = EncapTransform.Push(vni, entropy: 0, options),
                InnerEther = EtherTransform.Modify(dst: innerDestination),
            };
            return true;
        }

        public override string ToString() => "Static(encap)";
    }

    private sealed class DecapAction(VniTags vniTags) : StaticAction
    {
        public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, out HeaderTransform transform)
        {
            if (!packet.IsEncapsulated)
            {
                transform = default;
                return false;
            }

            if (!packet.GeneveOptions.External)
            {
                metadata.TrySet(vniTags.Key, vniTags.IdOf(packet.GeneveVni));
            }

            transform = HeaderTransform.Decapsulate;
            return true;
        }

        public override string ToString() => "Static(decap)";
    }
}
