using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using ApiDirection = OpteNic.Api.Direction;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// The firewall layer (section 3): VPC firewall rules become engine rules. Hosts match the source of inbound rules
/// and the destination of outbound ones; ports match the destination port only, consecutive ports merged into
/// ranges; allow becomes stateful-allow so replies pass. Defaults: inbound deny, outbound stateful-allow.
/// </summary>
public static class VpcFirewall
{
    /// <summary>The layer's name.</summary>
    public const string LayerName = "firewall";

    /// <summary>Creates the (empty) layer.</summary>
    public static Layer CreateLayer(int flowLimit) => new(LayerName, DefaultAction.Deny, DefaultAction.StatefulAllow, flowLimit);

    /// <summary>The engine direction of a firewall rule.</summary>
    public static Direction DirectionOf(FirewallRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Direction == ApiDirection.In ? Direction.Inbound : Direction.Outbound;
    }

    /// <summary>Converts one firewall rule into an engine rule.</summary>
    public static Rule ToRule(FirewallRule rule, VniTags vniTags)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(vniTags);
        bool inbound = rule.Direction == ApiDirection.In;
        var predicates = new List<Predicate>();
        switch (rule.Filters.Hosts)
        {
            case FirewallAddress.Ip ip:
                predicates.Add(HostPredicate(inbound, IpPrefix.Exact(ip.Address.ToPacketIp())));
                break;
            case FirewallAddress.Subnet subnet:
                var (network, bits) = subnet.Cidr.ToPacketPrefix();
                predicates.Add(HostPredicate(inbound, new IpPrefix(network, subnet.Cidr.PrefixLength)));
                _ = bits;
                break;
            case FirewallAddress.Vni vni:
                predicates.Add(Predicate.Meta(vniTags.Key, vniTags.Intern(vni.Value)));
                break;
        }

        switch (rule.Filters.Protocol)
        {
            case ProtocolFilter.Arp:
                predicates.Add(Predicate.InnerEtherType((ushort)EtherType.Arp));
                break;
            case ProtocolFilter.Tcp:
                predicates.Add(Predicate.InnerIpProtocol((byte)IpProtocol.Tcp));
                break;
            case ProtocolFilter.Udp:
                predicates.Add(Predicate.InnerIpProtocol((byte)IpProtocol.Udp));
                break;
            case ProtocolFilter.Icmp icmp:
                predicates.Add(Predicate.InnerIpProtocol((byte)IpProtocol.Icmp));
                AddIcmp(predicates, icmp.Filter, v6: false);
                break;
            case ProtocolFilter.Icmp6 icmp6:
                predicates.Add(Predicate.InnerIpProtocol((byte)IpProtocol.Icmpv6));
                AddIcmp(predicates, icmp6.Filter, v6: true);
                break;
            case ProtocolFilter.Other other:
                predicates.Add(Predicate.InnerIpProtocol(other.Protocol));
                break;
        }

        if (rule.Filters.Ports is Ports.PortList list && list.Values.Count > 0)
        {
            predicates.Add(Predicate.InnerDstPortRanges([.. MergePorts(list.Values)]));
        }

        RuleAction action = rule.Action == FirewallAction.Allow ? RuleAction.StatefulAllow : RuleAction.Deny;
        return new Rule(rule.Priority, action, predicates);
    }

    /// <summary>Sorts ports and merges consecutive ones into ranges (80, 81, 82, 443 → 80–82, 443).</summary>
    public static List<(ushort Low, ushort High)> MergePorts(IEnumerable<ushort> ports)
    {
        var ranges = new List<(ushort Low, ushort High)>();
        foreach (ushort port in ports.Distinct().Order())
        {
            if (ranges.Count > 0 && ranges[^1].High + 1 == port)
            {
                ranges[^1] = (ranges[^1].Low, port);
            }
            else
            {
                ranges.Add((port, port));
            }
        }

        return ranges;
    }

    private static Predicate HostPredicate(bool inbound, IpPrefix prefix) => inbound ? Predicate.InnerSrcIp(prefix) : Predicate.InnerDstIp(prefix);

    private static void AddIcmp(List<Predicate> predicates, IcmpFilter? filter, bool v6)
    {
        if (filter is null)
        {
            return;
        }

        predicates.Add(v6 ? Predicate.Icmp6Type((filter.Type, filter.Type)) : Predicate.IcmpType((filter.Type, filter.Type)));
        if (filter.CodeFirst is byte first)
        {
            byte last = filter.CodeLast ?? first;
            predicates.Add(v6 ? Predicate.Icmp6Code((first, last)) : Predicate.IcmpCode((first, last)));
        }
    }
}
