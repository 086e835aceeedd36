using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;
using OpteNic.Vpc.Layers;
using OpteNic.Vpc.Nat;
using OpteNic.Vpc.State;

namespace OpteNic.Vpc;

/// <summary>
/// Port state export/import (beyond OPTE; its oldest open request): a port's flows — NAT assignments, stateful
/// firewall flows in either originating direction, TCP states — move to another card without breaking connections.
/// <para>
/// Export lists every flow the firewall holds state for (every allowed IP flow has a firewall pair), keyed on the
/// guest's flow id, with its NAT assignment from the nat layer and its TCP state from the engine, into a
/// <see cref="PortStateBlob"/>. Import refuses a damaged blob or one from another guest as a whole (nothing changes);
/// otherwise it claims the SNAT ports, then rebuilds each flow by running a synthetic packet of it through the port in
/// its originating direction (so the destination's current rules decide, and every layer makes its own state), then
/// the reverse direction (so the first real packet either way is a UFT hit), and finally restores the TCP state. A flow
/// that cannot be rebuilt is reported with the reason and the others continue.
/// </para>
/// Synthetic packets are never emitted; they are counted like packets (modified, uft_miss) on the destination port.
/// </summary>
public sealed partial class VpcPort
{
    private static readonly MacAddress s_boundaryMac = new(0xA8_40_25_77_77_77);

    /// <summary>The VNI boundary services use for inbound traffic from outside the rack.</summary>
    private const uint BoundaryVni = 99;

    private LayerFlowTable? _firewallFlows;
    private LayerFlowTable? _natFlows;

    private LayerFlowTable FirewallFlows => _firewallFlows ??= Port.FindLayer(VpcFirewall.LayerName)!.Flows;

    private LayerFlowTable NatFlows => _natFlows ??= Port.FindLayer(VpcNat.LayerName)!.Flows;

    /// <summary>The port's flows as an export would list them (control path; allocates).</summary>
    public List<FlowState> ExportFlows()
    {
        lock (_control)
        {
            var flows = new List<FlowState>();
            LayerFlowTable firewall = FirewallFlows;
            LayerFlowTable nat = NatFlows;
            for (int pair = 0; pair < firewall.Capacity; pair++)
            {
                if (!firewall.IsUsed(pair))
                {
                    continue;
                }

                InnerFlowId guestFlow = firewall.OutboundKeyAt(pair);
                if (TryDescribe(in guestFlow, nat, out FlowState flow))
                {
                    flows.Add(flow);
                }
            }

            return flows;
        }
    }

    /// <summary>Exports the port's flows as a <see cref="PortStateBlob"/> (control path).</summary>
    public byte[] ExportState() => PortStateBlob.Write(new MacAddress(_config.GuestMac.Value), _config.Vni.Value, ExportFlows());

    /// <summary>
    /// Imports a blob exported by <see cref="ExportState"/> on another card. Refused whole (false, nothing changed)
    /// when the blob is damaged, from another guest, or the port is not running; otherwise true with the number of
    /// flows rebuilt and a precise error for each one that was not. It processes (synthetic) packets, so call it from
    /// the port's owner between bursts, like every control operation.
    /// </summary>
    public bool TryImportState(ReadOnlySpan<byte> blob, Moment now, [NotNullWhen(true)] out PortStateImportResult? result,
        [NotNullWhen(false)] out PortStateError? error)
    {
        result = null;
        if (!PortStateBlob.TryRead(blob, out MacAddress guestMac, out uint vni, out List<FlowState>? flows, out error))
        {
            return false;
        }

        if (guestMac.Value != _config.GuestMac.Value || vni != _config.Vni.Value)
        {
            error = new(PortStateErrorKind.OtherPort, $"exported from guest {guestMac} on VNI {vni}; this port is {new MacAddress(_config.GuestMac.Value)} on VNI {_config.Vni.Value}");
            return false;
        }

        lock (_control)
        {
            if (Port.State != PortState.Running)
            {
                error = new(PortStateErrorKind.PortNotRunning, $"the port is {Port.State}; start it before importing");
                return false;
            }

            // Claim every SNAT port first (one published reservation map for the batch), then rebuild flow by flow.
            List<int> snat = [.. Enumerable.Range(0, flows.Count).Where(i => flows[i].Nat == FlowNatKind.Snat)];
            bool[] claimed = Nat.ImportEach([.. snat.Select(i => new NatAssignment(flows[i].GuestFlow, flows[i].ExternalIp, flows[i].ExternalPort))]);
            var unclaimed = new bool[flows.Count];
            for (int i = 0; i < snat.Count; i++)
            {
                unclaimed[snat[i]] = !claimed[i];
            }

            var errors = new List<FlowRestoreError>();
            var scratch = new PacketBuffer(SyntheticFrames.MaxLength + 512);
            int restored = 0;
            for (int i = 0; i < flows.Count; i++)
            {
                FlowState flow = flows[i];
                FlowRestoreError? failure = unclaimed[i]
                    ? new(flow.GuestFlow, FlowRestoreErrorKind.NatPortUnavailable,
                        $"SNAT {flow.ExternalIp}:{flow.ExternalPort} is not this port's SNAT IP, the port is taken, or the flow is listed twice")
                    : Restore(in flow, scratch, now);
                if (failure is null)
                {
                    restored++;
                }
                else
                {
                    errors.Add(failure);
                }
            }

            result = new PortStateImportResult(restored, errors);
            return true;
        }
    }

    private bool TryDescribe(in InnerFlowId guestFlow, LayerFlowTable nat, out FlowState flow)
    {
        flow = default;
        if (guestFlow.Protocol is not (IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.Icmp or IpProtocol.Icmpv6))
        {
            return false;
        }

        TcpConnectionState? tcp = Port.TryGetTcpState(in guestFlow, out TcpConnectionState state) && state.State != TcpState.Closed ? state : null;
        if (guestFlow.Protocol == IpProtocol.Tcp && tcp is null)
        {
            // A TCP flow without a tracked connection (closed, or evicted) has nothing to continue.
            return false;
        }

        ActionDescriptor? descriptor = nat.TryFind(Direction.Outbound, in guestFlow, out int natPair) ? nat.EntryAt(natPair).Descriptor : null;
        switch (descriptor)
        {
            case SnatDescriptor snat:
                flow = new FlowState(guestFlow, Direction.Outbound, OriginKnown: true, RemoteIsExternal: true, FlowNatKind.Snat, snat.ExternalIp, snat.ExternalPort, tcp);
                return true;
            case OneToOneNatDescriptor oneToOne when !oneToOne.TranslatesQuotedPacket:
                flow = new FlowState(guestFlow, oneToOne.Origin, OriginKnown: true, RemoteIsExternal: true, FlowNatKind.OneToOne, oneToOne.ExternalIp, 0, tcp);
                return true;
            case null:
                // No NAT: the originating direction is the one whose UFT entry is older (the reply's entry comes later).
                Direction origin = InferOrigin(in guestFlow);
                flow = new FlowState(guestFlow, origin, OriginKnown: false, RemoteIsExternal: false, FlowNatKind.None, default, 0, tcp);
                return true;
            default:
                // ICMP error flows (translated quotes) are transient: nothing to continue.
                return false;
        }
    }

    private Direction InferOrigin(in InnerFlowId guestFlow)
    {
        InnerFlowId reply = guestFlow.Mirror();
        bool hasOut = Port.UftOut.TryFind(in guestFlow, guestFlow.Hash(), out int outSlot);
        bool hasIn = Port.UftIn.TryFind(in reply, reply.Hash(), out int inSlot);
        return hasIn && (!hasOut || Port.UftIn.CreatedAt(inSlot) < Port.UftOut.CreatedAt(outSlot)) ? Direction.Inbound : Direction.Outbound;
    }

    private FlowRestoreError? Restore(in FlowState flow, PacketBuffer scratch, Moment now)
    {
        InnerFlowId guestFlow = flow.GuestFlow;
        ProcessResult first = RunSynthetic(in flow, flow.Origin, scratch, now);
        Direction used = flow.Origin;
        if (first.Outcome != ProcessOutcome.Modified && !flow.OriginKnown)
        {
            // The origin was inferred: the flow may have started the other way.
            Direction other = flow.Origin == Direction.Outbound ? Direction.Inbound : Direction.Outbound;
            ProcessResult second = RunSynthetic(in flow, other, scratch, now);
            if (second.Outcome == ProcessOutcome.Modified)
            {
                first = second;
                used = other;
            }
        }

        if (first.Outcome != ProcessOutcome.Modified)
        {
            if (flow.Nat == FlowNatKind.Snat)
            {
                Nat.CancelReservation(in guestFlow);
            }

            return Failure(in guestFlow, in first);
        }

        FlowRestoreError? natError = CheckExternalAddress(in flow);
        if (natError is not null)
        {
            // The rebuilt flow took another translation, so the SNAT action never adopted the claimed port: give it
            // back (a no-op when a packet did take it), or it would stay out of the pool for good.
            if (flow.Nat == FlowNatKind.Snat)
            {
                Nat.CancelReservation(in guestFlow);
            }

            return natError;
        }

        // Warm the reverse direction too, so the first real packet either way is a UFT hit. Its failure is not the
        // flow's: the state above already lets the flow's next packet through the slow path.
        RunSynthetic(in flow, used == Direction.Outbound ? Direction.Inbound : Direction.Outbound, scratch, now);

        if (flow.Tcp is { } tcp && !Port.TryRestoreTcpState(in guestFlow, in tcp, now))
        {
            return new(guestFlow, FlowRestoreErrorKind.TcpStateRefused, $"no tracked connection after the rebuild to give state {tcp.State}");
        }

        if (!Port.UftOut.TryFind(in guestFlow, guestFlow.Hash(), out _))
        {
            return new(guestFlow, FlowRestoreErrorKind.TableFull, "rebuilt, but the outbound UFT is full: its packets take the slow path");
        }

        return null;
    }

    private ProcessResult RunSynthetic(in FlowState flow, Direction direction, PacketBuffer scratch, Moment now)
    {
        Span<byte> frame = stackalloc byte[SyntheticFrames.MaxLength];
        int length;
        var guestMac = new MacAddress(_config.GuestMac.Value);
        if (direction == Direction.Outbound)
        {
            InnerFlowId guestFlow = flow.GuestFlow;
            length = SyntheticFrames.WriteOutbound(frame, guestMac, new MacAddress(_config.GatewayMac.Value), in guestFlow, flow.Tcp);
        }
        else
        {
            InnerFlowId wire = WireFlow(in flow);
            IpAddr ownPhys = _config.PhysIp.ToPacketIp();
            IpAddr remotePhys = default;
            MacAddress remoteMac = s_boundaryMac;
            uint vni = BoundaryVni;
            if (flow.RemoteIsExternal)
            {
                if (Network.Virt2Boundary.TryLookup(wire.Src, in wire, out TunnelEndpoint endpoint))
                {
                    remotePhys = endpoint.Ip.ToPacketIp();
                }
            }
            else
            {
                vni = _config.Vni.Value;
                if (Network.Virt2Phys.TryLookup(_config.Vni, wire.Src, out GuestPhysAddr peer))
                {
                    remotePhys = peer.Ip.ToPacketIp();
                    remoteMac = new MacAddress(peer.Ether.Value);
                }
            }

            length = SyntheticFrames.WriteInbound(frame, remotePhys, ownPhys, vni, flow.RemoteIsExternal, remoteMac, guestMac, in wire, flow.Tcp);
        }

        if (!scratch.TryLoad(frame[..length]))
        {
            return ProcessResult.Failed(ProcessError.TransformFailed);
        }

        return Port.Process(direction, scratch, now);
    }

    /// <summary>The flow as it arrives from the network, before the nat layer translates it back to the guest.</summary>
    private static InnerFlowId WireFlow(in FlowState flow)
    {
        InnerFlowId reply = flow.GuestFlow.Mirror();
        return flow.Nat switch
        {
            FlowNatKind.Snat => new InnerFlowId(reply.Protocol, reply.Src, flow.ExternalIp, reply.SrcPort, flow.ExternalPort),
            FlowNatKind.OneToOne => new InnerFlowId(reply.Protocol, reply.Src, flow.ExternalIp, reply.SrcPort, reply.DstPort),
            _ => reply,
        };
    }

    private FlowRestoreError? CheckExternalAddress(in FlowState flow)
    {
        InnerFlowId guestFlow = flow.GuestFlow;
        LayerFlowTable nat = NatFlows;
        ActionDescriptor? descriptor = nat.TryFind(Direction.Outbound, in guestFlow, out int pair) ? nat.EntryAt(pair).Descriptor : null;
        (IpAddr ip, ushort port) = descriptor switch
        {
            SnatDescriptor snat => (snat.ExternalIp, snat.ExternalPort),
            OneToOneNatDescriptor oneToOne => (oneToOne.ExternalIp, (ushort)0),
            _ => (default, (ushort)0),
        };
        FlowNatKind kind = descriptor switch
        {
            SnatDescriptor => FlowNatKind.Snat,
            OneToOneNatDescriptor => FlowNatKind.OneToOne,
            _ => FlowNatKind.None,
        };
        if (kind == flow.Nat && ip == flow.ExternalIp && port == flow.ExternalPort)
        {
            return null;
        }

        return new(guestFlow, FlowRestoreErrorKind.ExternalAddressChanged,
            $"had {flow.Nat} {flow.ExternalIp}:{flow.ExternalPort}, rebuilt with {kind} {ip}:{port}");
    }

    private static FlowRestoreError Failure(in InnerFlowId guestFlow, in ProcessResult result) => result.Outcome switch
    {
        ProcessOutcome.Drop when result.DropReason == DropReason.Layer =>
            new(guestFlow, FlowRestoreErrorKind.Denied, $"layer {result.LayerName} denies it ({result.DenyReason})"),
        ProcessOutcome.Drop when result.DropReason == DropReason.LayerFlowTableFull =>
            new(guestFlow, FlowRestoreErrorKind.TableFull, $"layer {result.LayerName}'s flow table is full"),
        ProcessOutcome.Drop when result.DropReason == DropReason.TcpError =>
            new(guestFlow, FlowRestoreErrorKind.TableFull, "the TCP flow table is full"),
        _ => new(guestFlow, FlowRestoreErrorKind.ProcessError, $"the rebuild packet ended as {result}"),
    };
}
