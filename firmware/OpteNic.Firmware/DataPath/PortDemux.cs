using System.Buffers.Binary;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Engine;
using OpteNic.Firmware.Ports;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Firmware.DataPath;

/// <summary>
/// One NIC core's binding of frames to ports (datasheet §5.3), between its rings and the engine:
/// <list type="bullet">
/// <item>No port exists → the card's pass-through port (the behaviour before any create-xde).</item>
/// <item>Host TX → the port whose guest MAC is the frame's source MAC, whatever queue pair it came on.</item>
/// <item>Wire RX → parsed as Geneve; the port with the Geneve VNI and the inner destination MAC.</item>
/// <item>Multicast (datasheet §5.5) → a copy per subscribed port on this card, and for a guest's frame a unicast copy
/// per forwarding next hop.</item>
/// <item>No match → a counted drop with a <see cref="DemuxDropReason"/>.</item>
/// </list>
/// A burst is processed in stages (DPDK style): every frame is bound to its port first, then each port's frames go to
/// the engine together through <see cref="Port.ProcessBurst"/> (which prefetches UFT slots across the group), in
/// their original order, so every result and counter is the one per-frame processing gives — except that a guest's
/// multicast copies to other local subscribers are processed after every port group of the burst, not between the
/// subscriber's own frames. The registry snapshot is
/// loaded once per burst, a port's lease is taken once per group and given back before the burst returns, so the
/// management loop can run a command on a port between two bursts. Allocation-free: every array is sized at
/// construction to the burst size.
/// </summary>
public sealed class PortDemux
{
    private const int EthernetHeaderBytes = 14;
    private const int Ipv6HeaderBytes = 40;
    private const int GeneveHeaderBytes = 8;
    private const ushort EtherTypeIpv6 = 0x86DD;

    private readonly PortRegistry _registry;
    private readonly IPortDataPath _passThrough;
    private readonly int _leaseOwner;
    private readonly ulong _underlayMac;
    private readonly ulong _nextHopMac;
    private readonly bool _engineBurstCalls;
    private CardPort? _leased;

    // Per-burst staging, sized to the burst: the port of each frame (null once its outcome is decided), the multicast
    // underlay group of each multicast frame, and one port's group handed to the engine.
    private readonly CardPort?[] _portOf;
    private readonly bool[] _isMulticast;
    private readonly UInt128[] _multicastGroup;
    private readonly CardPort?[] _multicastSender;
    private readonly PacketBuffer[] _group;
    private readonly int[] _groupSlot;
    private readonly ProcessResult[] _groupResults;

    // Multicast copies made during the burst (datasheet §5.5), from a pool sized at construction.
    private readonly PacketBuffer[] _replicaPool;
    private readonly uint[] _replicaLinkId;
    private readonly ReplicaDestination[] _replicaDestination;
    private int _replicaCount;

    public PortDemux(int coreIndex, PortRegistry registry, IPortDataPath passThrough, FirmwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(passThrough);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _passThrough = passThrough;
        _leaseOwner = coreIndex + 1;
        _underlayMac = options.UnderlayMac;
        _nextHopMac = options.UnderlayNextHopMac;
        _engineBurstCalls = options.EngineBurstCalls;
        var burst = options.BurstSize;
        _portOf = new CardPort?[burst];
        _isMulticast = new bool[burst];
        _multicastGroup = new UInt128[burst];
        _multicastSender = new CardPort?[burst];
        _group = new PacketBuffer[burst];
        _groupSlot = new int[burst];
        _groupResults = new ProcessResult[burst];
        _replicaPool = new PacketBuffer[options.MulticastReplicaBuffers];
        for (var i = 0; i < _replicaPool.Length; i++)
        {
            _replicaPool[i] = new PacketBuffer(options.MaxFrameBytes + PacketBuffer.DefaultHeadroom);
        }

        _replicaLinkId = new uint[_replicaPool.Length];
        _replicaDestination = new ReplicaDestination[_replicaPool.Length];
    }

    /// <summary>This core's demultiplexing counters.</summary>
    public DemuxCounters Counters { get; } = new();

    /// <summary>Multicast copies made by the last <see cref="ProcessBurst"/>, to send after its frames.</summary>
    public int Replicas => _replicaCount;

    /// <summary>The buffer of copy <paramref name="index"/> (valid until the next burst).</summary>
    public PacketBuffer ReplicaBuffer(int index) => _replicaPool[index];

    /// <summary>Where copy <paramref name="index"/> goes.</summary>
    public ReplicaDestination ReplicaDestinationOf(int index) => _replicaDestination[index];

    /// <summary>Link id of the port a host-bound copy is for (reported in the RX completion, datasheet §6.4).</summary>
    public uint ReplicaLinkId(int index) => _replicaLinkId[index];

    /// <summary>
    /// Runs a burst of frames through the ports they belong to and says what became of each
    /// (<paramref name="outcomes"/>, one per frame). Multicast copies are left in <see cref="Replicas"/>.
    /// </summary>
    public void ProcessBurst(Direction direction, ReadOnlySpan<PacketBuffer> frames, Span<DemuxOutcome> outcomes, Moment now)
    {
        _replicaCount = 0;
        var snapshot = _registry.Current;
        if (snapshot.IsEmpty)
        {
            for (var i = 0; i < frames.Length; i++)
            {
                Counters.CountPassThrough();
                outcomes[i] = ToDemuxOutcome(_passThrough.Process(direction, frames[i], now).Outcome);
            }

            return;
        }

        // Stage 1: bind every frame to its port (or decide its fate now).
        for (var i = 0; i < frames.Length; i++)
        {
            _isMulticast[i] = false;
            outcomes[i] = direction == Direction.Outbound
                ? BindOutbound(snapshot, frames[i], out _portOf[i])
                : BindInbound(snapshot, i, frames[i], out _portOf[i]);
        }

        // Stage 2: each port's frames through the engine together, in their original order.
        for (var i = 0; i < frames.Length; i++)
        {
            var port = _portOf[i];
            if (port is null)
            {
                continue;
            }

            var count = 0;
            for (var j = i; j < frames.Length; j++)
            {
                if (ReferenceEquals(_portOf[j], port))
                {
                    _group[count] = frames[j];
                    _groupSlot[count++] = j;
                    _portOf[j] = null;
                }
            }

            RunGroup(direction, port, count, outcomes, now);
        }

        // Stage 3: multicast copies (wire RX: to subscribers; guest TX: to other subscribers and next hops).
        for (var i = 0; i < frames.Length; i++)
        {
            if (direction == Direction.Inbound && _isMulticast[i])
            {
                outcomes[i] = ReplicateInbound(snapshot, frames[i], new Ipv6Addr(_multicastGroup[i]), sender: null, now);
            }
            else if (direction == Direction.Outbound && outcomes[i] == DemuxOutcome.Forward && _isMulticast[i])
            {
                outcomes[i] = ReplicateOutbound(snapshot, frames[i], new Ipv6Addr(_multicastGroup[i]), _multicastSender[i]!, now);
            }
        }

        ReleaseLease();
        Array.Clear(_group);
        Array.Clear(_multicastSender);
    }

    private DemuxOutcome BindOutbound(PortRegistrySnapshot snapshot, PacketBuffer buffer, out CardPort? port)
    {
        var frame = buffer.Frame;
        if (frame.Length < EthernetHeaderBytes)
        {
            port = null;
            Counters.Drop(DemuxDropReason.OutboundRunt);
            return DemuxOutcome.Drop;
        }

        if (!snapshot.TryGetOutbound(MacAddress.Read(frame[6..]).Value, out port))
        {
            Counters.Drop(DemuxDropReason.OutboundNoPort);
            return DemuxOutcome.Drop;
        }

        return DemuxOutcome.Forward;
    }

    private DemuxOutcome BindInbound(PortRegistrySnapshot snapshot, int index, PacketBuffer buffer, out CardPort? port)
    {
        port = null;
        if (!PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, Counters.InboundParseDrops, out var packet) || !packet.IsEncapsulated)
        {
            Counters.Drop(DemuxDropReason.InboundParse);
            return DemuxOutcome.Drop;
        }

        if (packet.EtherDst.IsMulticast)
        {
            if (!TryGetUnderlayGroup(ref packet, out var group))
            {
                Counters.Drop(DemuxDropReason.InboundMulticast);
                return DemuxOutcome.Drop;
            }

            _isMulticast[index] = true;
            _multicastGroup[index] = group.Value;
            return DemuxOutcome.Replicated;
        }

        if (!snapshot.TryGetInbound(packet.GeneveVni, packet.EtherDst.Value, out port))
        {
            Counters.Drop(DemuxDropReason.InboundNoPort);
            return DemuxOutcome.Drop;
        }

        return DemuxOutcome.Forward;
    }

    /// <summary>
    /// The underlay group a multicast frame belongs to: its outer destination when that is an IPv6 multicast address;
    /// otherwise (a unicast copy a next hop forwarded to this card) the M2P mapping of its inner destination group.
    /// </summary>
    private bool TryGetUnderlayGroup(ref ParsedPacket packet, out Ipv6Addr group)
    {
        var outer = packet.OuterIpDst;
        if (packet.OuterIpVersion == 6 && (outer.High >> 56) == 0xFF)
        {
            group = new Ipv6Addr(new UInt128(outer.High, outer.Low));
            return true;
        }

        group = default;
        return _registry.HasNetwork && packet.IpVersion != 0 && _registry.Network.Mcast2Phys.TryLookup(packet.DstIp, out group);
    }

    private void RunGroup(Direction direction, CardPort port, int count, Span<DemuxOutcome> outcomes, Moment now)
    {
        if (!Lease(port))
        {
            for (var k = 0; k < count; k++)
            {
                Counters.Drop(DemuxDropReason.PortDeleted);
                outcomes[_groupSlot[k]] = DemuxOutcome.Drop;
            }

            return;
        }

        for (var k = 0; k < count; k++)
        {
            Counters.CountToPort();
        }

        if (port.Passthrough)
        {
            for (var k = 0; k < count; k++)
            {
                outcomes[_groupSlot[k]] = DemuxOutcome.Forward;
            }

            return;
        }

        if (_engineBurstCalls)
        {
            port.Engine.ProcessBurst(direction, _group.AsSpan(0, count), _groupResults.AsSpan(0, count), now);
        }
        else
        {
            for (var k = 0; k < count; k++)
            {
                _groupResults[k] = port.Engine.Process(direction, _group[k], now);
            }
        }

        for (var k = 0; k < count; k++)
        {
            var slot = _groupSlot[k];
            var outcome = ToDemuxOutcome(_groupResults[k].Outcome);
            outcomes[slot] = outcome;
            if (direction == Direction.Outbound && outcome == DemuxOutcome.Forward)
            {
                var frame = _group[k].Frame;
                if (IsMulticastUnderlay(frame))
                {
                    // A guest's frame to a group (behaviour §3 overlay): copies are made in stage 3.
                    _isMulticast[slot] = true;
                    _multicastGroup[slot] = BinaryPrimitives.ReadUInt128BigEndian(frame.Slice(EthernetHeaderBytes + 24, 16));
                    _multicastSender[slot] = port;
                }

                FillUnderlayMacs(frame);
            }
        }
    }

    /// <summary>
    /// Wire RX of a frame for underlay group <paramref name="group"/> (or a guest's frame looped back on this card):
    /// a copy per subscribed port except <paramref name="sender"/>, each run inbound through its port. Copies the port
    /// lets through go to the host (<see cref="ReplicaDestination.Host"/>); a hairpin reply goes to the wire.
    /// </summary>
    private DemuxOutcome ReplicateInbound(PortRegistrySnapshot snapshot, PacketBuffer original, Ipv6Addr group, CardPort? sender, Moment now)
    {
        if (!_registry.McastSubscriptions.TryGetSubscribers(group, out var subscribers))
        {
            if (sender is null)
            {
                Counters.Drop(DemuxDropReason.InboundMulticast);
                return DemuxOutcome.Drop;
            }

            return DemuxOutcome.Forward;
        }

        foreach (var name in subscribers)
        {
            if (!snapshot.TryGetByName(name, out var port) || ReferenceEquals(port, sender))
            {
                continue;
            }

            if (!TryTakeReplica(original, out var replica, out var index))
            {
                Counters.Drop(DemuxDropReason.MulticastNoReplicaBuffer);
                continue;
            }

            if (!Lease(port))
            {
                Counters.Drop(DemuxDropReason.PortDeleted);
                continue;
            }

            Counters.CountToPort();
            var outcome = port.Passthrough ? ProcessOutcome.Modified : port.Engine.Process(Direction.Inbound, replica, now).Outcome;
            switch (outcome)
            {
                case ProcessOutcome.Modified:
                    KeepReplica(index, ReplicaDestination.Host, port.LinkId);
                    Counters.CountMulticastToPort();
                    break;
                case ProcessOutcome.Hairpin:
                    KeepReplica(index, ReplicaDestination.Wire, port.LinkId);
                    break;
            }
        }

        return sender is null ? DemuxOutcome.Replicated : DemuxOutcome.Forward;
    }

    /// <summary>
    /// A guest's frame the engine encapsulated to underlay group <paramref name="group"/>: other subscribed ports on
    /// this card get a copy each (as if it came from the wire); with next hops in the forwarding table, one unicast copy
    /// per next hop goes to the wire instead of the group-addressed frame.
    /// </summary>
    private DemuxOutcome ReplicateOutbound(PortRegistrySnapshot snapshot, PacketBuffer original, Ipv6Addr group, CardPort sender, Moment now)
    {
        ReplicateInbound(snapshot, original, group, sender, now);
        if (!_registry.McastForwarding.TryGetNextHops(group, out var nextHops))
        {
            return DemuxOutcome.Forward;
        }

        foreach (var hop in nextHops)
        {
            if (!TryTakeReplica(original, out var replica, out var index))
            {
                Counters.Drop(DemuxDropReason.MulticastNoReplicaBuffer);
                continue;
            }

            if (AddressToNextHop(replica.Frame, hop))
            {
                KeepReplica(index, ReplicaDestination.Wire, 0);
                Counters.CountMulticastForwarded();
            }
        }

        return DemuxOutcome.Replicated;
    }

    private bool TryTakeReplica(PacketBuffer original, out PacketBuffer replica, out int index)
    {
        index = _replicaCount;
        if (index == _replicaPool.Length)
        {
            replica = original;
            return false;
        }

        replica = _replicaPool[index];
        replica.Reset();
        return replica.TryLoad(original.Frame);
    }

    private void KeepReplica(int index, ReplicaDestination destination, uint linkId)
    {
        _replicaDestination[index] = destination;
        _replicaLinkId[index] = linkId;
        _replicaCount = index + 1;
    }

    /// <summary>
    /// Turns a copy of a group-addressed underlay frame into one for <paramref name="hop"/>: outer destination = the
    /// next hop's unicast address, Geneve VNI = its VNI, Multicast option replication = its mode, outer UDP checksum 0
    /// (RFC 6935), outer MACs for the next hop. False (and the copy is discarded) if the frame is not the engine's shape.
    /// </summary>
    private bool AddressToNextHop(Span<byte> frame, McastNextHop hop)
    {
        var udp = EthernetHeaderBytes + Ipv6HeaderBytes;
        var geneve = udp + 8;
        if (frame.Length < geneve + GeneveHeaderBytes || frame[EthernetHeaderBytes + 6] != 17)
        {
            return false;
        }

        hop.NextHop.Addr.CopyTo(frame.Slice(EthernetHeaderBytes + 24, 16));
        BinaryPrimitives.WriteUInt16BigEndian(frame[(udp + 6)..], 0);
        var vni = hop.NextHop.Vni.Value;
        frame[geneve + 4] = (byte)(vni >> 16);
        frame[geneve + 5] = (byte)(vni >> 8);
        frame[geneve + 6] = (byte)vni;
        var optionsEnd = geneve + GeneveHeaderBytes + ((frame[geneve] & 0x3F) * 4);
        for (var option = geneve + GeneveHeaderBytes; option + 4 <= optionsEnd && optionsEnd <= frame.Length;)
        {
            var bodyBytes = (frame[option + 3] & 0x1F) * 4;
            if (BinaryPrimitives.ReadUInt16BigEndian(frame[option..]) == GeneveOptions.OxideClass
                && (frame[option + 2] & 0x7F) == GeneveOptions.MulticastType && bodyBytes >= 4
                && option + 4 + bodyBytes <= optionsEnd)
            {
                frame[option + 4] = (byte)((frame[option + 4] & 0x3F) | ((byte)hop.Replication << 6));
            }

            option += 4 + bodyBytes;
        }

        new MacAddress(_nextHopMac).WriteTo(frame);
        new MacAddress(_underlayMac).WriteTo(frame[6..]);
        return true;
    }

    private bool Lease(CardPort port)
    {
        if (ReferenceEquals(port, _leased))
        {
            return true;
        }

        ReleaseLease();
        if (!port.TryEnter(_leaseOwner))
        {
            return false;
        }

        _leased = port;
        return true;
    }

    private void ReleaseLease()
    {
        if (_leased is not null)
        {
            _leased.Exit();
            _leased = null;
        }
    }

    private static DemuxOutcome ToDemuxOutcome(ProcessOutcome outcome) => outcome switch
    {
        ProcessOutcome.Modified => DemuxOutcome.Forward,
        ProcessOutcome.Hairpin => DemuxOutcome.Hairpin,
        _ => DemuxOutcome.Drop,
    };

    /// <summary>True for a freshly encapsulated frame (zero outer MACs) to an IPv6 multicast underlay destination.</summary>
    private static bool IsMulticastUnderlay(ReadOnlySpan<byte> frame) =>
        IsFreshEncapsulation(frame) && frame[EthernetHeaderBytes + 24] == 0xFF;

    private static bool IsFreshEncapsulation(ReadOnlySpan<byte> frame) =>
        frame.Length >= EthernetHeaderBytes + Ipv6HeaderBytes
        && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == EtherTypeIpv6
        && BinaryPrimitives.ReadUInt32LittleEndian(frame) == 0
        && BinaryPrimitives.ReadUInt64LittleEndian(frame[4..]) == 0;

    /// <summary>
    /// The engine pushes the outer Ethernet header with zero MACs for the layer below to fill (behaviour §2): source =
    /// the card's underlay MAC; destination = the RFC 2464 group MAC for an IPv6 multicast underlay destination, else
    /// the underlay next hop. Frames that are not freshly encapsulated IPv6 are left alone.
    /// </summary>
    private void FillUnderlayMacs(Span<byte> frame)
    {
        if (!IsFreshEncapsulation(frame))
        {
            return;
        }

        var ipv6Destination = frame.Slice(EthernetHeaderBytes + 24, 16);
        if (ipv6Destination[0] == 0xFF)
        {
            frame[0] = 0x33;
            frame[1] = 0x33;
            ipv6Destination[12..16].CopyTo(frame[2..6]);
        }
        else
        {
            new MacAddress(_nextHopMac).WriteTo(frame);
        }

        new MacAddress(_underlayMac).WriteTo(frame[6..]);
    }
}
