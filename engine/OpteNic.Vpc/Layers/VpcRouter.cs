using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// The router layer (section 3): each route entry becomes an outbound rule whose priority makes the longest prefix
/// win and a custom route beat a system route of the same length; drop targets deny, the others set
/// <c>router-target</c> and <c>router-target-class</c> metadata for the nat and overlay layers. Multicast is allowed
/// at priority 0. Defaults: inbound allow, outbound deny (no route = no way out).
/// </summary>
public static class VpcRouter
{
    /// <summary>The layer's name.</summary>
    public const string LayerName = "router";

    /// <summary>Metadata key holding the chosen target (<c>ig</c>, <c>ig=uuid</c>, <c>ip4=…</c>, <c>ip6=…</c>, <c>sub4=…</c>, <c>sub6=…</c>).</summary>
    public const string TargetKey = "router-target";

    /// <summary>Metadata key holding the target class (<c>ig</c>, <c>ip</c>, <c>subnet</c>).</summary>
    public const string TargetClassKey = "router-target-class";

    /// <summary>The <c>router-target</c> value of internet gateway <paramref name="id"/>: <c>ig=&lt;uuid&gt;</c>.</summary>
    public static string InternetGatewayTarget(Guid id) => $"ig={id.ToString("D", CultureInfo.InvariantCulture)}";

    /// <summary>Creates the (empty) layer.</summary>
    public static Layer CreateLayer(int flowLimit) => new(LayerName, DefaultAction.Allow, DefaultAction.Deny, flowLimit);

    /// <summary>
    /// Priority of a route: <c>((maxlen − prefixlen) &lt;&lt; 1 | (custom ? 0 : 1)) + 10</c> — longest prefix first,
    /// custom before system at equal length, all after the multicast rule (0).
    /// </summary>
    public static ushort Priority(IpCidr destination, RouterClass routerClass)
        => (ushort)((((destination.MaxPrefixLength - destination.PrefixLength) << 1) | (routerClass == RouterClass.Custom ? 0 : 1)) + 10);

    /// <summary>The always-present rules: IPv4 and IPv6 multicast pass at priority 0.</summary>
    public static List<Rule> BaseOutboundRules() =>
    [
        new Rule(0, RuleAction.Allow, [Predicate.InnerDstIp(IpPrefix.Parse("224.0.0.0/4"), IpPrefix.Parse("ff00::/8"))]),
    ];

    /// <summary>Why a route entry is invalid (multicast destination, family mismatch), or null.</summary>
    public static string? Validate(IpCidr destination, RouterTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (destination.Ip.IsMulticast)
        {
            return $"destination {destination} is multicast";
        }

        return target switch
        {
            RouterTarget.Ip ip when ip.Address.IsIpv4 != destination.IsIpv4 => $"target IP {ip.Address} is not of the family of {destination}",
            RouterTarget.Ip ip when ip.Address.IsMulticast => $"target IP {ip.Address} is multicast",
            RouterTarget.VpcSubnet subnet when subnet.Subnet.IsIpv4 != destination.IsIpv4 => $"target subnet {subnet.Subnet} is not of the family of {destination}",
            _ => null,
        };
    }

    /// <summary>
    /// The rule of one route entry; throws <see cref="ArgumentException"/> for an invalid entry (check
    /// <see cref="Validate"/> first) and <see cref="InvalidOperationException"/> when the metadata interner is full.
    /// Commands use <see cref="TryToRule"/>, which reports both as errors.
    /// </summary>
    public static Rule ToRule(IpCidr destination, RouterTarget target, RouterClass routerClass, RouteTargets targets)
    {
        string? invalid = Validate(destination, target);
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(target));
        }

        return TryToRule(destination, target, routerClass, targets, out Rule? rule, out string? error)
            ? rule
            : throw new InvalidOperationException(error);
    }

    /// <summary>
    /// The rule of one route entry (add-router-entry), or false with the reason: an invalid entry (as
    /// <see cref="Validate"/>), or "no space" when the target's metadata string is new and the port's metadata
    /// interner has no id left (<see cref="MetadataInternResult.Full"/>; nothing is registered then).
    /// </summary>
    public static bool TryToRule(IpCidr destination, RouterTarget target, RouterClass routerClass, RouteTargets targets,
        [NotNullWhen(true)] out Rule? rule, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(targets);
        rule = null;
        MetadataInterner interner = targets.Interner;
        error = Validate(destination, target);
        if (error is not null)
        {
            return false;
        }

        var (network, _) = destination.ToPacketPrefix();
        Predicate[] predicates = [Predicate.InnerDstIp(new IpPrefix(network, destination.PrefixLength))];
        ushort priority = Priority(destination, routerClass);
        if (target is RouterTarget.Drop)
        {
            rule = new Rule(priority, RuleAction.Deny, predicates);
            return true;
        }

        (string value, string targetClass) = target switch
        {
            RouterTarget.InternetGateway { Id: null } => ("ig", "ig"),
            RouterTarget.InternetGateway ig => (InternetGatewayTarget(ig.Id!.Value), "ig"),
            RouterTarget.Ip ip => (ip.Address.IsIpv4 ? $"ip4={ip.Address}" : $"ip6={ip.Address}", "ip"),
            RouterTarget.VpcSubnet subnet => (subnet.Subnet.IsIpv4 ? $"sub4={subnet.Subnet}" : $"sub6={subnet.Subnet}", "subnet"),
            _ => throw new ArgumentException($"unknown router target {target}", nameof(target)),
        };

        // The keys and classes were interned when the port was built (RouteTargets); only the target value can be new.
        if (interner.TryIntern(value, out ushort valueId) != MetadataInternResult.Ok ||
            interner.TryIntern(TargetKey, out ushort targetKey) != MetadataInternResult.Ok ||
            interner.TryIntern(TargetClassKey, out ushort classKey) != MetadataInternResult.Ok ||
            interner.TryIntern(targetClass, out ushort classId) != MetadataInternResult.Ok)
        {
            error = $"no space: the port's metadata interner is full, cannot add router target {value}";
            return false;
        }

        if (target is RouterTarget.Ip nextHop)
        {
            targets.RegisterNextHop(valueId, nextHop.Address.ToPacketIp());
        }

        rule = new Rule(priority, new SetTarget(targetKey, valueId, classKey, classId, value), predicates);
        return true;
    }

    /// <summary>Sets the two router metadata pairs and allows.</summary>
    private sealed class SetTarget(ushort targetKey, ushort target, ushort classKey, ushort targetClass, string text) : MetaAction
    {
        public override bool TryModify(in ParsedPacket packet, ref PacketMetadata metadata)
            => metadata.TrySet(targetKey, target) && metadata.TrySet(classKey, targetClass);

        public override string ToString() => $"Meta({TargetKey}={text})";
    }
}
