using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Vpc.Config;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Layers;
using OpteNic.Vpc.Nat;

namespace OpteNic.Vpc;

/// <summary>
/// One guest's port on the Oxide VPC network: an engine <see cref="Engine.Ports.Port"/> with the five layers
/// (gateway, firewall, router, nat, overlay — outbound order) built from a validated configuration, plus the VPC
/// commands that change it (router entries, firewall rules, external IPs). Created only through
/// <see cref="TryCreate"/>: every check runs and every rule is built before the port exists, so an invalid
/// configuration never leaves a half-built port behind.
/// </summary>
public sealed partial class VpcPort
{
    private readonly Lock _control = new();
    private readonly Dictionary<(IpCidr, RouterTarget, RouterClass), ulong> _routes = [];
    private readonly VpcPortOptions _options;
    private VpcCfg _config;

    private VpcPort(VpcCfg config, VpcPortOptions options, Port port, VpcNetwork network, GatewayResponder responder, GatewayHairpinCounters hairpins,
        RouteTargets targets, VniTags vniTags, NatState nat, OverlayCounters overlay)
    {
        Overlay = overlay;
        _config = config;
        _options = options;
        Port = port;
        Network = network;
        Responder = responder;
        Hairpins = hairpins;
        Targets = targets;
        VniTags = vniTags;
        Nat = nat;
    }

    /// <summary>The engine port (process packets, dump, expire flows, start/pause/reset).</summary>
    public Port Port { get; }

    /// <summary>The configuration in force.</summary>
    public VpcCfg Config => _config;

    /// <summary>The card-wide tables this port reads.</summary>
    public VpcNetwork Network { get; }

    /// <summary>The gateway's reply builder.</summary>
    public GatewayResponder Responder { get; }

    /// <summary>Hairpin replies and unanswered requests by kind and reason.</summary>
    public GatewayHairpinCounters Hairpins { get; }

    /// <summary>Interned router metadata ids.</summary>
    public RouteTargets Targets { get; }

    /// <summary>Interned VNI tags.</summary>
    public VniTags VniTags { get; }

    /// <summary>Why the overlay refused packets (missing V2P/V2B/M2P, TCP to multicast…).</summary>
    public OverlayCounters Overlay { get; }

    /// <summary>External addressing and NAT pools.</summary>
    public NatState Nat { get; }

    /// <summary>
    /// Validates <paramref name="config"/> and builds the port, or returns the first configuration error (and no port).
    /// The port is left Ready; call <c>Port.Start()</c> to process packets.
    /// </summary>
    public static bool TryCreate(string name, VpcCfg config, DhcpCfg? dhcp, VpcNetwork network, VpcPortOptions? options,
        [NotNullWhen(true)] out VpcPort? port, [NotNullWhen(false)] out VpcConfigError? error)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(network);
        options ??= new VpcPortOptions();
        port = null;
        error = VpcConfigValidator.Validate(config, dhcp ?? EmptyDhcp, options.Mtu);
        if (error is not null)
        {
            return false;
        }

        // Everything below is construction from a valid configuration; nothing is published until it all succeeded.
        var responder = new GatewayResponder(VpcGateway.ResponderOptions(config, dhcp, options.Mtu));
        var hairpins = new GatewayHairpinCounters();
        var interner = new MetadataInterner();
        var targets = new RouteTargets(interner);
        var vniTags = new VniTags(interner);
        (Ipv4Cfg? v4, Ipv6Cfg? v6) = VpcGateway.Families(config.IpCfg);
        var nat = new NatState(ExternalIps.From(v4, v6), options.LayerFlowLimit, targets);

        var gatewayRules = VpcGateway.BuildRules(config, responder, hairpins, vniTags);
        var natRules = VpcNat.BuildRules(config, nat, targets);
        var overlayCounters = new OverlayCounters();
        var overlayRules = VpcOverlay.BuildRules(config, options.Mtu, network, targets, vniTags, nat, overlayCounters, options.MulticastReplication);

        var builder = new PortBuilder(name, interner);
        var natLayer = VpcNat.CreateLayer(options.LayerFlowLimit);
        nat.AttachLayer(natLayer);
        builder.AddLayer(VpcGateway.CreateLayer(options.LayerFlowLimit), LayerPosition.Last);
        builder.AddLayer(VpcFirewall.CreateLayer(options.LayerFlowLimit), LayerPosition.Last);
        builder.AddLayer(VpcRouter.CreateLayer(options.LayerFlowLimit), LayerPosition.Last);
        builder.AddLayer(natLayer, LayerPosition.Last);
        builder.AddLayer(VpcOverlay.CreateLayer(options.LayerFlowLimit), LayerPosition.Last);
        Port engine = builder.Create(new PortOptions
        {
            UftLimit = options.UftLimit,
            TcpLimit = options.TcpLimit,
            InboundParseMode = options.InboundParseMode,
            DependencyVersions = network.Dependencies,
        });

        Apply(engine.SetRules(VpcGateway.LayerName, gatewayRules.Inbound, gatewayRules.Outbound));
        Apply(engine.SetRules(VpcRouter.LayerName, [], VpcRouter.BaseOutboundRules()));
        Apply(engine.SetRules(VpcNat.LayerName, natRules.Inbound, natRules.Outbound));
        Apply(engine.SetRules(VpcOverlay.LayerName, overlayRules.Inbound, overlayRules.Outbound));

        // Beyond OPTE: guest packets over the port MTU get ICMP fragmentation needed / packet too big from the
        // gateway, on established flows as well as first packets (the engine checks before its UFT lookup). Inbound
        // is not limited: peers in the VPC share the MTU and boundary services enforce the internet side's.
        engine.SetPacketSizeLimit(Direction.Outbound, options.Mtu,
            new GatewayPacketTooBigResponder(responder, hairpins, new Packets.MacAddress(config.GuestMac.Value)));
        port = new VpcPort(config, options, engine, network, responder, hairpins, targets, vniTags, nat, overlayCounters);
        return true;
    }

    /// <summary>Adds a route (add-router-entry); false with a reason for an entry that was not added.</summary>
    public bool TryAddRouterEntry(IpCidr destination, RouterTarget target, RouterClass routerClass, [NotNullWhen(false)] out string? error)
        => TryAddRouterEntry(destination, target, routerClass, out _, out error);

    /// <summary>
    /// Adds a route (add-router-entry; idempotent); false with why (<paramref name="refusal"/>) and the reason in words.
    /// A target whose metadata value does not fit the port's interner is refused whole: nothing is registered.
    /// </summary>
    public bool TryAddRouterEntry(IpCidr destination, RouterTarget target, RouterClass routerClass, out RouterEntryRefusal refusal,
        [NotNullWhen(false)] out string? error)
    {
        error = VpcRouter.Validate(destination, target);
        if (error is not null)
        {
            refusal = RouterEntryRefusal.Invalid;
            return false;
        }

        lock (_control)
        {
            var key = (destination, target, routerClass);
            if (_routes.ContainsKey(key))
            {
                refusal = RouterEntryRefusal.None;
                return true;
            }

            // Validated above, so the only refusal left here is a full metadata interner.
            if (!VpcRouter.TryToRule(destination, target, routerClass, Targets, out Rule? rule, out error))
            {
                refusal = RouterEntryRefusal.NoMetadataSpace;
                return false;
            }

            PortOperationResult result = Port.AddRule(VpcRouter.LayerName, Direction.Outbound, rule, out ulong id);
            if (result != PortOperationResult.Ok)
            {
                refusal = RouterEntryRefusal.EngineRefused;
                error = result.ToString();
                return false;
            }

            _routes[key] = id;
            refusal = RouterEntryRefusal.None;
            return true;
        }
    }

    /// <summary>Removes a route (del-router-entry); false if it does not exist.</summary>
    public bool TryDeleteRouterEntry(IpCidr destination, RouterTarget target, RouterClass routerClass)
    {
        lock (_control)
        {
            var key = (destination, target, routerClass);
            if (!_routes.Remove(key, out ulong id))
            {
                return false;
            }

            return Port.RemoveRule(VpcRouter.LayerName, Direction.Outbound, id) == PortOperationResult.Ok;
        }
    }

    /// <summary>
    /// Makes room for the VNIs that <paramref name="rules"/> filter on (<c>vni=</c> hosts) in the port's metadata
    /// interner, before the rules are built: false with the VNI that does not fit, so set-fw-rules / add-fw-rule answer
    /// a capacity error instead of building a rule that would match the catch-all id. VNIs already known cost nothing.
    /// </summary>
    public bool TryReserveFirewallVnis(IEnumerable<FirewallRule> rules, [NotNullWhen(false)] out Vni? vniWithoutSpace)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (FirewallRule rule in rules)
        {
            if (rule.Filters.Hosts is FirewallAddress.Vni vni && VniTags.TryIntern(vni.Value, out _) != MetadataInternResult.Ok)
            {
                vniWithoutSpace = vni.Value;
                return false;
            }
        }

        vniWithoutSpace = null;
        return true;
    }

    /// <summary>Replaces the firewall rules (set-fw-rules); clears the firewall's flow table.</summary>
    public PortOperationResult SetFirewallRules(IEnumerable<FirewallRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var inbound = new List<Rule>();
        var outbound = new List<Rule>();
        foreach (FirewallRule rule in rules)
        {
            (VpcFirewall.DirectionOf(rule) == Direction.Inbound ? inbound : outbound).Add(VpcFirewall.ToRule(rule, VniTags));
        }

        return Port.SetRules(VpcFirewall.LayerName, inbound, outbound);
    }

    /// <summary>Adds one firewall rule (add-fw-rule); existing flows keep their state.</summary>
    public PortOperationResult AddFirewallRule(FirewallRule rule, out ulong id)
        => Port.AddRule(VpcFirewall.LayerName, VpcFirewall.DirectionOf(rule), VpcFirewall.ToRule(rule, VniTags), out id);

    /// <summary>
    /// Replaces the external addressing (set-external-ips) with a soft rule replace: flows whose external address is
    /// still configured keep it; others are re-classified on their next packet. A null family keeps its addresses.
    /// </summary>
    public bool TrySetExternalIps(ExternalIpCfg<Ipv4Addr>? v4External, ExternalIpCfg<Ipv6Addr>? v6External, [NotNullWhen(false)] out VpcConfigError? error)
        => TrySetExternalIps(v4External, v6External, inetGatewayMap: null, out error);

    /// <summary>
    /// set-external-ips with its internet-gateway map: each listed external IP is used only for flows the router sends
    /// to one of its gateways (null map: every external IP serves every gateway). The map may name only the port's
    /// external IPs.
    /// </summary>
    public bool TrySetExternalIps(ExternalIpCfg<Ipv4Addr>? v4External, ExternalIpCfg<Ipv6Addr>? v6External,
        IReadOnlyList<InetGatewayEntry>? inetGatewayMap, [NotNullWhen(false)] out VpcConfigError? error)
    {
        lock (_control)
        {
            if (RefusedByPortState() is { } refused)
            {
                error = refused;
                return false;
            }

            (Ipv4Cfg? v4, Ipv6Cfg? v6) = VpcGateway.Families(_config.IpCfg);
            if ((v4External is not null && v4 is null) || (v6External is not null && v6 is null))
            {
                error = new(VpcConfigErrorKind.MixedAddressFamilies, $"the port has no {(v4 is null ? "IPv4" : "IPv6")} configuration for those external addresses");
                return false;
            }

            Ipv4Cfg? newV4 = v4 is null ? null : v4 with { ExternalIps = v4External ?? v4.ExternalIps };
            Ipv6Cfg? newV6 = v6 is null ? null : v6 with { ExternalIps = v6External ?? v6.ExternalIps };
            return TryApply(_config with { IpCfg = WithFamilies(newV4, newV6) }, inetGatewayMap, keepGatewayMap: false, out error);
        }
    }

    /// <summary>
    /// Applies a changed configuration to the live port, all or nothing: external IPs, attached subnets and transit
    /// CIDRs may change (NAT is refreshed with a soft replace, so flows whose external address stays valid keep it;
    /// the gateway's anti-spoofing rules are rebuilt); a change to anything else (MAC, VNI, underlay address, VPC
    /// subnets, private or gateway IPs) needs a new port and is refused with <see cref="VpcConfigErrorKind.ImmutableField"/>.
    /// A paused port takes no change at all (the engine refuses rule changes while paused): that is
    /// <see cref="VpcConfigErrorKind.EngineRefused"/> with <see cref="PortOperationResult.BadState"/>, reported before the
    /// request's content is judged, as OPTE checks the port state first. The internet-gateway map in force is kept. On
    /// any error nothing changes.
    /// </summary>
    public bool TryReconfigure(VpcCfg next, [NotNullWhen(false)] out VpcConfigError? error)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_control)
        {
            return TryApply(next, null, keepGatewayMap: true, out error);
        }
    }

    /// <summary>Caller holds the control lock.</summary>
    private bool TryApply(VpcCfg next, IReadOnlyList<InetGatewayEntry>? inetGatewayMap, bool keepGatewayMap, [NotNullWhen(false)] out VpcConfigError? error)
    {
        error = RefusedByPortState() ?? ImmutableChange(_config, next) ?? VpcConfigValidator.Validate(next, null, _options.Mtu);
        if (error is not null)
        {
            return false;
        }

        (Ipv4Cfg? newV4, Ipv6Cfg? newV6) = VpcGateway.Families(next.IpCfg);
        ExternalIps nextExternal = ExternalIps.From(newV4, newV6, Nat.Current);
        IReadOnlyDictionary<Packets.IpAddr, Guid[]>? gatewayMap = _gatewayMap;
        if (!keepGatewayMap && !TryBuildGatewayMap(inetGatewayMap, nextExternal, out gatewayMap, out error))
        {
            return false;
        }

        // Build every rule before changing anything, so nothing below can fail half-way.
        var gatewayRules = VpcGateway.BuildRules(next, Responder, Hairpins, VniTags);
        ExternalIps previous = Nat.Current;
        Nat.Replace(nextExternal);
        var natRules = VpcNat.BuildRules(next, Nat, Targets, gatewayMap);
        PortOperationResult result = Port.SetRulesSoft(VpcNat.LayerName, natRules.Inbound, natRules.Outbound);
        if (result == PortOperationResult.Ok && !SameAntiSpoofing(_config, next))
        {
            result = Port.SetRules(VpcGateway.LayerName, gatewayRules.Inbound, gatewayRules.Outbound);
        }

        if (result != PortOperationResult.Ok)
        {
            // Only reachable if the port's state changed under us (the owner rule says it cannot) or a layer vanished:
            // the engine checks before changing anything, so the nat call refuses before any rule moved.
            Nat.Replace(previous);
            error = EngineRefused(result);
            return false;
        }

        _gatewayMap = gatewayMap;
        _config = next;
        return true;
    }

    private IReadOnlyDictionary<Packets.IpAddr, Guid[]>? _gatewayMap;

    /// <summary>
    /// The engine's refusal of rule changes in the port's current state (<see cref="Port.SetRules(string, IEnumerable{Rule}, IEnumerable{Rule})"/>
    /// answers BadState while paused), asked before anything is built or changed so a change is all or nothing; null
    /// when the port can change.
    /// </summary>
    private VpcConfigError? RefusedByPortState() =>
        Port.State == PortState.Paused ? EngineRefused(PortOperationResult.BadState) : null;

    private VpcConfigError EngineRefused(PortOperationResult result) =>
        new(VpcConfigErrorKind.EngineRefused, result == PortOperationResult.BadState
            ? $"the port is {Port.State} and takes no rule or configuration change"
            : $"the engine refused the new rules: {result}")
        {
            EngineResult = result,
        };

    /// <summary>The internet-gateway map in force (external IP → gateways it may use), or null for none.</summary>
    public IReadOnlyDictionary<Packets.IpAddr, Guid[]>? InternetGatewayMap => _gatewayMap;

    private static bool TryBuildGatewayMap(IReadOnlyList<InetGatewayEntry>? entries, ExternalIps external,
        out IReadOnlyDictionary<Packets.IpAddr, Guid[]>? map, [NotNullWhen(false)] out VpcConfigError? error)
    {
        map = null;
        error = null;
        if (entries is null)
        {
            return true;
        }

        var built = new Dictionary<Packets.IpAddr, Guid[]>();
        foreach (InetGatewayEntry entry in entries)
        {
            Packets.IpAddr ip = entry.Ip.ToPacketIp();
            if (!external.HasOneToOne(ip) && external.SnatV4?.ExternalIp != ip && external.SnatV6?.ExternalIp != ip)
            {
                error = new(VpcConfigErrorKind.InvalidExternalIp, $"internet-gateway map names {entry.Ip}, which is not an external IP of the port");
                return false;
            }

            if (!built.TryAdd(ip, [.. entry.Gateways.Distinct()]))
            {
                error = new(VpcConfigErrorKind.InvalidExternalIp, $"internet-gateway map lists {entry.Ip} twice");
                return false;
            }
        }

        map = built;
        return true;
    }

    private static VpcConfigError? ImmutableChange(VpcCfg current, VpcCfg next)
    {
        (Ipv4Cfg? a4, Ipv6Cfg? a6) = VpcGateway.Families(current.IpCfg);
        (Ipv4Cfg? b4, Ipv6Cfg? b6) = VpcGateway.Families(next.IpCfg);
        string? what = current.GuestMac != next.GuestMac ? "guest MAC"
            : current.GatewayMac != next.GatewayMac ? "gateway MAC"
            : current.Vni != next.Vni ? "VNI"
            : current.PhysIp != next.PhysIp ? "underlay address"
            : (a4 is null) != (b4 is null) || (a6 is null) != (b6 is null) ? "address families"
            : a4 is not null && (a4.VpcSubnet != b4!.VpcSubnet || a4.PrivateIp != b4.PrivateIp || a4.GatewayIp != b4.GatewayIp) ? "IPv4 subnet, private or gateway IP"
            : a6 is not null && (a6.VpcSubnet != b6!.VpcSubnet || a6.PrivateIp != b6.PrivateIp || a6.GatewayIp != b6.GatewayIp) ? "IPv6 subnet, private or gateway IP"
            : null;
        return what is null ? null : new(VpcConfigErrorKind.ImmutableField, $"the {what} of a live port cannot change; create a new port");
    }

    /// <summary>True when attached subnets and transit CIDRs (the gateway layer's inputs besides the fixed fields) are unchanged.</summary>
    private static bool SameAntiSpoofing(VpcCfg current, VpcCfg next)
    {
        (Ipv4Cfg? a4, Ipv6Cfg? a6) = VpcGateway.Families(current.IpCfg);
        (Ipv4Cfg? b4, Ipv6Cfg? b6) = VpcGateway.Families(next.IpCfg);
        return (a4 is null || (a4.AttachedSubnets.SequenceEqual(b4!.AttachedSubnets) && a4.TransitIps.SequenceEqual(b4.TransitIps)))
            && (a6 is null || (a6.AttachedSubnets.SequenceEqual(b6!.AttachedSubnets) && a6.TransitIps.SequenceEqual(b6.TransitIps)));
    }

    private IpCfg WithFamilies(Ipv4Cfg? v4, Ipv6Cfg? v6) => (v4, v6) switch
    {
        ({ } a, { } b) => new IpCfg.DualStack(a, b),
        ({ } a, null) => new IpCfg.Ipv4(a),
        (null, { } b) => new IpCfg.Ipv6(b),
        _ => _config.IpCfg,
    };

    /// <summary>
    /// Exports the SNAT translations of the port's live flows (port state export, beyond OPTE) so another card can
    /// keep them. Control path: walks the nat layer's flow table.
    /// </summary>
    public List<NatAssignment> ExportNatAssignments()
    {
        var assignments = new List<NatAssignment>();
        var flows = Port.FindLayer(VpcNat.LayerName)!.Flows;
        for (int pair = 0; pair < flows.Capacity; pair++)
        {
            if (flows.IsUsed(pair) && flows.EntryAt(pair).Descriptor is SnatDescriptor snat)
            {
                assignments.Add(new NatAssignment(flows.OutboundKeyAt(pair), snat.ExternalIp, snat.ExternalPort));
            }
        }

        return assignments;
    }

    /// <summary>
    /// Imports SNAT translations exported by <see cref="ExportNatAssignments"/> on another card: their ports are
    /// reserved here, and each flow's next outbound packet continues with its old external port. Returns how many
    /// were accepted (the SNAT IP must be the same).
    /// </summary>
    public int ImportNatAssignments(IEnumerable<NatAssignment> assignments) => Nat.ImportAssignments(assignments);

    private static readonly DhcpCfg EmptyDhcp = new(null, null, [], [], []);

    private static void Apply(PortOperationResult result)
    {
        if (result != PortOperationResult.Ok)
        {
            throw new InvalidOperationException($"engine refused VPC rules: {result}");
        }
    }
}
