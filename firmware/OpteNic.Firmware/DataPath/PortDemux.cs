using System.Buffers.Binary;
using OpteNic.Engine;
using OpteNic.Firmware.Ports;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Firmware.DataPath;

/// <summary>
/// One NIC core's binding of frames to ports (datasheet §5.3), between its rings and the engine:
/// <list type="bullet">
/// <item>No port exists → the card's pass-through port (the behaviour before any create-xde).</item>
/// <item>Host TX → the port whose guest MAC is the frame's source MAC, whatever queue pair it came on.</item>
/// <item>Wire RX → parsed as Geneve; the port with the Geneve VNI and the inner destination MAC.</item>
/// <item>No match → a counted drop with a <see cref="DemuxDropReason"/>.</item>
/// </list>
/// The registry snapshot is loaded once per burst (<see cref="BeginBurst"/>); the port's lease is taken once per run
/// of consecutive frames of the same port and given back at <see cref="EndBurst"/>, so the management loop can run a
/// command on a port between two bursts. Allocation-free.
/// </summary>
public sealed class PortDemux
{
    private const int EthernetHeaderBytes = 14;
    private const ushort EtherTypeIpv6 = 0x86DD;

    private readonly PortRegistry _registry;
    private readonly IPortDataPath _passThrough;
    private readonly int _leaseOwner;
    private readonly ulong _underlayMac;
    private readonly ulong _nextHopMac;
    private PortRegistrySnapshot _snapshot = PortRegistrySnapshot.Empty;
    private CardPort? _leased;

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
    }

    /// <summary>This core's demultiplexing counters.</summary>
    public DemuxCounters Counters { get; } = new();

    /// <summary>Loads the current registry generation for the burst about to run.</summary>
    public void BeginBurst() => _snapshot = _registry.Current;

    /// <summary>Gives back the lease held since the last frame of the burst.</summary>
    public void EndBurst()
    {
        if (_leased is not null)
        {
            _leased.Exit();
            _leased = null;
        }
    }

    /// <summary>Runs one frame through the port it belongs to and says what became of it.</summary>
    public ProcessOutcome Process(Direction direction, PacketBuffer buffer, Moment now)
    {
        var snapshot = _snapshot;
        if (snapshot.IsEmpty)
        {
            Counters.CountPassThrough();
            return _passThrough.Process(direction, buffer, now).Outcome;
        }

        CardPort? port;
        if (direction == Direction.Outbound)
        {
            var frame = buffer.Frame;
            if (frame.Length < EthernetHeaderBytes)
            {
                Counters.Drop(DemuxDropReason.OutboundRunt);
                return ProcessOutcome.Drop;
            }

            if (!snapshot.TryGetOutbound(MacAddress.Read(frame[6..]).Value, out port))
            {
                Counters.Drop(DemuxDropReason.OutboundNoPort);
                return ProcessOutcome.Drop;
            }
        }
        else
        {
            if (!PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, Counters.InboundParseDrops, out var packet) || !packet.IsEncapsulated)
            {
                Counters.Drop(DemuxDropReason.InboundParse);
                return ProcessOutcome.Drop;
            }

            if (packet.EtherDst.IsMulticast)
            {
                Counters.Drop(DemuxDropReason.InboundMulticast);
                return ProcessOutcome.Drop;
            }

            if (!snapshot.TryGetInbound(packet.GeneveVni, packet.EtherDst.Value, out port))
            {
                Counters.Drop(DemuxDropReason.InboundNoPort);
                return ProcessOutcome.Drop;
            }
        }

        if (!Lease(port))
        {
            Counters.Drop(DemuxDropReason.PortDeleted);
            return ProcessOutcome.Drop;
        }

        Counters.CountToPort();
        if (port.Passthrough)
        {
            return ProcessOutcome.Modified;
        }

        var outcome = port.Engine.Process(direction, buffer, now).Outcome;
        if (direction == Direction.Outbound && outcome == ProcessOutcome.Modified)
        {
            FillUnderlayMacs(buffer.Frame);
        }

        return outcome;
    }

    private bool Lease(CardPort port)
    {
        if (ReferenceEquals(port, _leased))
        {
            return true;
        }

        EndBurst();
        if (!port.TryEnter(_leaseOwner))
        {
            return false;
        }

        _leased = port;
        return true;
    }

    /// <summary>
    /// The engine pushes the outer Ethernet header with zero MACs for the layer below to fill (behaviour §2): source =
    /// the card's underlay MAC; destination = the RFC 2464 group MAC for an IPv6 multicast underlay destination, else
    /// the underlay next hop. Frames that are not freshly encapsulated IPv6 are left alone.
    /// </summary>
    private void FillUnderlayMacs(Span<byte> frame)
    {
        if (frame.Length < EthernetHeaderBytes + 40
            || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherTypeIpv6
            || BinaryPrimitives.ReadUInt32LittleEndian(frame) != 0
            || BinaryPrimitives.ReadUInt64LittleEndian(frame[4..]) != 0)
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
