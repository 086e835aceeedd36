using System.Text;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.DataPath;
using OpteNic.Firmware.Ports;
using OpteNic.Packets.Parsing;
using OpteNic.Vpc.Hairpins;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// <see cref="OpteCmd.Stats"/> (card extension): the card's own counters — frames bound to ports or passed through,
/// demultiplexing drops by reason, wire parse drops by reason, table sizes — and, when a port is named, every counter
/// of the port (OPTE's <c>in_</c>/<c>out_</c> names, TCP table, parse drops, gateway hairpins, SNAT exhaustion) and of
/// each of its layers. Named counters, so adding one needs no wire change. Unknown port:
/// <see cref="OpteError.PortNotFound"/>.
/// </summary>
public sealed class StatsHandler : CommandHandler<StatsReq, StatsResp>
{
    private const string LayerPrefix = "layer.";

    private readonly PortRegistry _registry;
    private readonly IReadOnlyList<NicCore> _cores;

    public StatsHandler(PortRegistry registry, IReadOnlyList<NicCore> cores)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(cores);
        _registry = registry;
        _cores = cores;
    }

    public override OpteCmd Command => OpteCmd.Stats;

    protected override CommandResult<StatsResp> Handle(StatsReq request)
    {
        var card = CardCounters();
        if (request.PortName is not { } name)
        {
            return new StatsResp(null, [], [], card);
        }

        if (!_registry.Current.TryGetByName(name, out var port) || !port.TryEnter(CardPort.ControlOwner))
        {
            return new OpteError.PortNotFound(name);
        }

        SortedDictionary<string, long> snapshot;
        try
        {
            snapshot = PortStatistics.Snapshot(port.Engine);
        }
        finally
        {
            port.Exit();
        }

        var portCounters = new List<StatCounter>();
        var layers = new List<(string Layer, List<StatCounter> Counters)>();
        foreach (var (key, value) in snapshot)
        {
            if (!key.StartsWith(LayerPrefix, StringComparison.Ordinal))
            {
                portCounters.Add(Counter(key, value));
                continue;
            }

            var rest = key.AsSpan(LayerPrefix.Length);
            var dot = rest.IndexOf('.');
            var layer = rest[..dot].ToString();
            var counter = rest[(dot + 1)..].ToString();
            var index = layers.FindIndex(l => l.Layer == layer);
            if (index < 0)
            {
                layers.Add((layer, []));
                index = layers.Count - 1;
            }

            layers[index].Counters.Add(Counter(counter, value));
        }

        var hairpins = port.Vpc.Hairpins;
        foreach (var kind in Enum.GetValues<GatewayHairpinKind>())
        {
            portCounters.Add(Counter("hairpin_reply_" + SnakeCase(kind.ToString()), hairpins.Replies(kind)));
        }

        foreach (var verdict in Enum.GetValues<HairpinVerdict>())
        {
            if (verdict != HairpinVerdict.Reply)
            {
                portCounters.Add(Counter("hairpin_noreply_" + SnakeCase(verdict.ToString()), hairpins.NoReply(verdict)));
            }
        }

        portCounters.Add(Counter("snat_exhausted", Volatile.Read(ref port.Vpc.Nat.SnatExhausted)));

        // Port order of the layers (outbound order), as list-layers shows them.
        var ordered = port.Engine.Layers
            .Select(l => layers.Find(x => x.Layer == l.Name))
            .Where(l => l.Counters is not null)
            .Select(l => new LayerStats(l.Layer, [.. l.Counters]));
        return new StatsResp(name, [.. portCounters.OrderBy(c => c.Name, StringComparer.Ordinal)], [.. ordered], card);
    }

    private ValueArray<StatCounter> CardCounters()
    {
        var counters = new List<StatCounter>();
        foreach (var reason in Enum.GetValues<DemuxDropReason>())
        {
            counters.Add(Counter("demux_drop_" + SnakeCase(reason.ToString()), _cores.Sum(c => c.Demux.Counters[reason])));
        }

        foreach (var reason in Enum.GetValues<ParseError>())
        {
            if (reason != ParseError.None)
            {
                counters.Add(Counter("parse_" + SnakeCase(reason.ToString()), _cores.Sum(c => c.Demux.Counters.InboundParseDrops[reason])));
            }
        }

        counters.Add(Counter("frames_to_ports", _cores.Sum(c => c.Demux.Counters.ToPorts)));
        counters.Add(Counter("frames_pass_through", _cores.Sum(c => c.Demux.Counters.PassThrough)));
        counters.Add(Counter("multicast_to_ports", _cores.Sum(c => c.Demux.Counters.MulticastToPorts)));
        counters.Add(Counter("multicast_forwarded", _cores.Sum(c => c.Demux.Counters.MulticastForwarded)));
        var registry = _registry.Current;
        counters.Add(Counter("ports", registry.Ports.Count));
        counters.Add(Counter("registry_generation", registry.Generation));
        if (_registry.HasNetwork)
        {
            var network = _registry.Network;
            counters.Add(Counter("v2p_entries", network.Virt2Phys.Count));
            counters.Add(Counter("v2p_capacity", network.Virt2Phys.Capacity));
            counters.Add(Counter("v2p_lookup_retries", network.Virt2Phys.LookupRetries));
            counters.Add(Counter("v2b_prefixes", network.Virt2Boundary.Count));
            counters.Add(Counter("m2p_groups", network.Mcast2Phys.Count));
        }

        counters.Add(Counter("mcast_fwd_groups", _registry.McastForwarding.Count));
        counters.Add(Counter("mcast_sub_groups", _registry.McastSubscriptions.Count));
        return [.. counters];
    }

    private static StatCounter Counter(string name, long value) => new(name, (ulong)Math.Max(0, value));

    /// <summary>PascalCase → snake_case (OutboundNoPort → outbound_no_port), OPTE's counter style.</summary>
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
