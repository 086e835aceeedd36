using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Vpc.Nat;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// The nat layer (section 3). Outbound rules apply only to IP traffic the router sent to an internet gateway:
/// priority 4 external attached subnets pass untranslated; 5 floating IPs (1:1, chosen by flow hash); 10 the
/// ephemeral IP (1:1); 100 SNAT for TCP, UDP and ICMP echo from per-protocol pools (highest free port first); 255
/// deny — internet-bound without a usable external IP. Inbound: traffic to a floating or ephemeral IP is translated
/// back to the private IP; SNAT replies match the flow state the outbound packet created; ICMP errors to the SNAT IP
/// (priority 100) go to the private IP with their quoted packet translated back through the SNAT flow it belongs to.
/// Reconfiguration is a soft replace: a flow survives while its external address stays configured. Defaults: allow
/// both ways.
/// <para>
/// Internet-gateway map (set-external-ips' <c>inet_gw_map</c>): an external IP listed in it is used only for flows the
/// router sent to one of its gateways (<c>router-target = ig=&lt;uuid&gt;</c>); IPs not listed serve every gateway.
/// Floating IPs are grouped per gateway: for a flow to gateway G the hash chooses among the floating IPs allowed for G.
/// A flow whose gateway has no usable external IP falls through to the priority-255 deny.
/// </para>
/// </summary>
public static class VpcNat
{
    /// <summary>The layer's name.</summary>
    public const string LayerName = "nat";

    /// <summary>Metadata key the nat layer sets when it applied (or did not need) an external address.</summary>
    public const string ExternalIpAppliedKey = "external-ip-applied";

    public const ushort ExternalSubnetPriority = 4;
    public const ushort FloatingPriority = 5;
    public const ushort EphemeralPriority = 10;
    public const ushort SnatPriority = 100;
    public const ushort NoExternalIpPriority = 255;

    /// <summary>Creates the (empty) layer.</summary>
    public static Layer CreateLayer(int flowLimit) => new(LayerName, DefaultAction.Allow, DefaultAction.Allow, flowLimit);

    /// <summary>The nat layer's rules for the current generation in <paramref name="state"/>.</summary>
    public static (List<Rule> Inbound, List<Rule> Outbound) BuildRules(VpcCfg config, NatState state, RouteTargets targets,
        IReadOnlyDictionary<PacketIp, Guid[]>? gatewayMap = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(targets);
        (Ipv4Cfg? v4, Ipv6Cfg? v6) = VpcGateway.Families(config.IpCfg);
        ExternalIps current = state.Current;
        var inbound = new List<Rule>();
        var outbound = new List<Rule>();
        Predicate toInternet = Predicate.Meta(targets.ClassKey, targets.ClassInternetGateway);
        var markApplied = new MarkApplied(targets.ExternalIpAppliedKey, targets.True);

        foreach ((PacketIp privateIp, bool isV4) in Privates(v4, v6))
        {
            Predicate family = Predicate.InnerEtherType((ushort)(isV4 ? EtherType.Ipv4 : EtherType.Ipv6));
            Predicate fromGuest = Predicate.InnerSrcIp(IpPrefix.Exact(privateIp));
            PacketIp[] floating = isV4 ? current.FloatingV4 : current.FloatingV6;
            if (floating.Length > 0)
            {
                PacketIp[] unrestricted = [.. floating.Where(ip => gatewayMap is null || !gatewayMap.ContainsKey(ip))];
                if (unrestricted.Length > 0)
                {
                    outbound.Add(new Rule(FloatingPriority, new OneToOneAction(state, privateIp, unrestricted), [family, toInternet, fromGuest]));
                }

                // Per gateway named in the map: the floating IPs allowed for it (listed for it, or unrestricted). Added
                // after the any-gateway rule on purpose: on equal priority the newer rule is evaluated first (OPTE's
                // order), so a flow to a mapped gateway chooses within its whole group.
                foreach (Guid gateway in GatewaysOf(floating, gatewayMap))
                {
                    PacketIp[] allowed = [.. floating.Where(ip => Serves(ip, gateway, gatewayMap))];
                    outbound.Add(new Rule(FloatingPriority, new OneToOneAction(state, privateIp, allowed), [family, ToGateway(targets, gateway), fromGuest]));
                }

                inbound.Add(new Rule(FloatingPriority, new OneToOneAction(state, privateIp, floating),
                    [family, Predicate.InnerDstIp([.. floating.Select(IpPrefix.Exact)])]));
            }

            PacketIp[] ephemeral = [.. current.Ephemeral.Where(e => e.IsIpv4 == isV4)];
            if (ephemeral.Length > 0)
            {
                if (ToGateways(targets, ephemeral[0], gatewayMap, toInternet) is { } ephemeralGateways)
                {
                    outbound.Add(new Rule(EphemeralPriority, new OneToOneAction(state, privateIp, ephemeral), [family, ephemeralGateways, fromGuest]));
                }

                inbound.Add(new Rule(EphemeralPriority, new OneToOneAction(state, privateIp, ephemeral),
                    [family, Predicate.InnerDstIp(IpPrefix.Exact(ephemeral[0]))]));
            }

            SnatPool? snat = isV4 ? current.SnatV4 : current.SnatV6;
            if (snat is not null)
            {
                Predicate echo = isV4
                    ? Predicate.All(Predicate.InnerIpProtocol((byte)IpProtocol.Icmp), Predicate.IcmpType((8, 8)))
                    : Predicate.All(Predicate.InnerIpProtocol((byte)IpProtocol.Icmpv6), Predicate.Icmp6Type((128, 128)));
                Predicate translatable = Predicate.Any(Predicate.InnerIpProtocol((byte)IpProtocol.Tcp, (byte)IpProtocol.Udp), echo);
                if (ToGateways(targets, snat.ExternalIp, gatewayMap, toInternet) is { } snatGateways)
                {
                    outbound.Add(new Rule(SnatPriority, new SnatAction(state, isV4), [family, snatGateways, fromGuest, translatable]));
                }


                // ICMP errors about SNAT flows come back to the SNAT address: deliver them to the guest with the
                // quoted packet translated (what 1:1 NAT does for its addresses).
                Predicate quotingError = isV4
                    ? Predicate.All(Predicate.InnerIpProtocol((byte)IpProtocol.Icmp), Predicate.IcmpType((3, 3), (11, 12)))
                    : Predicate.All(Predicate.InnerIpProtocol((byte)IpProtocol.Icmpv6), Predicate.Icmp6Type((1, 4)));
                inbound.Add(new Rule(SnatPriority, new SnatIcmpErrorAction(new SnatIcmpErrorDescriptor(state, privateIp, snat.ExternalIp)),
                    [family, Predicate.InnerDstIp(IpPrefix.Exact(snat.ExternalIp)), quotingError]));
            }
        }

        foreach (IpPrefix subnet in current.ExternalSubnets)
        {
            Predicate family = Predicate.InnerEtherType((ushort)(subnet.IsIpv4 ? EtherType.Ipv4 : EtherType.Ipv6));
            outbound.Add(new Rule(ExternalSubnetPriority, markApplied, [family, toInternet, Predicate.InnerSrcIp(subnet)]));
        }

        outbound.Add(new Rule(NoExternalIpPriority, RuleAction.Deny, [toInternet]));
        return (inbound, outbound);
    }

    /// <summary>Gateways the map names for any of <paramref name="ips"/>, in a stable order.</summary>
    private static IEnumerable<Guid> GatewaysOf(PacketIp[] ips, IReadOnlyDictionary<PacketIp, Guid[]>? gatewayMap) =>
        gatewayMap is null ? [] : ips.Where(gatewayMap.ContainsKey).SelectMany(ip => gatewayMap[ip]).Distinct().Order();

    private static bool Serves(PacketIp ip, Guid gateway, IReadOnlyDictionary<PacketIp, Guid[]>? gatewayMap) =>
        gatewayMap is null || !gatewayMap.TryGetValue(ip, out Guid[]? gateways) || gateways.Contains(gateway);

    /// <summary>The router chose internet gateway <paramref name="gateway"/> (<c>router-target = ig=&lt;uuid&gt;</c>).</summary>
    private static Predicate ToGateway(RouteTargets targets, Guid gateway) =>
        Predicate.Meta(targets.TargetKey, targets.Interner.Intern(VpcRouter.InternetGatewayTarget(gateway)));

    /// <summary>
    /// The condition for using <paramref name="ip"/>: any internet gateway, or — when the map restricts it — one of its
    /// gateways; null when the map gives it no gateway at all (then no outbound rule uses it).
    /// </summary>
    private static Predicate? ToGateways(RouteTargets targets, PacketIp ip, IReadOnlyDictionary<PacketIp, Guid[]>? gatewayMap, Predicate toInternet)
    {
        if (gatewayMap is null || !gatewayMap.TryGetValue(ip, out Guid[]? gateways))
        {
            return toInternet;
        }

        return gateways.Length == 0 ? null : Predicate.Any([.. gateways.Distinct().Order().Select(g => ToGateway(targets, g))]);
    }

    private static IEnumerable<(PacketIp, bool)> Privates(Ipv4Cfg? v4, Ipv6Cfg? v6)
    {
        if (v4 is not null)
        {
            yield return (v4.PrivateIp.ToPacketIp(), true);
        }

        if (v6 is not null)
        {
            yield return (v6.PrivateIp.ToPacketIp(), false);
        }
    }

    /// <summary>Allows untranslated external traffic (attached external subnets) and says so in the metadata.</summary>
    private sealed class MarkApplied(ushort key, ushort value) : MetaAction
    {
        public override bool TryModify(in ParsedPacket packet, ref PacketMetadata metadata) => metadata.TrySet(key, value);

        public override string ToString() => "Meta(external-ip-applied)";
    }

    private sealed class OneToOneAction(NatState state, PacketIp privateIp, PacketIp[] externals) : StatefulAction
    {
        public override bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, Moment now, out ActionDescriptor? descriptor)
        {
            descriptor = null;
            if (!state.OneToOnePool.TryRent(out OneToOneNatDescriptor? rented))
            {
                return false;
            }

            // Outbound picks the floating IP by flow hash; inbound uses the address the packet was sent to.
            PacketIp external = direction == Direction.Outbound ? externals[(int)(flow.Hash() % (uint)externals.Length)] : packet.DstIp;
            rented!.Initialize(privateIp, external, state.OneToOneStillConfigured,
                translatesQuotedPacket: direction == Direction.Inbound && IcmpErrorTranslator.IsQuotingError(in packet), origin: direction);
            metadata.TrySet(state.Targets.ExternalIpAppliedKey, state.Targets.True);
            descriptor = rented;
            return true;
        }

        public override string ToString() => $"Stateful(1:1 {string.Join(',', externals)})";
    }

    /// <summary>Inbound ICMP errors to the SNAT address: every error flow shares the port's one translating descriptor.</summary>
    private sealed class SnatIcmpErrorAction(SnatIcmpErrorDescriptor descriptor) : StatefulAction
    {
        public override bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, Moment now, out ActionDescriptor? generated)
        {
            generated = descriptor;
            return true;
        }

        public override string ToString() => $"Stateful(SNAT ICMP error {descriptor.ExternalIp})";
    }

    private sealed class SnatAction(NatState state, bool ipv4) : StatefulAction
    {
        public override bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, Moment now, out ActionDescriptor? descriptor)
        {
            descriptor = null;
            ExternalIps current = state.Current;
            SnatPool? pool = ipv4 ? current.SnatV4 : current.SnatV6;
            SnatPortAllocator? allocator = pool?.For(packet.Protocol);
            if (pool is null || allocator is null)
            {
                return false;
            }

            if (!state.SnatPool.TryRent(out SnatDescriptor? rented))
            {
                return false;
            }

            // A flow moved here from another card keeps the external port it had there.
            ushort port;
            if (state.TryTakeReservation(in flow, out SnatReservation? reservation) && ReferenceEquals(reservation!.Allocator, allocator))
            {
                port = reservation.Assignment.ExternalPort;
            }
            else if (!allocator.TryAllocate(out port))
            {
                state.SnatPool.Return(rented!);
                Interlocked.Increment(ref state.SnatExhausted);
                return false;
            }

            bool icmp = packet.Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6;
            ushort privatePort = icmp ? packet.IcmpEchoId : packet.SrcPort;
            rented!.Initialize(packet.SrcIp, privatePort, pool.ExternalIp, port, icmp, allocator, state.SnatStillConfigured);
            metadata.TrySet(state.Targets.ExternalIpAppliedKey, state.Targets.True);
            descriptor = rented;
            return true;
        }

        public override string ToString() => "Stateful(SNAT)";
    }
}
