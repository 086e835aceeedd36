using System.Buffers.Binary;
using OpteNic.Api.Abi;
using OpteNic.Engine;
using OpteNic.Hal;
using OpteNic.Packets;

namespace OpteNic.Firmware.DataPath;

/// <summary>
/// One NIC core's poll loop (datasheet §6): it alone owns its host queue pairs, their wire queues and its buffer
/// pools, so the data path takes no locks. One iteration (<see cref="RunOnce"/>) polls each queue's handshake
/// registers, moves one burst host TX ring → port (outbound) → wire, and one burst per wire port wire RX queue → port
/// (inbound) → host RX ring. Each frame goes to the port it belongs to through the core's <see cref="PortDemux"/>
/// (datasheet §5.3); control commands reach a port between bursts through its lease. Buffers are preallocated at
/// construction; steady state allocates nothing.
/// </summary>
public sealed class NicCore
{
    private readonly IRegisterBlock _bar;
    private readonly IDmaEngine _dma;
    private readonly IInterruptController _interrupts;
    private readonly IMonotonicClock _clock;
    private readonly PortDemux _demux;
    private readonly IWirePort[] _wirePorts;
    private readonly HostQueuePair[] _queues;
    private readonly int _burstSize;
    private readonly int _maxFrameBytes;
    private readonly int _maxRingEntries;

    // Buffers owned by this core: one burst for host TX, one for wire RX; _wireTransmit only references them.
    private readonly PacketBurst _transmitBuffers;
    private readonly PacketBurst _receiveBuffers;
    private readonly PacketBurst _wireTransmit;

    // Per-descriptor results of the TX burst in progress, written back as completions in submission order.
    private readonly uint[] _completionLength;
    private readonly ushort[] _completionId;
    private readonly CompletionStatus[] _completionStatus;
    private readonly int[] _wireSlot;
    private readonly int[] _frameSlot;
    private readonly DemuxOutcome[] _outcomes;

    private readonly long[] _wireTransmitDrops;
    private long _iterations;
    private int _parkRequest;
    private int _parkAcknowledged;

    public NicCore(int index, IBoard board, PortDemux demux, HostQueuePair[] queues, FirmwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(demux);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(options);
        Index = index;
        _bar = board.Bar0;
        _dma = board.HostMemory;
        _interrupts = board.Interrupts;
        _clock = board.Clock;
        _demux = demux;
        _queues = queues;
        _wirePorts = new IWirePort[board.WirePortCount];
        for (var p = 0; p < _wirePorts.Length; p++)
        {
            _wirePorts[p] = board.GetWirePort(p);
        }

        _burstSize = options.BurstSize;
        _maxFrameBytes = options.MaxFrameBytes;
        _maxRingEntries = options.MaxRingEntries;
        var bufferBytes = options.MaxFrameBytes + PacketBuffer.DefaultHeadroom;
        _transmitBuffers = new PacketBurst(_burstSize, bufferBytes);
        _receiveBuffers = new PacketBurst(_burstSize, bufferBytes);
        _wireTransmit = new PacketBurst(_burstSize + options.MulticastReplicaBuffers);
        _completionLength = new uint[_burstSize];
        _completionId = new ushort[_burstSize];
        _completionStatus = new CompletionStatus[_burstSize];
        _wireSlot = new int[_burstSize];
        _frameSlot = new int[_burstSize];
        _outcomes = new DemuxOutcome[_burstSize];
        _wireTransmitDrops = new long[_wirePorts.Length];
    }

    /// <summary>Core number.</summary>
    public int Index { get; }

    /// <summary>The queue pairs this core owns.</summary>
    public IReadOnlyList<HostQueuePair> Queues => _queues;

    /// <summary>Iterations run (read by the management loop to decide whether this core is alive).</summary>
    public long Iterations => Volatile.Read(ref _iterations);

    /// <summary>This core's binding of frames to ports, with its demultiplexing counters.</summary>
    public PortDemux Demux => _demux;

    /// <summary>Frames this core could not queue on wire port <paramref name="port"/> (its TX FIFO was full).</summary>
    public long WireTransmitDrops(int port) => Volatile.Read(ref _wireTransmitDrops[port]);

    /// <summary>True once the core has stopped at the start of an iteration because the management loop asked.</summary>
    public bool IsParked
    {
        get
        {
            var request = Volatile.Read(ref _parkRequest);
            return (request & 1) == 1 && Volatile.Read(ref _parkAcknowledged) == request;
        }
    }

    /// <summary>Management: asks the core to stop touching queues (function-level reset).</summary>
    public void RequestPark()
    {
        if ((Volatile.Read(ref _parkRequest) & 1) == 0)
        {
            Interlocked.Increment(ref _parkRequest);
        }
    }

    /// <summary>Management: lets a parked core run again.</summary>
    public void ReleasePark()
    {
        if ((Volatile.Read(ref _parkRequest) & 1) == 1)
        {
            Interlocked.Increment(ref _parkRequest);
        }
    }

    /// <summary>Management, while parked: forgets every ring and zeroes statistics (function-level reset).</summary>
    public void ResetQueues()
    {
        foreach (var queue in _queues)
        {
            queue.Reset();
        }

        Array.Clear(_wireTransmitDrops);
        _demux.Counters.Clear();
    }

    /// <summary>One poll iteration; returns the number of descriptors and frames handled (0 = idle).</summary>
    public int RunOnce()
    {
        Volatile.Write(ref _iterations, _iterations + 1);
        var park = Volatile.Read(ref _parkRequest);
        if ((park & 1) == 1)
        {
            Volatile.Write(ref _parkAcknowledged, park);
            return 0;
        }

        var now = new Moment(_clock.NowNanoseconds);
        var work = 0;
        foreach (var queue in _queues)
        {
            PollHandshake(queue, queue.Tx, Bar0.Queue.TxSubmissionBase);
            PollHandshake(queue, queue.Rx, Bar0.Queue.RxSubmissionBase);
            if (queue.Tx.Enabled)
            {
                work += ProcessTransmit(queue, now);
            }

            if (queue.Rx.Enabled)
            {
                work += ProcessReceive(queue, now);
            }

            if (queue.StatsDirty)
            {
                queue.PublishStats(_bar);
            }
        }

        return work;
    }

    /// <summary>
    /// The enable handshake (§6.2). <paramref name="block"/> is the ring's first register (TX or RX submission base);
    /// the others follow at the same distances for both directions.
    /// </summary>
    private void PollHandshake(HostQueuePair queue, DescriptorRing ring, int block)
    {
        var control = (QueueControl)_bar.Read32(Bar0.QueueRegister(queue.Index, block + RingRegister.Control));
        if (control == QueueControl.Enabled)
        {
            if (ring.Status != QueueStatus.Disabled)
            {
                return;
            }

            var submissionBase = _bar.Read64(Bar0.QueueRegister(queue.Index, block + RingRegister.SubmissionBase));
            var completionBase = _bar.Read64(Bar0.QueueRegister(queue.Index, block + RingRegister.CompletionBase));
            var size = _bar.Read32(Bar0.QueueRegister(queue.Index, block + RingRegister.Size));
            if (IsValidRing(submissionBase, completionBase, size))
            {
                ring.Start(submissionBase, completionBase, size);
            }
            else
            {
                ring.Stop(QueueStatus.ConfigError);
            }

            _bar.Write32(Bar0.QueueRegister(queue.Index, block + RingRegister.Status), (uint)ring.Status);
        }
        else if (ring.Status != QueueStatus.Disabled)
        {
            ring.Stop(QueueStatus.Disabled);
            _bar.Write32(Bar0.QueueRegister(queue.Index, block + RingRegister.Status), (uint)QueueStatus.Disabled);
        }
    }

    private bool IsValidRing(ulong submissionBase, ulong completionBase, uint size)
    {
        if (size < 2 || size > (uint)_maxRingEntries || (size & (size - 1)) != 0)
        {
            return false;
        }

        if ((submissionBase & 15) != 0 || (completionBase & 15) != 0)
        {
            return false;
        }

        var bytes = (ulong)size * SubmissionDescriptor.Size;
        return _dma.Contains(submissionBase, bytes) && _dma.Contains(completionBase, bytes);
    }

    private void Fault(HostQueuePair queue, DescriptorRing ring, int block)
    {
        ring.Stop(QueueStatus.Fault);
        _bar.Write32(Bar0.QueueRegister(queue.Index, block + RingRegister.Status), (uint)QueueStatus.Fault);
    }

    /// <summary>Host TX ring → port (outbound) → wire TX queue, one burst (§6.3).</summary>
    private int ProcessTransmit(HostQueuePair queue, Moment now)
    {
        var ring = queue.Tx;
        var tail = _bar.Read32(Bar0.QueueRegister(queue.Index, Bar0.Queue.TxSubmissionTail));
        var available = tail - ring.Head;
        if (available == 0)
        {
            return 0;
        }

        if (available > ring.Size)
        {
            Fault(queue, ring, Bar0.Queue.TxSubmissionBase);
            return 0;
        }

        var count = (int)Math.Min(available, (uint)_burstSize);
        var toWire = 0;
        var frames = 0;
        Span<byte> descriptor = stackalloc byte[SubmissionDescriptor.Size];
        for (var i = 0; i < count; i++)
        {
            _wireSlot[i] = -1;
            _completionLength[i] = 0;
            _completionId[i] = 0;
            if (!_dma.TryRead(ring.SubmissionAddress(ring.Head + (uint)i), descriptor))
            {
                // Unreachable: the ring was checked against host memory at enable time.
                _completionStatus[i] = CompletionStatus.DmaFault;
                queue.Count(QueueStatIndex.TxDmaFaults);
                continue;
            }

            var address = BinaryPrimitives.ReadUInt64LittleEndian(descriptor[SubmissionDescriptor.Address..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(descriptor[SubmissionDescriptor.Length..]);
            _completionId[i] = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[SubmissionDescriptor.Id..]);
            if (length == 0 || length > (uint)_maxFrameBytes)
            {
                _completionStatus[i] = CompletionStatus.BadDescriptor;
                queue.Count(QueueStatIndex.TxBadDescriptors);
                continue;
            }

            // Frames are staged in the order they came; buffer k of the burst belongs to descriptor _frameSlot[k].
            var buffer = _transmitBuffers[frames];
            buffer.Reset();
            if (!_dma.TryRead(address, buffer.WritableFromStart[..(int)length]))
            {
                _completionStatus[i] = CompletionStatus.DmaFault;
                queue.Count(QueueStatIndex.TxDmaFaults);
                continue;
            }

            buffer.TrySetLength((int)length);
            _completionLength[i] = length;
            _frameSlot[frames++] = i;
        }

        // The whole burst through the ports at once (grouped per port, datasheet §5.3), then each frame's fate in order.
        _demux.ProcessBurst(Direction.Outbound, _transmitBuffers.Slots(frames), _outcomes.AsSpan(0, frames), now);
        for (var k = 0; k < frames; k++)
        {
            var i = _frameSlot[k];
            var buffer = _transmitBuffers[k];
            switch (_outcomes[k])
            {
                case DemuxOutcome.Forward:
                    _wireTransmit.Set(toWire, buffer);
                    _wireSlot[i] = toWire++;
                    _completionStatus[i] = CompletionStatus.Ok;
                    break;
                case DemuxOutcome.Hairpin:
                    // The reply goes back the way the frame came: to this queue pair's RX ring.
                    queue.Count(QueueStatIndex.Hairpins);
                    DeliverToHost(queue, buffer, 0, CompletionFlags.Hairpin);
                    _completionStatus[i] = CompletionStatus.Ok;
                    break;
                case DemuxOutcome.Replicated:
                    // A guest's multicast frame: its copies (next hops, other subscribers) are sent below.
                    _completionStatus[i] = CompletionStatus.Ok;
                    break;
                default:
                    _completionStatus[i] = CompletionStatus.Dropped;
                    queue.Count(QueueStatIndex.TxDrops);
                    break;
            }
        }

        toWire = StageReplicas(queue, toWire);
        if (toWire > 0)
        {
            var wirePort = _wirePorts[0];
            var sent = wirePort.TransmitBurst(queue.Index % wirePort.QueueCount, _wireTransmit, 0, toWire);
            queue.Count(QueueStatIndex.TxPackets, (uint)sent);
            if (sent < toWire)
            {
                // The wire TX FIFO was full: those frames are dropped and their completions say so.
                for (var i = 0; i < count; i++)
                {
                    if (_wireSlot[i] >= sent)
                    {
                        _completionStatus[i] = CompletionStatus.Dropped;
                        queue.Count(QueueStatIndex.TxDrops);
                    }
                }

                Volatile.Write(ref _wireTransmitDrops[0], _wireTransmitDrops[0] + (toWire - sent));
            }
        }

        for (var i = 0; i < count; i++)
        {
            WriteCompletion(ring, _completionLength[i], 0, _completionId[i], _completionStatus[i], CompletionFlags.None);
        }

        ring.Head += (uint)count;
        _interrupts.Raise(queue.InterruptBit);
        return count;
    }

    /// <summary>Wire RX queue (per wire port) → port (inbound) → host RX ring, one burst per port (§6.4).</summary>
    private int ProcessReceive(HostQueuePair queue, Moment now)
    {
        var work = 0;
        for (var p = 0; p < _wirePorts.Length; p++)
        {
            var wirePort = _wirePorts[p];
            if (queue.Index >= wirePort.QueueCount)
            {
                continue;
            }

            var count = wirePort.ReceiveBurst(queue.Index, _receiveBuffers, _burstSize);
            if (count == 0)
            {
                continue;
            }

            var hairpins = 0;
            _demux.ProcessBurst(Direction.Inbound, _receiveBuffers.Slots(count), _outcomes.AsSpan(0, count), now);
            for (var i = 0; i < count; i++)
            {
                var buffer = _receiveBuffers[i];
                switch (_outcomes[i])
                {
                    case DemuxOutcome.Forward:
                        DeliverToHost(queue, buffer, _receiveBuffers.HashOf(i), CompletionFlags.None);
                        break;
                    case DemuxOutcome.Hairpin:
                        // The reply goes back the way the frame came: to the same wire port and queue.
                        queue.Count(QueueStatIndex.Hairpins);
                        _wireTransmit.Set(hairpins++, buffer);
                        break;
                    case DemuxOutcome.Replicated:
                        // Multicast: the copies for subscribed ports are delivered below.
                        break;
                    default:
                        queue.Count(QueueStatIndex.RxDrops);
                        break;
                }
            }

            hairpins = StageReplicas(queue, hairpins);

            if (hairpins > 0)
            {
                var sent = wirePort.TransmitBurst(queue.Index, _wireTransmit, 0, hairpins);
                if (sent < hairpins)
                {
                    queue.Count(QueueStatIndex.TxDrops, (uint)(hairpins - sent));
                    Volatile.Write(ref _wireTransmitDrops[p], _wireTransmitDrops[p] + (hairpins - sent));
                }
            }

            work += count;
        }

        if (work > 0)
        {
            _interrupts.Raise(queue.InterruptBit);
        }

        return work;
    }

    /// <summary>
    /// The multicast copies of the last demultiplexed burst (datasheet §5.5): host-bound copies go to this queue pair's
    /// RX ring flagged <see cref="CompletionFlags.MulticastReplica"/> with the port's link id; wire-bound ones are
    /// appended to the wire burst after slot <paramref name="toWire"/>. Returns the new wire burst length.
    /// </summary>
    private int StageReplicas(HostQueuePair queue, int toWire)
    {
        for (var r = 0; r < _demux.Replicas; r++)
        {
            var replica = _demux.ReplicaBuffer(r);
            if (_demux.ReplicaDestinationOf(r) == ReplicaDestination.Host)
            {
                DeliverToHost(queue, replica, _demux.ReplicaLinkId(r), CompletionFlags.MulticastReplica);
            }
            else
            {
                _wireTransmit.Set(toWire++, replica);
            }
        }

        return toWire;
    }

    /// <summary>Puts a frame in the next posted RX buffer of <paramref name="queue"/>, or counts why it could not.</summary>
    private void DeliverToHost(HostQueuePair queue, PacketBuffer buffer, uint rssHash, CompletionFlags flags)
    {
        var ring = queue.Rx;
        if (!ring.Enabled)
        {
            queue.Count(QueueStatIndex.RxNoBuffer);
            return;
        }

        if (ring.Head == ring.KnownTail)
        {
            ring.KnownTail = _bar.Read32(Bar0.QueueRegister(queue.Index, Bar0.Queue.RxSubmissionTail));
            if (ring.KnownTail - ring.Head > ring.Size)
            {
                Fault(queue, ring, Bar0.Queue.RxSubmissionBase);
                queue.Count(QueueStatIndex.RxDrops);
                return;
            }

            if (ring.Head == ring.KnownTail)
            {
                queue.Count(QueueStatIndex.RxNoBuffer);
                return;
            }
        }

        Span<byte> descriptor = stackalloc byte[SubmissionDescriptor.Size];
        var index = ring.Head++;
        if (!_dma.TryRead(ring.SubmissionAddress(index), descriptor))
        {
            // Unreachable: the ring was checked against host memory at enable time.
            WriteCompletion(ring, 0, 0, 0, CompletionStatus.DmaFault, CompletionFlags.None);
            queue.Count(QueueStatIndex.RxDmaFaults);
            queue.Count(QueueStatIndex.RxDrops);
            return;
        }

        var address = BinaryPrimitives.ReadUInt64LittleEndian(descriptor[SubmissionDescriptor.Address..]);
        var capacity = BinaryPrimitives.ReadUInt32LittleEndian(descriptor[SubmissionDescriptor.Length..]);
        var id = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[SubmissionDescriptor.Id..]);
        var frame = buffer.Frame;
        if (capacity == 0 || capacity < (uint)frame.Length)
        {
            WriteCompletion(ring, 0, 0, id, CompletionStatus.BadDescriptor, CompletionFlags.None);
            queue.Count(QueueStatIndex.RxBadDescriptors);
            queue.Count(QueueStatIndex.RxDrops);
            return;
        }

        if (!_dma.TryWrite(address, frame))
        {
            WriteCompletion(ring, 0, 0, id, CompletionStatus.DmaFault, CompletionFlags.None);
            queue.Count(QueueStatIndex.RxDmaFaults);
            queue.Count(QueueStatIndex.RxDrops);
            return;
        }

        WriteCompletion(ring, (uint)frame.Length, rssHash, id, CompletionStatus.Ok, flags);
        queue.Count(QueueStatIndex.RxPackets);
    }

    /// <summary>Writes one completion: the body first, then the info dword with the phase bit, release-ordered (§6.5).</summary>
    private void WriteCompletion(DescriptorRing ring, uint length, uint rssHash, ushort id, CompletionStatus status, CompletionFlags flags)
    {
        var address = ring.NextCompletion(out var phase);
        Span<byte> body = stackalloc byte[CompletionDescriptor.Info];
        BinaryPrimitives.WriteUInt32LittleEndian(body[CompletionDescriptor.Length..], length);
        BinaryPrimitives.WriteUInt32LittleEndian(body[CompletionDescriptor.RssHash..], rssHash);
        BinaryPrimitives.WriteUInt16LittleEndian(body[CompletionDescriptor.Id..], id);
        BinaryPrimitives.WriteUInt16LittleEndian(body[CompletionDescriptor.Status..], (ushort)status);
        _dma.TryWrite(address, body);
        _dma.TryWrite32Release(address + CompletionDescriptor.Info, phase | (uint)flags);
    }

    /// <summary>Register distances inside one direction's block (identical for TX at 0x00 and RX at 0x20).</summary>
    private static class RingRegister
    {
        public const int SubmissionBase = Bar0.Queue.TxSubmissionBase - Bar0.Queue.TxSubmissionBase;
        public const int CompletionBase = Bar0.Queue.TxCompletionBase - Bar0.Queue.TxSubmissionBase;
        public const int Size = Bar0.Queue.TxRingSize - Bar0.Queue.TxSubmissionBase;
        public const int Control = Bar0.Queue.TxControl - Bar0.Queue.TxSubmissionBase;
        public const int Status = Bar0.Queue.TxStatus - Bar0.Queue.TxSubmissionBase;
    }
}
