using System.Runtime.CompilerServices;
using OpteNic.Packets;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Flows;

/// <summary>
/// One direction's unified flow table: the fixed-capacity flow table of <see cref="UftEntry"/>, beside it per slot
/// the compiled transformation and the parent LFT links, a smaller pool of per-layer transformation lists for entries
/// that cannot be compiled, and two FIFO eviction queues of TCP entries (handshaking flows first, then the rest, oldest
/// first) so eviction is O(1) and a SYN flood evicts its own entries before established flows'.
/// </summary>
public sealed class UnifiedFlowTable
{
    /// <summary>Queue of TCP entries whose connection is still handshaking.</summary>
    public const byte HandshakeQueue = 1;
    /// <summary>Queue of the other TCP entries.</summary>
    public const byte EstablishedQueue = 2;

    private readonly FlowTable<UftEntry> _table;
    private readonly FlowRef[] _parents;
    private readonly HeaderTransform[] _lists;
    private readonly byte[] _listCounts;
    private readonly int[] _freeLists;
    private int _freeListCount;
    private readonly int[] _queueHead = [-1, -1, -1];
    private readonly int[] _queueTail = [-1, -1, -1];

    /// <summary>Creates a table of <paramref name="capacity"/> entries for a port of <paramref name="layers"/> layers.</summary>
    public UnifiedFlowTable(int capacity, int layers, int listPoolSize)
    {
        Layers = Math.Max(1, layers);
        _table = new FlowTable<UftEntry>(capacity);
        _parents = new FlowRef[capacity * Layers];
        listPoolSize = Math.Max(1, listPoolSize);
        _lists = new HeaderTransform[listPoolSize * Layers];
        _listCounts = new byte[listPoolSize];
        _freeLists = new int[listPoolSize];
        for (int i = 0; i < listPoolSize; i++)
        {
            _freeLists[i] = listPoolSize - 1 - i;
        }

        _freeListCount = listPoolSize;
    }

    /// <summary>Most parent links (and list transformations) per entry: the port's layer count.</summary>
    public int Layers { get; }

    /// <summary>Most entries.</summary>
    public int Capacity => _table.Capacity;

    /// <summary>Entries in use.</summary>
    public int Count => _table.Count;

    /// <summary>True when full.</summary>
    public bool IsFull => _table.IsFull;

    /// <summary>True when a replay list is free (needed for entries that cannot be folded).</summary>
    public bool HasFreeList => _freeListCount > 0;

    /// <summary>The underlying table (slot access for the port).</summary>
    internal FlowTable<UftEntry> Table => _table;

    /// <summary>Finds a flow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(in InnerFlowId flow, uint hash, out int slot) => _table.TryFind(in flow, hash, out slot);

    /// <summary>Burst stage 1: start loading the bucket of <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchBucket(uint hash) => _table.PrefetchBucket(hash);

    /// <summary>Burst stage 2: start loading the likely slot (entry and compiled transformation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchEntry(uint hash) => _table.PrefetchFirstSlot(hash);

    /// <summary>The entry in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref UftEntry EntryAt(int slot) => ref _table.ValueAt(slot);

    /// <summary>The compiled transformation of <paramref name="slot"/> (use in place: it is large).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly CompiledTransform CompiledAt(int slot) => ref _table.ValueAt(slot).Compiled;

    /// <summary>The per-layer transformation list of an entry stored as <see cref="UftTransformKind.List"/>.</summary>
    public ReadOnlySpan<HeaderTransform> ListAt(int slot)
    {
        ref UftEntry entry = ref _table.ValueAt(slot);
        return entry.TransformKind == UftTransformKind.List
            ? _lists.AsSpan(entry.ListIndex * Layers, _listCounts[entry.ListIndex])
            : default;
    }

    /// <summary>The parent LFT links of <paramref name="slot"/>, by layer index (unset where the layer made no pair).</summary>
    public Span<FlowRef> ParentsAt(int slot) => _parents.AsSpan(slot * Layers, Layers);

    /// <summary>The key in <paramref name="slot"/>.</summary>
    public ref readonly InnerFlowId KeyAt(int slot) => ref _table.KeyAt(slot);

    /// <summary>The flow hash of <paramref name="slot"/>.</summary>
    public uint HashAt(int slot) => _table.HashAt(slot);

    /// <summary>True when <paramref name="slot"/> is in use.</summary>
    public bool IsUsed(int slot) => _table.IsUsed(slot);

    /// <summary>A stale-proof link to <paramref name="slot"/>.</summary>
    public FlowRef RefAt(int slot) => _table.RefAt(slot);

    /// <summary>True when <paramref name="reference"/> names a live entry.</summary>
    public bool IsLive(FlowRef reference) => _table.IsLive(reference);

    /// <summary>
    /// Inserts an entry whose transformations are <paramref name="transforms"/> (one per layer that produced one, in
    /// order). Folds them when possible, otherwise keeps the list (false if no list is free or the table is full).
    /// </summary>
    public bool TryInsert(in InnerFlowId flow, uint hash, ReadOnlySpan<HeaderTransform> transforms, bool needsList, out int slot)
    {
        slot = -1;
        UftTransformKind kind = needsList ? UftTransformKind.List : UftTransformKind.Identity;
        if (!needsList)
        {
            foreach (ref readonly HeaderTransform transform in transforms)
            {
                if (!transform.IsIdentity)
                {
                    kind = UftTransformKind.Compiled;
                    break;
                }
            }
        }

        if (kind == UftTransformKind.List && _freeListCount == 0)
        {
            return false;
        }

        if (!_table.TryInsert(in flow, hash, out slot))
        {
            return false;
        }

        ref UftEntry entry = ref _table.ValueAt(slot);
        if (kind == UftTransformKind.Compiled && !CompiledTransform.TryCompile(transforms, out entry.Compiled))
        {
            if (_freeListCount == 0)
            {
                _table.RemoveAt(slot);
                slot = -1;
                return false;
            }

            kind = UftTransformKind.List;
        }

        entry.TransformKind = kind;
        entry.QueuePrev = -1;
        entry.QueueNext = -1;
        entry.ListIndex = -1;
        if (kind == UftTransformKind.List)
        {
            int list = _freeLists[--_freeListCount];
            entry.ListIndex = list;
            _listCounts[list] = (byte)transforms.Length;
            transforms.CopyTo(_lists.AsSpan(list * Layers, Layers));
        }

        ParentsAt(slot).Clear();
        return true;
    }

    /// <summary>Removes <paramref name="slot"/>: unlinks it from its queue and frees its list. Parents are the caller's.</summary>
    public void RemoveAt(int slot)
    {
        if (!_table.IsUsed(slot))
        {
            return;
        }

        Dequeue(slot);
        ref UftEntry entry = ref _table.ValueAt(slot);
        if (entry.TransformKind == UftTransformKind.List && entry.ListIndex >= 0)
        {
            _lists.AsSpan(entry.ListIndex * Layers, Layers).Clear();
            _freeLists[_freeListCount++] = entry.ListIndex;
        }

        ParentsAt(slot).Clear();
        _table.RemoveAt(slot);
    }

    /// <summary>Appends a TCP entry to the tail (newest end) of <paramref name="queue"/>.</summary>
    public void Enqueue(int slot, byte queue)
    {
        Dequeue(slot);
        ref UftEntry entry = ref _table.ValueAt(slot);
        entry.Queue = queue;
        entry.QueueNext = -1;
        entry.QueuePrev = _queueTail[queue];
        if (_queueTail[queue] >= 0)
        {
            _table.ValueAt(_queueTail[queue]).QueueNext = slot;
        }
        else
        {
            _queueHead[queue] = slot;
        }

        _queueTail[queue] = slot;
    }

    /// <summary>Takes <paramref name="slot"/> off its eviction queue, if on one.</summary>
    public void Dequeue(int slot)
    {
        ref UftEntry entry = ref _table.ValueAt(slot);
        byte queue = entry.Queue;
        if (queue == 0)
        {
            return;
        }

        if (entry.QueuePrev >= 0)
        {
            _table.ValueAt(entry.QueuePrev).QueueNext = entry.QueueNext;
        }
        else
        {
            _queueHead[queue] = entry.QueueNext;
        }

        if (entry.QueueNext >= 0)
        {
            _table.ValueAt(entry.QueueNext).QueuePrev = entry.QueuePrev;
        }
        else
        {
            _queueTail[queue] = entry.QueuePrev;
        }

        entry.Queue = 0;
        entry.QueuePrev = -1;
        entry.QueueNext = -1;
    }

    /// <summary>The oldest evictable entry: handshaking TCP flows first, then other TCP flows; -1 if none.</summary>
    public int EvictionCandidate() => _queueHead[HandshakeQueue] >= 0 ? _queueHead[HandshakeQueue] : _queueHead[EstablishedQueue];
}
