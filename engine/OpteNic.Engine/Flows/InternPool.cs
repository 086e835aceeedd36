using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Flows;

/// <summary>
/// Interned values that many UFT entries share, reference-counted: the outer-header halves of compiled entries (push of
/// Ethernet/IP/UDP/Geneve, or pop of them; the flows of a port to one destination sled all push the same bytes, the
/// Geneve entropy being filled from the flow hash per packet) and the inner MAC pairs of narrow rewrites. A million
/// flows need a handful of each, which stay in cache, instead of a copy per flow. Values are compared and hashed by
/// their bytes. Fixed capacity, allocation-free after construction; interning runs on the slow path only.
/// </summary>
internal sealed class InternPool<T>
    where T : struct
{
    private const int None = -1;

    /// <summary>
    /// Interning compares and hashes the value's bytes, which is sound only for a type without references; if
    /// <typeparamref name="T"/> ever holds one, the pool is off: entries with outer-header work keep their per-layer
    /// list, and narrow rewrites that write MACs are not kept (the entry applies its full compiled form).
    /// </summary>
    public static readonly bool IsSupported = !RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    private readonly T[] _items;
    private readonly int[] _references;
    private readonly int[] _hashes;
    private readonly int[] _next;
    private readonly int[] _buckets;
    private readonly int _bucketMask;
    private int _freeHead;
    private int _lastInterned = None;

    public InternPool(int capacity)
    {
        capacity = Math.Max(1, capacity);
        _items = new T[capacity];
        _references = new int[capacity];
        _hashes = new int[capacity];
        _next = new int[capacity];
        int buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, capacity));
        _buckets = new int[buckets];
        Array.Fill(_buckets, None);
        _bucketMask = buckets - 1;
        for (int i = 0; i < capacity; i++)
        {
            _next[i] = i + 1 < capacity ? i + 1 : None;
        }

        _freeHead = 0;
    }

    /// <summary>Distinct values in use.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/> (use in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly T At(int index) => ref _items[index];

    /// <summary>Finds or adds <paramref name="value"/> and takes a reference to it; false when the pool is full.</summary>
    public bool TryIntern(in T value, out int index)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));

        // New flows come in runs to the same destination: try the value interned last before hashing.
        index = _lastInterned;
        if (index != None && _references[index] > 0 &&
            bytes.SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _items[index]))))
        {
            _references[index]++;
            return true;
        }

        var hasher = default(HashCode);
        hasher.AddBytes(bytes);
        int hash = hasher.ToHashCode();
        ref int head = ref _buckets[hash & _bucketMask];
        for (index = head; index != None; index = _next[index])
        {
            if (_hashes[index] == hash && bytes.SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _items[index]))))
            {
                _references[index]++;
                _lastInterned = index;
                return true;
            }
        }

        index = _freeHead;
        if (index == None)
        {
            return false;
        }

        _freeHead = _next[index];
        _items[index] = value;
        _hashes[index] = hash;
        _references[index] = 1;
        _next[index] = head;
        head = index;
        Count++;
        _lastInterned = index;
        return true;
    }

    /// <summary>Drops one reference; the value is freed with its last.</summary>
    public void Release(int index)
    {
        if ((uint)index >= (uint)_items.Length || _references[index] == 0 || --_references[index] > 0)
        {
            return;
        }

        ref int link = ref _buckets[_hashes[index] & _bucketMask];
        while (link != index)
        {
            link = ref _next[link];
        }

        link = _next[index];
        _items[index] = default;
        _next[index] = _freeHead;
        _freeHead = index;
        Count--;
    }
}
