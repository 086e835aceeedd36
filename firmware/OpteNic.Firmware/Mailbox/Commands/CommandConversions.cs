using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Flows;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Ports;
using OpteNic.Firmware.Ports;
using OpteNic.Vpc;
using OpteNic.Vpc.Config;
using ApiDirection = OpteNic.Api.Direction;
using ApiFlowId = OpteNic.Api.Commands.InnerFlowId;
using EngineDirection = OpteNic.Engine.Direction;
using PacketFlowId = OpteNic.Packets.InnerFlowId;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// Control-path translations between the engine's and VPC's own types and the API's: errors, flow ids, dumps. Kept
/// in one place so every handler reports the same way.
/// </summary>
internal static class CommandConversions
{
    /// <summary>The single response of commands that answer nothing but success.</summary>
    public static NoResp NoResponse { get; } = new(0);

    public static EngineDirection ToEngine(this ApiDirection direction) =>
        direction == ApiDirection.In ? EngineDirection.Inbound : EngineDirection.Outbound;

    public static ApiFlowId ToApi(this in PacketFlowId flow) =>
        new((byte)flow.Protocol, flow.Src.ToApiIp(), flow.Dst.ToApiIp(), flow.SrcPort, flow.DstPort);

    /// <summary>
    /// <see cref="OpteError.BadState"/> when <paramref name="port"/> is paused (no rule or configuration change is
    /// allowed, behaviour §1), checked before anything else as OPTE does; null when the port can change. Called first by
    /// handlers that judge the request themselves before the VPC port sees it (router entries, allow/remove-cidr,
    /// attach/detach-subnet); set-external-ips leaves the check to the VPC port, whose refusal
    /// (<see cref="VpcConfigErrorKind.EngineRefused"/>) <see cref="ToReconfigurationError"/> maps to this same answer.
    /// </summary>
    public static OpteError? WrongStateForChange(CardPort port) =>
        port.Engine.State == OpteNic.Engine.Ports.PortState.Paused ? new OpteError.BadState($"port {port.Name} is {port.Engine.State}") : null;

    /// <summary>
    /// A command whose metadata value (router target, firewall <c>vni=</c> filter) is new while the port's metadata
    /// interner is full: OPTE's capacity error, carrying the interner's capacity.
    /// </summary>
    public static OpteError MetadataFull() => new OpteError.MaxCapacity(OpteNic.Engine.Metadata.MetadataInterner.Capacity);

    /// <summary>A failed engine operation as OPTE's error.</summary>
    public static OpteError ToOpteError(this PortOperationResult result, CardPort port, string layer, ulong ruleId = 0) => result switch
    {
        PortOperationResult.BadState => new OpteError.BadState($"port {port.Name} is {port.Engine.State}"),
        PortOperationResult.LayerNotFound => new OpteError.LayerNotFound(layer),
        PortOperationResult.RuleNotFound => new OpteError.RuleNotFound(ruleId),
        _ => new OpteError.System(Errno.EIO, $"unexpected engine result {result} on port {port.Name}"),
    };

    /// <summary>
    /// A rejected VPC configuration: addressing problems are <see cref="OpteError.InvalidIpCfg"/>; the rest (MACs,
    /// MTU, DHCP options) make the port impossible to create: <see cref="OpteError.PortCreate"/>.
    /// </summary>
    public static OpteError ToOpteError(this VpcConfigError error) => error.Kind switch
    {
        VpcConfigErrorKind.InvalidGuestMac or VpcConfigErrorKind.InvalidGatewayMac or VpcConfigErrorKind.InvalidMtu
            or VpcConfigErrorKind.InvalidDhcp => new OpteError.PortCreate(error.Message),
        _ => new OpteError.InvalidIpCfg(error.Message),
    };

    /// <summary>
    /// A refused live reconfiguration (set-external-ips, allow/remove-cidr, attach/detach-subnet) as OPTE's error: the
    /// engine refusing the port's new rules (<see cref="VpcConfigErrorKind.EngineRefused"/>) is answered from the
    /// engine's result, as any other engine refusal (<see cref="OpteError.BadState"/> naming the port and its state
    /// for a paused port, <see cref="OpteError.LayerNotFound"/>); a field only a new port can change
    /// (<see cref="VpcConfigErrorKind.ImmutableField"/>) is <see cref="OpteError.BadState"/> — the request is well
    /// formed but the live port cannot take it; every other refusal (addresses, subnets, CIDRs, families, the
    /// internet-gateway map) is <see cref="OpteError.InvalidIpCfg"/>, with the VPC port's words (the host names the
    /// port it asked about). The engine never refuses rules for capacity (rule lists are not bounded), so no
    /// reconfiguration answers MaxCapacity.
    /// </summary>
    public static OpteError ToReconfigurationError(this VpcConfigError error, CardPort port) => error.Kind switch
    {
        VpcConfigErrorKind.EngineRefused => error.EngineResult.ToOpteError(port, OpteNic.Vpc.Layers.VpcNat.LayerName),
        VpcConfigErrorKind.ImmutableField => new OpteError.BadState(error.Message),
        _ => new OpteError.InvalidIpCfg(error.Message),
    };

    /// <summary>
    /// Applies <paramref name="next"/> to the live port through <see cref="VpcPort.TryReconfigure"/> (all or nothing;
    /// the VPC port keeps its configuration and internet-gateway map current). Caller holds the port's lease. The
    /// error (a paused port: BadState, from the VPC port's own refusal), or null when applied.
    /// </summary>
    public static OpteError? Reconfigure(CardPort port, VpcCfg next) =>
        port.Vpc.TryReconfigure(next, out var error) ? null : error.ToReconfigurationError(port);

    /// <summary><paramref name="config"/> with its IPv4 and IPv6 parts replaced (null keeps a family absent).</summary>
    public static VpcCfg WithFamilies(VpcCfg config, Ipv4Cfg? v4, Ipv6Cfg? v6)
    {
        IpCfg ipCfg = (v4, v6) switch
        {
            ({ } a, { } b) => new IpCfg.DualStack(a, b),
            ({ } a, null) => new IpCfg.Ipv4(a),
            (null, { } b) => new IpCfg.Ipv6(b),
            _ => config.IpCfg,
        };
        return config with { IpCfg = ipCfg };
    }

    public static ListLayersResp ListLayers(Port port) =>
        new([.. port.Layers.Select(l => new LayerDesc(l.Name, (ulong)l.RulesFor(EngineDirection.Inbound).Count,
            (ulong)l.RulesFor(EngineDirection.Outbound).Count, l.DefaultInbound.ToString(), l.DefaultOutbound.ToString(),
            (uint)l.Flows.Count))]);

    public static DumpLayerResp DumpLayer(Layer layer)
    {
        var inbound = new List<FlowEntryDump>();
        var outbound = new List<FlowEntryDump>();
        for (var pair = 0; pair < layer.Flows.Capacity; pair++)
        {
            if (!layer.Flows.IsUsed(pair))
            {
                continue;
            }

            ref var entry = ref layer.Flows.EntryAt(pair);
            var summary = (entry.Descriptor?.ToString() ?? "StatefulAllow") + (entry.Dirty ? " (dirty)" : "");
            outbound.Add(new FlowEntryDump(layer.Flows.OutboundKeyAt(pair).ToApi(), (ulong)entry.Hits, summary));
            inbound.Add(new FlowEntryDump(layer.Flows.InboundKeyAt(pair).ToApi(), (ulong)entry.Hits, summary));
        }

        return new DumpLayerResp(layer.Name, Rules(layer, EngineDirection.Inbound), Rules(layer, EngineDirection.Outbound),
            layer.DefaultInbound.ToString(), layer.DefaultOutbound.ToString(), (ulong)layer.Inbound.DefaultHits,
            (ulong)layer.Outbound.DefaultHits, [.. inbound], [.. outbound]);
    }

    public static DumpUftResp DumpUft(Port port) =>
        new((uint)port.UftIn.Capacity, (uint)port.UftIn.Count, Flows(port.UftIn),
            (uint)port.UftOut.Capacity, (uint)port.UftOut.Count, Flows(port.UftOut));

    public static DumpTcpFlowsResp DumpTcpFlows(Port port)
    {
        var table = port.TcpFlows;
        var flows = new List<TcpFlowDump>();
        for (var slot = 0; slot < table.Capacity; slot++)
        {
            if (!table.IsUsed(slot))
            {
                continue;
            }

            ref var entry = ref table.EntryAt(slot);
            ApiFlowId? inboundUfid = entry.UftIn.IsSet && port.UftIn.IsLive(entry.UftIn)
                ? port.UftIn.KeyAt(entry.UftIn.Slot).ToApi()
                : null;
            var state = new TcpFlowStateDump((TcpState)(byte)entry.State, entry.GuestSeq, entry.GuestAck, entry.RemoteSeq, entry.RemoteAck);
            flows.Add(new TcpFlowDump(table.KeyAt(slot).ToApi(), new TcpFlowEntryDump(
                (ulong)(entry.SegmentsIn + entry.SegmentsOut), inboundUfid, state, (ulong)entry.SegmentsIn, (ulong)entry.SegmentsOut, 0, 0)));
        }

        return new DumpTcpFlowsResp([.. flows]);
    }

    /// <summary>One row of list-ports, from the configuration in force.</summary>
    public static PortInfo PortInfo(CardPort port)
    {
        var config = port.Config;
        var v4 = config.IpCfg.Ipv4Config;
        var v6 = config.IpCfg.Ipv6Config;
        var state = port.Passthrough ? "passthrough" : port.Engine.State.ToString().ToLowerInvariant();
        return new PortInfo(port.Name, config.GuestMac, v4?.PrivateIp, v4?.ExternalIps.EphemeralIp,
            v4 is null ? null : v4.ExternalIps.FloatingIps, v6?.PrivateIp, v6?.ExternalIps.EphemeralIp,
            v6 is null ? null : v6.ExternalIps.FloatingIps, state);
    }

    /// <summary>The underlay group an overlay multicast group maps to (M2P), or the group itself when already in ff04::/16.</summary>
    public static bool TryResolveUnderlay(PortRegistry registry, IpAddr group, out Ipv6Addr underlay)
    {
        if (!group.IsIpv4 && OpteNic.Vpc.Tables.Mcast2PhysTable.IsValidUnderlay(group.Ipv6))
        {
            underlay = group.Ipv6;
            return true;
        }

        return registry.Network.Mcast2Phys.TryLookup(group.ToPacketIp(), out underlay);
    }

    private static ValueArray<RuleTableEntryDump> Rules(Layer layer, EngineDirection direction) =>
        [.. layer.RulesFor(direction).Select(r => new RuleTableEntryDump(r.Id, (ulong)r.Hits, new RuleDump(r.Rule.Priority,
            [.. r.Rule.HeaderPredicates.Select(p => p.ToString())], [.. r.Rule.DataPredicates.Select(p => p.ToString())],
            r.Rule.Action.ToString())))];

    private static ValueArray<FlowEntryDump> Flows(UnifiedFlowTable uft)
    {
        var entries = new List<FlowEntryDump>();
        for (var slot = 0; slot < uft.SlotCount; slot++)
        {
            if (!uft.IsUsed(slot))
            {
                continue;
            }

            ref var entry = ref uft.EntryAt(slot);
            var transforms = entry.TransformKind switch
            {
                UftTransformKind.List => string.Join("; ", uft.ListAt(slot).ToArray().Select(t => t.ToString())),
                UftTransformKind.Compiled => $"compiled {uft.CompiledAt(slot).Outer}",
                _ => "identity",
            };
            entries.Add(new FlowEntryDump(uft.KeyAt(slot).ToApi(), (ulong)uft.HitsAt(slot), $"epoch {entry.Epoch}: {transforms}"));
        }

        return [.. entries];
    }
}
