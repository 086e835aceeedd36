using OpteNic.Api.Abi;
using OpteNic.Client.Device;

namespace OpteNic.Client.Queues;

/// <summary>
/// The driver side of an RX ring pair (card → host, datasheet §6): the host keeps every buffer posted on the
/// submission ring; the card fills one, writes a completion (phase bit last), and the host reads the completion
/// (phase first, acquire), hands the frame to a handler and posts the buffer again. Single consumer, single thread.
/// </summary>
public sealed unsafe class HostRxQueue
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

    internal HostRxQueue(BarRegisters bar, RingRegisters registers, byte* submissions, byte* completions, byte* buffers, ulong buffersAddress, int entries, int bufferBytes, QueueCounters counters)
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

    /// <summary>Ring entries (and buffers).</summary>
    public int Entries { get; }

    /// <summary>Largest frame a buffer holds.</summary>
    public int BufferBytes => _bufferBytes;

    /// <summary>Counters shared with the TX side of the pair.</summary>
    public QueueCounters Counters { get; }

    /// <summary>Posts every buffer (called once after the ring is enabled).</summary>
    internal void PostAllBuffers()
    {
        for (var id = 0; id < Entries; id++)
        {
            Repost((ushort)id);
        }

        RingDoorbell();
    }

    /// <summary>
    /// Reaps up to <paramref name="budget"/> completions: each frame goes to <paramref name="handler"/>, then its buffer
    /// is posted again; the doorbell is rung once for the burst. Returns the number of completions consumed.
    /// </summary>
    public int Receive<THandler>(ref THandler handler, int budget = int.MaxValue)
        where THandler : struct, IRxFrameHandler
    {
        var reaped = 0;
        while (reaped < budget && _completions.TryPeek(out var entry))
        {
            CompletionRingReader.ReadBody(entry, out var length, out var rssHash, out var id, out var status, out var flags);
            _completions.Advance();
            reaped++;
            if (id >= Entries || length > _bufferBytes)
            {
                // A completion the host cannot trust: nothing is delivered. The buffer id may be wrong, so the
                // buffer that should have come back is re-posted by position instead.
                Counters.RxBadCompletions++;
                Repost((ushort)((_completions.Head - 1) & _mask));
                continue;
            }

            if ((CompletionStatus)status == CompletionStatus.Ok)
            {
                Counters.RxReceived++;
                // SAFETY: id < Entries and length <= buffer size (checked above).
                var frame = new ReadOnlySpan<byte>(_buffers + ((uint)id * (uint)_bufferBytes), length);
                handler.OnFrame(frame, new RxCompletion(length, rssHash, (CompletionStatus)status, (CompletionFlags)flags));
            }
            else
            {
                Counters.RxErrors++;
            }

            Repost(id);
        }

        RingDoorbell();
        return reaped;
    }

    private void Repost(ushort id)
    {
        var slot = _tail & _mask;
        // SAFETY: slot < Entries: the entry lies inside the submission ring.
        SubmissionEntry.Write(_submissions + (slot * SubmissionDescriptor.Size), _buffersAddress + ((ulong)id * (ulong)_bufferBytes), (uint)_bufferBytes, id, 0);
        _tail++;
    }

    private void RingDoorbell()
    {
        if (_doorbellTail != _tail)
        {
            _bar.Write32(_registers.SubmissionTail, _tail);
            _doorbellTail = _tail;
        }
    }
}
