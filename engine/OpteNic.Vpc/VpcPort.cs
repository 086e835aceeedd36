using System.Diagnostics.CodeAnalysis;
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
public sealed class VpcPort
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
        });

        Apply(engine.SetRules(VpcGateway.LayerName, gatewayRules.Inbound, gatewayRules.Outbound));
        Apply(engine.SetRules(VpcRouter.LayerName, [], VpcRouter.BaseOutboundRules()));
        Apply(engine.SetRules(VpcNat.LayerName, natRules.Inbound, natRules.Outbound));
        Apply(engine.SetRules(VpcOverlay.LayerName, overlayRules.Inbound, overlayRules.Outbound));
        port = new VpcPort(config, options, engine, network, responder, hairpins, targets, vniTags, nat, overlayCounters);
        return true;
    }

    /// <summary>Adds a route (add-router-entry); false with a reason for an invalid entry.</summary>
    public bool TryAddRouterEntry(IpCidr destination, RouterTarget target, RouterClass routerClass, [NotNullWhen(false)] out string? error)
    {
        error = VpcRouter.Validate(destination, target);
        if (error is not null)
        {
            return false;
        }

        lock (_control)
        {
            var key = (destination, target, routerClass);
            if (_routes.ContainsKey(key))
            {
                return true;
            }

            PortOperationResult result = Port.AddRule(VpcRouter.LayerName, Direction.Outbound, VpcRouter.ToRule(destination, target, routerClass, Targets), out ulong id);
            if (result != PortOperationResult.Ok)
            {
                error = result.ToString();
                return false;
            }

            _routes[key] = id;
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
    /// still configured keep it; others are re-classified on their next packet.
    /// </summary>
    public bool TrySetExternalIps(ExternalIpCfg<Ipv4Addr>? v4External, ExternalIpCfg<Ipv6Addr>? v6External, [NotNullWhen(false)] out VpcConfigError? error)
    {
        lock (_control)
        {
            (Ipv4Cfg? v4, Ipv6Cfg? v6) = VpcGateway.Families(_config.IpCfg);
            Ipv4Cfg? newV4 = v4 is null ? null : v4 with { ExternalIps = v4External ?? v4.ExternalIps };
            Ipv6Cfg? newV6 = v6 is null ? null : v6 with { ExternalIps = v6External ?? v6.ExternalIps };
            IpCfg ipCfg = (newV4, newV6) switch
            {
                ({ } a, { } b) => new IpCfg.DualStack(a, b),
                ({ } a, null) => new IpCfg.Ipv4(a),
                (null, { } b) => new IpCfg.Ipv6(b),
                _ => _config.IpCfg,
            };
            VpcCfg next = _config with { IpCfg = ipCfg };
            error = VpcConfigValidator.Validate(next, null, _options.Mtu);
            if (error is not null)
            {
                return false;
            }

            Nat.Replace(ExternalIps.From(newV4, newV6, Nat.Current));
            var rules = VpcNat.BuildRules(next, Nat, Targets);
            Apply(Port.SetRulesSoft(VpcNat.LayerName, rules.Inbound, rules.Outbound));
            _config = next;
            return true;
        }
    }

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
