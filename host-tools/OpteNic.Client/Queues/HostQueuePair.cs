using System.Numerics;
using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;
using OpteNic.Client.Memory;
using OpteNic.Client.Native;

namespace OpteNic.Client.Queues;

/// <summary>
/// One host queue pair owned by this process: an exclusive lock on its register block (so two processes never drive
/// the same rings), its rings and frame buffers in its slice of host memory, and the TX and RX sides. Disposing
/// disables both rings and gives the queue pair up.
/// </summary>
public sealed unsafe class HostQueuePair : IDisposable
{
    private readonly BarRegisters _bar;
    private readonly RegionLock _ownership;
    private readonly RingRegisters _txRegisters;
    private readonly RingRegisters _rxRegisters;
    private readonly TimeSpan _timeout;
    private bool _disposed;

    private HostQueuePair(int index, BarRegisters bar, RegionLock ownership, RingRegisters txRegisters, RingRegisters rxRegisters, HostTxQueue tx, HostRxQueue rx, TimeSpan timeout)
    {
        Index = index;
        _bar = bar;
        _ownership = ownership;
        _txRegisters = txRegisters;
        _rxRegisters = rxRegisters;
        Tx = tx;
        Rx = rx;
        _timeout = timeout;
    }

    /// <summary>Queue pair number.</summary>
    public int Index { get; }

    /// <summary>Host → card.</summary>
    public HostTxQueue Tx { get; }

    /// <summary>Card → host.</summary>
    public HostRxQueue Rx { get; }

    /// <summary>Host and card counters for this pair.</summary>
    public QueueCounters Counters => Tx.Counters;

    /// <summary>Reads one of the card's statistics words for this queue pair (datasheet §6.4).</summary>
    public uint ReadCardStat(QueueStatIndex stat) => _bar.Read32(Bar0.QueueStat(Index, stat));

    /// <summary>Takes, lays out and enables queue pair <paramref name="index"/>.</summary>
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

        var blockStart = Bar0.QueueRegister(index, 0);
        var ownership = RegionLock.TryAcquire(bar.File.Handle, blockStart, Bar0.QueuePairStride, options.OwnershipTimeout)
            ?? throw new OpteDeviceException(DeviceErrorKind.Busy, $"queue pair {index} is in use by another host process", HostErrno.EBUSY);
        try
        {
            var allocator = new DmaAllocator(slice);
            var ringBytes = (ulong)entries * SubmissionDescriptor.Size;
            var bufferPool = (ulong)entries * (ulong)options.BufferBytes;
            var txSubmissions = allocator.Allocate(ringBytes, 4096, "TX submission ring");
            var txCompletions = allocator.Allocate((ulong)entries * CompletionDescriptor.Size, 4096, "TX completion ring");
            var rxSubmissions = allocator.Allocate(ringBytes, 4096, "RX submission ring");
            var rxCompletions = allocator.Allocate((ulong)entries * CompletionDescriptor.Size, 4096, "RX completion ring");
            var txBuffers = allocator.Allocate(bufferPool, 4096, "TX buffer pool");
            var rxBuffers = allocator.Allocate(bufferPool, 4096, "RX buffer pool");

            foreach (var ring in (ReadOnlySpan<DmaRegion>)[txSubmissions, txCompletions, rxSubmissions, rxCompletions])
            {
                // Zeroed rings: the first pass expects phase 1, so stale entries from an earlier owner never look new.
                new Span<byte>((void*)memory.GetPointer(ring), (int)ring.Length).Clear();
            }

            var txRegisters = RingRegisters.Tx(index);
            var rxRegisters = RingRegisters.Rx(index);
            // A previous owner may have died with the rings enabled: disable first so the card restarts from index 0.
            txRegisters.Disable(bar, options.EnableTimeout);
            rxRegisters.Disable(bar, options.EnableTimeout);

            var counters = new QueueCounters();
            var tx = new HostTxQueue(bar, txRegisters, (byte*)memory.GetPointer(txSubmissions), (byte*)memory.GetPointer(txCompletions), (byte*)memory.GetPointer(txBuffers), txBuffers.Address, entries, options.BufferBytes, counters);
            var rx = new HostRxQueue(bar, rxRegisters, (byte*)memory.GetPointer(rxSubmissions), (byte*)memory.GetPointer(rxCompletions), (byte*)memory.GetPointer(rxBuffers), rxBuffers.Address, entries, options.BufferBytes, counters);

            txRegisters.Configure(bar, txSubmissions.Address, txCompletions.Address, entries);
            rxRegisters.Configure(bar, rxSubmissions.Address, rxCompletions.Address, entries);
            // RX buffers go up before the RX ring is enabled, or early frames are dropped as RxNoBuffer (§6.4).
            rx.PostAllBuffers();
            txRegisters.Enable(bar, txSubmissions.Address, txCompletions.Address, entries, options.EnableTimeout, $"queue pair {index} TX");
            rxRegisters.Enable(bar, rxSubmissions.Address, rxCompletions.Address, entries, options.EnableTimeout, $"queue pair {index} RX");
            return new HostQueuePair(index, bar, ownership, txRegisters, rxRegisters, tx, rx, options.EnableTimeout);
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>Disables both rings (bounded wait) and releases ownership.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _txRegisters.Disable(_bar, _timeout);
            _rxRegisters.Disable(_bar, _timeout);
        }
        finally
        {
            _ownership.Dispose();
        }
    }
}
