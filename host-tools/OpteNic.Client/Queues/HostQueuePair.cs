using OpteNic.Api;
using System.Numerics;
using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;
using OpteNic.Client.Memory;
using OpteNic.Client.Native;

namespace OpteNic.Client.Queues;

/// <summary>
/// One host queue pair (or one direction of it) owned by this process: an exclusive lock on the direction's registers
/// (so two processes never drive the same rings), its rings and frame buffers in its half of the queue pair's slice of
/// host memory, and the TX and/or RX side. Disposing disables the rings it enabled and gives them up.
/// </summary>
public sealed unsafe class HostQueuePair : IDisposable
{
    private const int DirectionRegisterBytes = Bar0.Queue.RxSubmissionBase - Bar0.Queue.TxSubmissionBase;

    private readonly BarRegisters _bar;
    private readonly HostTxQueue? _tx;
    private readonly HostRxQueue? _rx;
    private readonly RegionLock? _txOwnership;
    private readonly RegionLock? _rxOwnership;
    private readonly TimeSpan _timeout;
    private bool _disposed;

    private HostQueuePair(int index, BarRegisters bar, HostTxQueue? tx, RegionLock? txOwnership, HostRxQueue? rx, RegionLock? rxOwnership, QueueCounters counters, TimeSpan timeout)
    {
        Index = index;
        _bar = bar;
        _tx = tx;
        _txOwnership = txOwnership;
        _rx = rx;
        _rxOwnership = rxOwnership;
        Counters = counters;
        _timeout = timeout;
    }

    /// <summary>Queue pair number.</summary>
    public int Index { get; }

    /// <summary>Host → card (only if <see cref="QueueDirections.Transmit"/> was taken).</summary>
    public HostTxQueue Tx => _tx ?? throw new InvalidOperationException($"queue pair {Index} was opened without its TX ring");

    /// <summary>Card → host (only if <see cref="QueueDirections.Receive"/> was taken).</summary>
    public HostRxQueue Rx => _rx ?? throw new InvalidOperationException($"queue pair {Index} was opened without its RX ring");

    /// <summary>Host-side counters of both directions.</summary>
    public QueueCounters Counters { get; }

    /// <summary>Reads one of the card's statistics words for this queue pair (datasheet §3.7).</summary>
    public uint ReadCardStat(QueueStatIndex stat) => _bar.Read32(Bar0.QueueStat(Index, stat));

    /// <summary>Takes, lays out and enables the chosen directions of queue pair <paramref name="index"/>.</summary>
    internal static HostQueuePair Open(BarRegisters bar, IHostMemory memory, DmaRegion slice, int index, QueuePairOptions options, uint maxRingEntries)
    {
        var entries = options.RingEntries;
        if (entries < 2 || !BitOperations.IsPow2(entries) || entries > ushort.MaxValue + 1 || (maxRingEntries != 0 && (uint)entries > maxRingEntries))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ring entries must be a power of two between 2 and {(maxRingEntries == 0 ? 65536 : maxRingEntries)}; got {entries}");
        }

        if (options.BufferBytes < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"buffers must hold at least a 64-byte frame; got {options.BufferBytes}");
        }

        if ((options.Directions & QueueDirections.Both) == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "open at least one direction");
        }

        // TX uses the first half of the slice, RX the second, so each direction can be owned by a different process.
        var half = (slice.Length / 2) & ~(HostMemoryLayout.SliceAlignment - 1);
        var counters = new QueueCounters();
        HostTxQueue? tx = null;
        HostRxQueue? rx = null;
        RegionLock? txOwnership = null;
        RegionLock? rxOwnership = null;
        var txRegisters = RingRegisters.Tx(index);
        var rxRegisters = RingRegisters.Rx(index);
        try
        {
            if (options.Directions.HasFlag(QueueDirections.Transmit))
            {
                txOwnership = TakeOwnership(bar, index, Bar0.Queue.TxSubmissionBase, "TX", options.OwnershipTimeout);
                var rings = Lay(memory, new DmaRegion(slice.Address, half), entries, options.BufferBytes, "TX");
                txRegisters.Disable(bar, options.EnableTimeout); // a previous owner may have died with it enabled
                tx = new HostTxQueue(bar, txRegisters, rings.Submissions, rings.Completions, rings.Buffers, rings.BuffersAddress, entries, options.BufferBytes, counters);
                txRegisters.Configure(bar, rings.SubmissionsAddress, rings.CompletionsAddress, entries);
                txRegisters.Enable(bar, rings.SubmissionsAddress, rings.CompletionsAddress, entries, options.EnableTimeout, $"queue pair {index} TX");
            }

            if (options.Directions.HasFlag(QueueDirections.Receive))
            {
                rxOwnership = TakeOwnership(bar, index, Bar0.Queue.RxSubmissionBase, "RX", options.OwnershipTimeout);
                var rings = Lay(memory, new DmaRegion(slice.Address + half, half), entries, options.BufferBytes, "RX");
                rxRegisters.Disable(bar, options.EnableTimeout);
                rx = new HostRxQueue(bar, rxRegisters, rings.Submissions, rings.Completions, rings.Buffers, rings.BuffersAddress, entries, options.BufferBytes, counters);
                rxRegisters.Configure(bar, rings.SubmissionsAddress, rings.CompletionsAddress, entries);
                // RX buffers go up before the RX ring is enabled, or early frames are dropped as RxNoBuffer (§6.4).
                rx.PostAllBuffers();
                rxRegisters.Enable(bar, rings.SubmissionsAddress, rings.CompletionsAddress, entries, options.EnableTimeout, $"queue pair {index} RX");
            }

            return new HostQueuePair(index, bar, tx, txOwnership, rx, rxOwnership, counters, options.EnableTimeout);
        }
        catch
        {
            if (tx is not null)
            {
                txRegisters.Disable(bar, options.EnableTimeout);
            }

            txOwnership?.Dispose();
            rxOwnership?.Dispose();
            throw;
        }
    }

    /// <summary>Disables the rings this process enabled (bounded wait) and releases ownership.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_tx is not null)
            {
                RingRegisters.Tx(Index).Disable(_bar, _timeout);
            }

            if (_rx is not null)
            {
                RingRegisters.Rx(Index).Disable(_bar, _timeout);
            }
        }
        finally
        {
            _txOwnership?.Dispose();
            _rxOwnership?.Dispose();
        }
    }

    private static RegionLock TakeOwnership(BarRegisters bar, int index, int directionOffset, string name, TimeSpan timeout) =>
        RegionLock.TryAcquire(bar.File.Handle, Bar0.QueueRegister(index, directionOffset), DirectionRegisterBytes, timeout)
        ?? throw new OpteDeviceException(DeviceErrorKind.Busy, $"EBUSY: queue pair {index} {name} is in use by another host process", Errno.EBUSY);

    /// <summary>Allocates and zeroes a direction's two rings and its buffer pool inside <paramref name="region"/>.</summary>
    private static Rings Lay(IHostMemory memory, DmaRegion region, int entries, int bufferBytes, string name)
    {
        var allocator = new DmaAllocator(region);
        var submissions = allocator.Allocate((ulong)entries * SubmissionDescriptor.Size, 4096, $"{name} submission ring");
        var completions = allocator.Allocate((ulong)entries * CompletionDescriptor.Size, 4096, $"{name} completion ring");
        var buffers = allocator.Allocate((ulong)entries * (ulong)bufferBytes, 4096, $"{name} buffer pool");
        // Zeroed rings: the first pass expects phase 1, so stale entries from an earlier owner never look new.
        new Span<byte>((void*)memory.GetPointer(submissions), (int)submissions.Length).Clear();
        new Span<byte>((void*)memory.GetPointer(completions), (int)completions.Length).Clear();
        return new Rings(
            (byte*)memory.GetPointer(submissions), submissions.Address,
            (byte*)memory.GetPointer(completions), completions.Address,
            (byte*)memory.GetPointer(buffers), buffers.Address);
    }

    private readonly struct Rings(byte* submissions, ulong submissionsAddress, byte* completions, ulong completionsAddress, byte* buffers, ulong buffersAddress)
    {
        public byte* Submissions { get; } = submissions;
        public ulong SubmissionsAddress { get; } = submissionsAddress;
        public byte* Completions { get; } = completions;
        public ulong CompletionsAddress { get; } = completionsAddress;
        public byte* Buffers { get; } = buffers;
        public ulong BuffersAddress { get; } = buffersAddress;
    }
}
