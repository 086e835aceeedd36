using System.Runtime.CompilerServices;
using OpteNic.Packets;

namespace OpteNic.Engine.Flows;

/// <summary>
/// A fixed-capacity hash table from <see cref="InnerFlowId"/> to a value struct, preallocated at construction: an
/// index-linked chained table (bucket heads + next links + a free list) over parallel arrays, so nothing allocates or
/// grows after construction and entries are addressed by a stable slot number. Each slot has a generation that
/// changes when the slot is freed, so a <see cref="FlowRef"/> held elsewhere can tell that its entry is gone.
/// Not thread-safe: the port's owner (one data-path core at a time) is the only writer.
/// </summary>
public sealed class FlowTable<TValue> where TValue : struct
{
    private const int None = -1;

    private readonly int[] _buckets;
    private readonly int _bucketMask;
    // One array of slots (key, hash, chain link, generation and value side by side): a lookup touches the bucket
    // head and then one slot, so a miss in a million-flow table costs two cache misses, not one per parallel array.
    private readonly Slot[] _slots;
    private int _freeHead;
    private int _count;

    /// <summary>Creates a table holding at most <paramref name="capacity"/> entries.</summary>
    public FlowTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        int buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _buckets = new int[buckets];
        Array.Fill(_buckets, None);
        _bucketMask = buckets - 1;
        _slots = new Slot[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i].Next = i + 1 < capacity ? i + 1 : None;
            _slots[i].Generation = 1;
        }

        _freeHead = 0;
    }

    /// <summary>Most entries the table holds.</summary>
    public int Capacity { get; }

    /// <summary>Entries in use.</summary>
    public int Count => _count;

    /// <summary>True when no slot is free.</summary>
    public bool IsFull => _freeHead == None;

    /// <summary>Finds <paramref name="key"/>; <paramref name="slot"/> is its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(in InnerFlowId key, out int slot) => TryFind(in key, key.Hash(), out slot);

    /// <summary>Finds <paramref name="key"/> whose <see cref="InnerFlowId.Hash"/> is <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(in InnerFlowId key, uint hash, out int slot)
    {
        int index = _buckets[(int)hash & _bucketMask];
        Slot[] slots = _slots;
        while ((uint)index < (uint)slots.Length)
        {
            ref Slot candidate = ref slots[index];
            if (candidate.Hash == hash && candidate.Key.Equals(key))
            {
                slot = index;
                return true;
            }

            index = candidate.Next;
        }

        slot = None;
        return false;
    }

    /// <summary>
    /// Inserts <paramref name="key"/> with a default value; false when the table is full. The caller must have
    /// checked the key is absent. <paramref name="slot"/> is the new entry's slot.
    /// </summary>
    public bool TryInsert(in InnerFlowId key, uint hash, out int slot)
    {
        slot = _freeHead;
        if (slot == None)
        {
            return false;
        }

        ref Slot entry = ref _slots[slot];
        _freeHead = entry.Next;
        entry.Key = key;
        entry.Hash = hash;
        entry.Used = true;
        entry.Value = default;
        ref int head = ref _buckets[(int)hash & _bucketMask];
        entry.Next = head;
        head = slot;
        _count++;
        return true;
    }

    /// <summary>
    /// Takes the entry in <paramref name="slot"/> out of lookups while keeping the slot (its value, key and generation)
    /// in use, so <see cref="FlowRef"/>s to it stay live until <see cref="RemoveAt"/> frees it.
    /// </summary>
    public void Unlink(int slot)
    {
        if ((uint)slot >= (uint)Capacity || !_slots[slot].Used || _slots[slot].Unlinked)
        {
            return;
        }

        ref Slot entry = ref _slots[slot];
        ref int link = ref _buckets[(int)entry.Hash & _bucketMask];
        while (link != slot)
        {
            link = ref _slots[link].Next;
        }

        link = entry.Next;
        entry.Next = None;
        entry.Unlinked = true;
    }

    /// <summary>Removes the entry in <paramref name="slot"/> (no-op if free) and advances its generation.</summary>
    public void RemoveAt(int slot)
    {
        if ((uint)slot >= (uint)Capacity || !_slots[slot].Used)
        {
            return;
        }

        ref Slot entry = ref _slots[slot];
        Unlink(slot);
        entry.Unlinked = false;
        entry.Used = false;
        entry.Value = default;
        entry.Key = default;
        entry.Generation++;
        entry.Next = _freeHead;
        _freeHead = slot;
        _count--;
    }

    /// <summary>Removes every entry (generations advance, so outstanding references go stale).</summary>
    public void Clear()
    {
        for (int slot = 0; slot < Capacity; slot++)
        {
            RemoveAt(slot);
        }
    }

    /// <summary>True when <paramref name="slot"/> holds an entry.</summary>
    public bool IsUsed(int slot) => (uint)slot < (uint)Capacity && _slots[slot].Used;

    /// <summary>The key in <paramref name="slot"/>.</summary>
    public ref readonly InnerFlowId KeyAt(int slot) => ref _slots[slot].Key;

    /// <summary>The stored hash of the key in <paramref name="slot"/> (the flow hash).</summary>
    public uint HashAt(int slot) => _slots[slot].Hash;

    /// <summary>The value in <paramref name="slot"/>, by reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue ValueAt(int slot) => ref _slots[slot].Value;

    /// <summary>A reference to the entry in <paramref name="slot"/> that goes stale when it is removed.</summary>
    public FlowRef RefAt(int slot) => new(slot, _slots[slot].Generation);

    /// <summary>True when <paramref name="reference"/> still names a live entry.</summary>
    public bool IsLive(FlowRef reference) =>
        reference.IsSet && (uint)reference.Slot < (uint)Capacity && _slots[reference.Slot].Used &&
        _slots[reference.Slot].Generation == reference.Generation;

    /// <summary>Hints the CPU to start loading the bucket of <paramref name="hash"/> (burst processing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchBucket(uint hash)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            unsafe
            {
                // SAFETY: a prefetch is a hint that never faults, so an unpinned address is harmless; it is derived
                // from an in-bounds element.
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref _buckets[(int)hash & _bucketMask]));
            }
        }
    }

    /// <summary>
    /// Hints the CPU to start loading every cache line of the first slot chained from the bucket of <paramref name="hash"/> (call after
    /// <see cref="PrefetchBucket"/> has had time to land). Returns that slot index (or -1) so callers can prefetch
    /// side arrays indexed by slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PrefetchFirstSlot(uint hash)
    {
        int index = _buckets[(int)hash & _bucketMask];
        if ((uint)index < (uint)_slots.Length && System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            unsafe
            {
                // SAFETY: a prefetch is a hint that never faults, so an unpinned address (the GC may move the array
                // right after) is harmless; it is derived from an in-bounds element.
                byte* slot = (byte*)Unsafe.AsPointer(ref _slots[index]);
                int size = Unsafe.SizeOf<Slot>();
                for (int line = 0; line < size; line += 64)
                {
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(slot + line);
                }
            }
        }

        return index;
    }

    private struct Slot
    {
        public InnerFlowId Key;
        public uint Hash;
        public int Next;
        public uint Generation;
        public bool Used;
        public bool Unlinked;
        public TValue Value;
    }
}
