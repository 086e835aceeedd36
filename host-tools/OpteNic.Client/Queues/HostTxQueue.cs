using OpteNic.Api.Abi;
using OpteNic.Client.Device;

namespace OpteNic.Client.Queues;

/// <summary>
/// The driver side of a TX ring pair (host → card, datasheet §6): frames are copied into this queue's buffers,
/// described on the submission ring, and handed over by advancing the tail register (the doorbell). The card answers
/// on the completion ring in order; a completion frees the oldest outstanding buffer. Single producer, single thread.
/// </summary>
/// <remarks>Buffer i belongs to submission slot i, so an outstanding frame's buffer is never reused before its
/// completion has been reaped. No allocation per frame.</remarks>
public sealed unsafe class HostTxQueue
{
    private readonly BarRegisters _bar;
    private readonly RingRegisters _registers;
    private readonly byte* _submissions;
    private readonly byte* _buffers;
    private readonly ulong _buffersAddress;
    private readonly int _bufferBytes;
    private readonly uint _mask;
    private CompletionRingReader _completions;
    private uint _tail;
    private uint _doorbellTail;

    internal HostTxQueue(BarRegisters bar, RingRegisters registers, byte* submissions, byte* completions, byte* buffers, ulong buffersAddress, int entries, int bufferBytes, QueueCounters counters)
    {
        _bar = bar;
        _registers = registers;
        _submissions = submissions;
        _buffers = buffers;
        _buffersAddress = buffersAddress;
        _bufferBytes = bufferBytes;
        _mask = (uint)entries - 1;
        _completions = new CompletionRingReader(completions, entries);
        Entries = entries;
        Counters = counters;
    }

    /// <summary>Ring entries.</summary>
    public int Entries { get; }

    /// <summary>Largest frame this queue can send.</summary>
    public int MaxFrameBytes => _bufferBytes;

    /// <summary>Frames posted and not yet completed.</summary>
    public int Outstanding => (int)(_tail - _completions.Head);

    /// <summary>Slots free for new frames.</summary>
    public int FreeSlots => Entries - Outstanding;

    /// <summary>Counters shared with the RX side of the pair.</summary>
    public QueueCounters Counters { get; }

    /// <summary>
    /// Copies <paramref name="frame"/> into the next free buffer and writes its descriptor; the card sees it after
    /// <see cref="RingDoorbell"/>. Returns false when the ring is full or the frame is longer than a buffer (counted).
    /// </summary>
    public bool TryPost(ReadOnlySpan<byte> frame, SubmissionFlags flags = SubmissionFlags.None)
    {
        if (frame.Length > _bufferBytes || frame.IsEmpty)
        {
            Counters.TxTooLong++;
            return false;
        }

        if (_tail - _completions.Head >= (uint)Entries)
        {
            return false;
        }

        var slot = _tail & _mask;
        // SAFETY: slot < Entries, so the buffer and the entry lie inside this queue's allocations.
        frame.CopyTo(new Span<byte>(_buffers + (slot * (uint)_bufferBytes), _bufferBytes));
        SubmissionEntry.Write(_submissions + (slot * SubmissionDescriptor.Size), _buffersAddress + (slot * (ulong)_bufferBytes), (uint)frame.Length, (ushort)slot, (ushort)flags);
        _tail++;
        Counters.TxPosted++;
        return true;
    }

    /// <summary>
    /// Publishes every descriptor written since the last call by writing the tail register (release store: the
    /// buffers and descriptors are visible to the card before the new tail).
    /// </summary>
    public void RingDoorbell()
    {
        if (_doorbellTail != _tail)
        {
            _bar.Write32(_registers.SubmissionTail, _tail);
            _doorbellTail = _tail;
        }
    }

    /// <summary>Posts and rings the doorbell at once.</summary>
    public bool TrySend(ReadOnlySpan<byte> frame, SubmissionFlags flags = SubmissionFlags.None)
    {
        if (!TryPost(frame, flags))
        {
            return false;
        }

        RingDoorbell();
        return true;
    }

    /// <summary>Consumes up to <paramref name="budget"/> completions, counting each by status; returns how many.</summary>
    public int ReapCompletions(int budget = int.MaxValue)
    {
        var reaped = 0;
        while (reaped < budget && _completions.Head != _tail && _completions.TryPeek(out var entry))
        {
            CompletionRingReader.ReadBody(entry, out _, out _, out var id, out var status, out _);
            if (id != (ushort)(_completions.Head & _mask))
            {
                Counters.TxOutOfOrder++;
            }

            switch ((CompletionStatus)status)
            {
                case CompletionStatus.Ok:
                    Counters.TxCompletedOk++;
                    break;
                case CompletionStatus.Dropped:
                    Counters.TxDropped++;
                    break;
                case CompletionStatus.DmaFault:
                    Counters.TxDmaFaults++;
                    break;
                default:
                    Counters.TxBadDescriptors++;
                    break;
            }

            _completions.Advance();
            reaped++;
        }

        return reaped;
    }
}
