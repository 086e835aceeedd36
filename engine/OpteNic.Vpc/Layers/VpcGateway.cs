using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;
using OpteNic.Vpc.Hairpins;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// The gateway layer (section 3): the guest's hairpins (ARP, DHCPv4, DHCPv6, NDP, ICMP echo), anti-spoofing (only
/// the guest's own MAC and private IP leave), VNI tagging, and on the way in: only traffic for the guest's MAC and IP
/// (or multicast) passes, seen as coming from the gateway MAC. Default deny both ways.
/// </summary>
public static class VpcGateway
{
    /// <summary>The layer's name.</summary>
    public const string LayerName = "gateway";

    /// <summary>Priority of the hairpin and NDP rules (before anything else).</summary>
    public const ushort HairpinPriority = 1;

    /// <summary>Priority of the anti-spoofing allow rules.</summary>
    public const ushort AllowPriority = 1000;

    /// <summary>
    /// Priority of the ARP hairpin: after the allow rules. ARP never matches an allow rule (those need an IP ether
    /// type), so the order changes no verdict, and IP packets — nearly all traffic — stop at their allow rule without
    /// probing the ARP rule's classifier tuple.
    /// </summary>
    public const ushort ArpPriority = AllowPriority + 1;

    /// <summary>Metadata key naming the VNI a packet was tagged with.</summary>
    public const string VniKey = "vni";

    /// <summary>Responder settings from the port configuration (gateway link-local = EUI-64 of the gateway MAC).</summary>
    public static GatewayResponderOptions ResponderOptions(VpcCfg config, DhcpCfg? dhcp, int mtu)
    {
        ArgumentNullException.ThrowIfNull(config);
        (Ipv4Cfg? v4, Ipv6Cfg? v6) = Families(config.IpCfg);
        return new GatewayResponderOptions
        {
            GuestMac = MacBytes(config.GuestMac),
            GatewayMac = MacBytes(config.GatewayMac),
            PrivateIpv4 = v4 is null ? null : ToIp(v4.PrivateIp),
            GatewayIpv4 = v4 is null ? null : ToIp(v4.GatewayIp),
            PrivateIpv6 = v6 is null ? null : ToIp(v6.PrivateIp),
            GatewayIpv6 = v6 is null ? null : ToIp(v6.GatewayIp),
            Mtu = mtu,
            Hostname = dhcp?.Hostname,
            DomainName = dhcp?.HostDomain,
            SearchDomains = dhcp is null ? [] : [.. dhcp.DomainSearchList],
            DnsServersV4 = dhcp is null ? [] : [.. dhcp.Dns4Servers.Select(ToIp)],
            DnsServersV6 = dhcp is null ? [] : [.. dhcp.Dns6Servers.Select(ToIp)],
        };
    }

    /// <summary>Creates the (empty) layer; <see cref="BuildRules"/> gives its rules.</summary>
    public static Layer CreateLayer(int flowLimit) => new(LayerName, DefaultAction.Deny, DefaultAction.Deny, flowLimit);

    /// <summary>The gateway's inbound and outbound rules for <paramref name="config"/>.</summary>
    public static (List<Rule> Inbound, List<Rule> Outbound) BuildRules(VpcCfg config, GatewayResponder responder,
        GatewayHairpinCounters counters, VniTags vniTags)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(vniTags);
        (Ipv4Cfg? v4, Ipv6Cfg? v6) = Families(config.IpCfg);
        ulong guestMac = config.GuestMac.Value;
        var outbound = new List<Rule>();
        var inbound = new List<Rule>();
        GatewayHairpinAction Hairpin(GatewayHairpinKind kind) => new(kind, responder, counters);
        Predicate ether(EtherType type) => Predicate.InnerEtherType((ushort)type);

        // Classifier shape (slow-path cost): every IP hairpin rule indexes only ether type + IP protocol, so all of them
        // share one tuple and a guest's ordinary packet pays one probe (plus, for UDP, one failed DHCP check) before
        // reaching its allow rule. Their other conditions (ports, gateway address) are wrapped in Predicate.All, which
        // the classifier checks on candidates but does not index — each indexed field would otherwise give the rule a
        // tuple of its own, probed for every packet. ARP sorts after the allow rules (see ArpPriority).
        var tagVni = new TagAction(vniTags.Key, vniTags.Intern(config.Vni));
        if (v4 is not null)
        {
            PacketIp gateway = v4.GatewayIp.ToPacketIp();
            outbound.Add(new Rule(ArpPriority, Hairpin(GatewayHairpinKind.Arp), [ether(EtherType.Arp)]));
            outbound.Add(new Rule(HairpinPriority, Hairpin(GatewayHairpinKind.DhcpV4),
                [ether(EtherType.Ipv4), Predicate.InnerIpProtocol((byte)IpProtocol.Udp), Unindexed(Predicate.InnerSrcPort(68), Predicate.InnerDstPort(67))]));
            outbound.Add(new Rule(HairpinPriority, Hairpin(GatewayHairpinKind.IcmpEchoV4),
                [ether(EtherType.Ipv4), Predicate.InnerIpProtocol((byte)IpProtocol.Icmp), Predicate.IcmpType((8, 8)),
                 Unindexed(Predicate.InnerDstIp(IpPrefix.Exact(gateway)))]));
            outbound.Add(new Rule(AllowPriority, tagVni,
                [Predicate.InnerEtherSrc(guestMac), ether(EtherType.Ipv4), Predicate.InnerSrcIp(IpPrefix.Exact(v4.PrivateIp.ToPacketIp()))]));
            inbound.Add(new Rule(AllowPriority, new InboundRewrite(config.GatewayMac.Value),
                [Predicate.InnerEtherDst(guestMac), ether(EtherType.Ipv4), Predicate.InnerDstIp(IpPrefix.Exact(v4.PrivateIp.ToPacketIp()))]));
            inbound.Add(new Rule(AllowPriority, new InboundRewrite(config.GatewayMac.Value),
                [Predicate.InnerEtherDst(Predicate.MulticastMac), ether(EtherType.Ipv4), Predicate.InnerDstIp(IpPrefix.Parse("224.0.0.0/4"))]));
            AddRoutedPrefixes(outbound, inbound, config, tagVni, ether(EtherType.Ipv4),
                v4.AttachedSubnets.Select(a => (Prefix(a.Cidr.Network.Ip.ToPacketIp(), a.Cidr.PrefixLength), true, true)),
                v4.TransitIps.Select(t => (Prefix(t.Cidr.Network.Ip.ToPacketIp(), t.Cidr.PrefixLength), t.AllowIn, t.AllowOut)));
        }

        if (v6 is not null)
        {
            PacketIp linkLocal = PacketIp.ReadIpv6(responder.GatewayLinkLocal);
            PacketIp gateway = v6.GatewayIp.ToPacketIp();
            Predicate icmp6 = Predicate.InnerIpProtocol((byte)IpProtocol.Icmpv6);
            outbound.Add(new Rule(HairpinPriority, Hairpin(GatewayHairpinKind.RouterSolicitation), [ether(EtherType.Ipv6), icmp6, Predicate.Icmp6Type((133, 133))]));
            outbound.Add(new Rule(HairpinPriority, Hairpin(GatewayHairpinKind.NeighborSolicitation), [ether(EtherType.Ipv6), icmp6, Predicate.Icmp6Type((135, 135))]));
            // Any other NDP from the guest (advertisements, redirects) is denied outright.
            outbound.Add(new Rule(HairpinPriority, RuleAction.Deny, [ether(EtherType.Ipv6), icmp6, Predicate.Icmp6Type((134, 134), (136, 137))]));
            outbound.Add(new Rule(HairpinPriority, Hairpin(GatewayHairpinKind.IcmpEchoV6),
                [ether(EtherType.Ipv6), icmp6, Predicate.Icmp6Type((128, 128)), Unindexed(Predicate.InnerDstIp(IpPrefix.Exact(linkLocal), IpPrefix.Exact(gateway)))]));
            outbound.Add(new Rule(HairpinPriority, Hairpin(GatewayHairpinKind.DhcpV6),
                [ether(EtherType.Ipv6), Predicate.InnerIpProtocol((byte)IpProtocol.Udp), Unindexed(Predicate.InnerSrcPort(546), Predicate.InnerDstPort(547))]));
            outbound.Add(new Rule(AllowPriority, tagVni,
                [Predicate.InnerEtherSrc(guestMac), ether(EtherType.Ipv6), Predicate.InnerSrcIp(IpPrefix.Exact(v6.PrivateIp.ToPacketIp()))]));
            inbound.Add(new Rule(HairpinPriority, RuleAction.Deny, [ether(EtherType.Ipv6), icmp6, Predicate.Icmp6Type((133, 137))]));
            inbound.Add(new Rule(AllowPriority, new InboundRewrite(config.GatewayMac.Value),
                [Predicate.InnerEtherDst(guestMac), ether(EtherType.Ipv6), Predicate.InnerDstIp(IpPrefix.Exact(v6.PrivateIp.ToPacketIp()))]));
            inbound.Add(new Rule(AllowPriority, new InboundRewrite(config.GatewayMac.Value),
                [Predicate.InnerEtherDst(Predicate.MulticastMac), ether(EtherType.Ipv6), Predicate.InnerDstIp(IpPrefix.Parse("ff00::/8"))]));
            AddRoutedPrefixes(outbound, inbound, config, tagVni, ether(EtherType.Ipv6),
                v6.AttachedSubnets.Select(a => (Prefix(a.Cidr.Network.Ip.ToPacketIp(), a.Cidr.PrefixLength), true, true)),
                v6.TransitIps.Select(t => (Prefix(t.Cidr.Network.Ip.ToPacketIp(), t.Cidr.PrefixLength), t.AllowIn, t.AllowOut)));
        }

        return (inbound, outbound);
    }

    /// <summary>
    /// Attached subnets (routed to the guest: it may send from and receive for them) and transit CIDRs (allowed per
    /// direction) pass the anti-spoofing checks like the private IP does.
    /// </summary>
    private static void AddRoutedPrefixes(List<Rule> outbound, List<Rule> inbound, VpcCfg config, MetaAction tagVni, Predicate family,
        IEnumerable<(IpPrefix Prefix, bool AllowIn, bool AllowOut)> attached, IEnumerable<(IpPrefix Prefix, bool AllowIn, bool AllowOut)> transit)
    {
        foreach (var (prefix, allowIn, allowOut) in attached.Concat(transit))
        {
            if (allowOut)
            {
                outbound.Add(new Rule(AllowPriority, tagVni, [Predicate.InnerEtherSrc(config.GuestMac.Value), family, Predicate.InnerSrcIp(prefix)]));
            }

            if (allowIn)
            {
                inbound.Add(new Rule(AllowPriority, new InboundRewrite(config.GatewayMac.Value),
                    [Predicate.InnerEtherDst(config.GuestMac.Value), family, Predicate.InnerDstIp(prefix)]));
            }
        }
    }

    private static IpPrefix Prefix(PacketIp network, int length) => new(network, length);

    /// <summary>
    /// The same conditions, checked on a candidate rule but not used as classifier index keys (the classifier indexes
    /// only top-level ether type, protocol, address and port predicates), so the rule keeps the shared hairpin tuple.
    /// </summary>
    private static Predicate Unindexed(params Predicate[] conditions) => Predicate.All(conditions);

    internal static (Ipv4Cfg? V4, Ipv6Cfg? V6) Families(IpCfg ipCfg) => ipCfg switch
    {
        IpCfg.Ipv4 only => (only.Config, null),
        IpCfg.Ipv6 only => (null, only.Config),
        IpCfg.DualStack dual => (dual.V4, dual.V6),
        _ => (null, null),
    };

    private static byte[] MacBytes(MacAddr mac)
    {
        byte[] bytes = new byte[6];
        mac.CopyTo(bytes);
        return bytes;
    }

    private static IPAddress ToIp(Ipv4Addr address) => address.ToPacketIp().ToIPAddress();

    private static IPAddress ToIp(Ipv6Addr address) => address.ToPacketIp().ToIPAddress();

    /// <summary>Outbound anti-spoof pass: tags the packet with the port's VNI and allows it.</summary>
    private sealed class TagAction(ushort key, ushort value) : MetaAction
    {
        public override bool TryModify(in ParsedPacket packet, ref PacketMetadata metadata) => metadata.TrySet(key, value);

        public override string ToString() => "Meta(vni)";
    }

    /// <summary>Inbound pass: the guest sees every packet as coming from the gateway's MAC.</summary>
    private sealed class InboundRewrite(ulong gatewayMac) : StaticAction
    {
        private readonly HeaderTransform _transform = new() { InnerEther = EtherTransform.Modify(src: new MacAddress(gatewayMac)) };

        public override bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
            ref PacketMetadata metadata, out HeaderTransform transform)
        {
            transform = _transform;
            return true;
        }

        public override string ToString() => "Static(ether src = gateway)";
    }
}
