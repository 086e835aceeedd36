using OpteNic.Api.Abi;

namespace OpteNic.Card.Tests.Firmware;

/// <summary>
/// The host's view of one direction of one queue pair in the harness's host memory: its rings and frame buffers,
/// its free-running producer and consumer counters. Plays the driver for the data-path tests, allocation-free.
/// </summary>
public sealed class HostQueue
{
    public const int BufferBytes = 2048;

    private readonly CardHarness _card;
    private readonly int _tailRegister;

    public HostQueue(CardHarness card, int queue, bool transmit, uint size)
    {
        _card = card;
        Queue = queue;
        Transmit = transmit;
        Size = size;
        var slot = (ulong)((queue * 2) + (transmit ? 0 : 1));
        SubmissionBase = CardHarness.RingArea + (slot * 0x2_0000);
        CompletionBase = SubmissionBase + 0x1_0000;
        BufferBase = CardHarness.BufferArea + (slot * 0x2_0000 * 2);
        _tailRegister = Bar0.QueueRegister(queue, transmit ? Bar0.Queue.TxSubmissionTail : Bar0.Queue.RxSubmissionTail);
    }

    public int Queue { get; }

    public bool Transmit { get; }

    public uint Size { get; }

    public ulong SubmissionBase { get; }

    public ulong CompletionBase { get; }

    public ulong BufferBase { get; }

    /// <summary>Submissions posted (the tail).</summary>
    public uint Posted { get; private set; }

    /// <summary>Completions consumed.</summary>
    public uint Consumed { get; private set; }

    /// <summary>Host buffer of slot <paramref name="index"/>.</summary>
    public ulong BufferAddress(uint index) => BufferBase + ((index & (Size - 1)) * BufferBytes);

    /// <summary>Enables the rings (completion ring zeroed first) and returns the status the card answered.</summary>
    public QueueStatus Enable(bool step = true)
    {
        var zeros = new byte[Size * CompletionDescriptor.Size];
        Assert.True(_card.HostMemory.TryWrite(CompletionBase, zeros));
        Posted = 0;
        Consumed = 0;
        return _card.EnableRing(Queue, Transmit, Size, SubmissionBase, CompletionBase, step);
    }

    /// <summary>TX: copies a frame into the next buffer and posts it.</summary>
    public void PostFrame(ReadOnlySpan<byte> frame, ushort id)
    {
        var address = BufferAddress(Posted);
        Assert.True(_card.HostMemory.TryWrite(address, frame));
        PostRaw(address, (uint)frame.Length, id);
    }

    /// <summary>RX: posts an empty buffer of <paramref name="capacity"/> bytes.</summary>
    public void PostBuffer(ushort id, uint capacity = BufferBytes) => PostRaw(BufferAddress(Posted), capacity, id);

    /// <summary>Posts any descriptor (for bad-descriptor tests), then rings the doorbell.</summary>
    public void PostRaw(ulong address, uint length, ushort id)
    {
        _card.WriteSubmission(SubmissionBase, Size, Posted, address, length, id);
        Posted++;
        _card.Bar.Write32(_tailRegister, Posted);
    }

    /// <summary>Takes the next completion if the card wrote it.</summary>
    public bool TryTake(out Completion completion, out ulong bufferAddress)
    {
        bufferAddress = BufferAddress(Consumed);
        if (!_card.TryReadCompletion(CompletionBase, Size, Consumed, out completion))
        {
            return false;
        }

        Consumed++;
        return true;
    }

    /// <summary>Takes the next completion, which must be there.</summary>
    public Completion Take()
    {
        Assert.True(TryTake(out var completion, out _), $"no completion {Consumed} on queue {Queue}");
        return completion;
    }

    /// <summary>RX: takes the next completion and the frame bytes it describes.</summary>
    public byte[] TakeFrame(out Completion completion)
    {
        Assert.True(TryTake(out completion, out var address), $"no RX completion {Consumed} on queue {Queue}");
        var frame = new byte[completion.Length];
        Assert.True(_card.HostMemory.TryRead(address, frame));
        return frame;
    }
}
