namespace OpteNic.Client.Memory;

/// <summary>
/// How host tools share one host-memory space between processes (a host-side convention; the card only sees DMA
/// addresses). The first slice belongs to the mailbox and is used only while holding the mailbox lock; the rest is
/// cut into one equal slice per host queue pair, used only by the holder of that queue pair's lock.
/// </summary>
/// <remarks>
/// With VFIO each process would map its own DMA memory and need no such convention; the simulator publishes one shared
/// host-memory file, so the tools partition it.
/// </remarks>
public sealed class HostMemoryLayout
{
    /// <summary>Slices start on page boundaries.</summary>
    public const ulong SliceAlignment = 4096;

    /// <summary>The mailbox slice the datasheet recommends (§8): the first 2 MiB (a 64 KiB request and 1 MiB response fit).</summary>
    public const ulong RecommendedMailboxBytes = 2 * 1024 * 1024;

    private readonly DmaRegion[] _queuePairs;

    /// <summary>Partitions <paramref name="hostMemorySize"/> bytes.</summary>
    /// <param name="hostMemorySize">Size of host memory.</param>
    /// <param name="queuePairs">Host queue pairs the card advertises.</param>
    /// <param name="maxRequest">Largest request body the card accepts.</param>
    /// <param name="maxResponse">Largest response body the card writes.</param>
    public HostMemoryLayout(ulong hostMemorySize, int queuePairs, ulong maxRequest, ulong maxResponse)
    {
        var usable = hostMemorySize & ~(SliceAlignment - 1);
        var wanted = Math.Max(AlignUp(maxRequest) + AlignUp(maxResponse), RecommendedMailboxBytes);
        var mailbox = Math.Min(wanted, AlignDown(usable / 2));
        Mailbox = new DmaRegion(0, mailbox);

        var count = Math.Max(queuePairs, 0);
        _queuePairs = new DmaRegion[count];
        if (count > 0)
        {
            var each = AlignDown((usable - mailbox) / (ulong)count);
            for (var q = 0; q < count; q++)
            {
                _queuePairs[q] = new DmaRegion(mailbox + ((ulong)q * each), each);
            }
        }
    }

    /// <summary>The mailbox's request and response buffers live here.</summary>
    public DmaRegion Mailbox { get; }

    /// <summary>Number of queue-pair slices.</summary>
    public int QueuePairCount => _queuePairs.Length;

    /// <summary>The slice for host queue pair <paramref name="queuePair"/> (rings and frame buffers).</summary>
    public DmaRegion QueuePair(int queuePair) =>
        (uint)queuePair < (uint)_queuePairs.Length
            ? _queuePairs[queuePair]
            : throw new ArgumentOutOfRangeException(nameof(queuePair), $"queue pair {queuePair} does not exist (card has {_queuePairs.Length})");

    private static ulong AlignUp(ulong value) => (value + SliceAlignment - 1) & ~(SliceAlignment - 1);

    private static ulong AlignDown(ulong value) => value & ~(SliceAlignment - 1);
}
