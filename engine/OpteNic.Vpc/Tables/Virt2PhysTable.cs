using System.Runtime.CompilerServices;
using OpteNic.Api.Net;
using OpteNic.Engine.Flows;
using OpteNic.Api.Vpc;
using OpteNic.Packets;
using IpAddr = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Tables;

/// <summary>
/// V2P: (VNI, virtual IP) → (underlay IPv6, guest MAC), shared by every port of a card and sized at boot for a large
/// rack (a million entries and more).
/// <para>
/// Design: one array of plain-struct slots with open addressing (linear probing) and a per-slot sequence lock.
/// Readers — every port's slow path, on any core — never lock, never allocate and never write shared memory: they read
/// a slot's sequence, copy the slot, and re-read the sequence, retrying if a writer was inside. Writers (control
/// commands) are serialized by one lock and change a slot in place: odd sequence, fields, even sequence. Entries never
/// move: removal leaves a tombstone that later inserts reuse, so a reader probing a chain can never miss a live
/// key because of a concurrent move (the reason backward-shift deletion is not used). RCU snapshots were rejected
/// here: copying even a shard per update costs O(shard) time and garbage for a table this size, while this design
/// updates in O(1) with one array the GC never scans.
/// </para>
/// <para>Capacity is fixed: slots = next power of two ≥ capacity × 4/3 (load ≤ 75 %); a full table refuses inserts.</para>
/// <para>
/// Flows that read a mapping stay on the fast path after it changes unless told: when built with a
/// <see cref="FlowDependencyVersions"/> table, a reader records the key's stripe (<see cref="StripeOf"/>) before
/// looking up, and every set/remove bumps that stripe after writing, so exactly the flows that read this key (and the
/// few sharing its stripe) re-resolve on their next packet — e.g. a guest that moved to another sled.
/// </para>
/// </summary>
public sealed class Virt2PhysTable
{
    private const uint StateEmpty = 0;
    private const uint StateLive = 1;
    private const uint StateTombstone = 2;

    private Slot[] _slots;
    private readonly int _mask;
    private readonly Lock _writer = new();
    private int _count;
    private int _tombstones;
    // Retry counts striped per core, one cache line (128 bytes, also covering adjacent-line prefetch) per stripe:
    // readers on different cores never write a shared line, even under writer contention.
    private const int RetryStride = 16;
    private readonly long[] _lookupRetries;
    private readonly int _retryMask;
    private long _rebuilds;
    // Sequence around each rebuild's publication (odd while a new slot array is being published), so a slot reader can
    // pair the array it reads with the rebuild count that array belongs to.
    private long _layoutSequence;

    /// <summary>
    /// Creates a table holding up to <paramref name="capacity"/> mappings; changes bump <paramref name="dependencies"/>
    /// (when given) so the flows that read a changed key leave the fast path.
    /// </summary>
    public Virt2PhysTable(int capacity, FlowDependencyVersions? dependencies = null)
    {
        Dependencies = dependencies;
        int cores = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount));
        _lookupRetries = new long[cores * RetryStride];
        _retryMask = cores - 1;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 28);
        long wanted = Math.Max(16, (long)capacity * 4 / 3 + 1);
        int slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)wanted);
        _slots = new Slot[slots];
        _mask = slots - 1;
        Capacity = capacity;
    }

    /// <summary>Most mappings the table accepts.</summary>
    public int Capacity { get; }

    /// <summary>Live mappings.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Times a reader re-read a slot because a writer was changing it (contention indicator; sum over cores).</summary>
    public long LookupRetries
    {
        get
        {
            long total = 0;
            for (int core = 0; core <= _retryMask; core++)
            {
                total += Interlocked.Read(ref _lookupRetries[core * RetryStride]);
            }

            return total;
        }
    }

    /// <summary>The version stripes bumped by changes (null: flows are not told about changes).</summary>
    public FlowDependencyVersions? Dependencies { get; }

    /// <summary>The dependency stripe of (<paramref name="vni"/>, <paramref name="address"/>) in <see cref="Dependencies"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StripeOf(FlowDependencyVersions dependencies, Vni vni, IpAddr address) =>
        dependencies.StripeOf(address.High ^ ((ulong)vni.Value << 40), address.Low);

    /// <summary>Times the slot array was rebuilt to purge tombstones after many removals.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>
    /// Finds the mapping of <paramref name="address"/> in <paramref name="vni"/>. Lock-free, allocation-free, safe
    /// while writers run; sees either the old or the new value of an entry being replaced, never a mix.
    /// </summary>
    public bool TryLookup(Vni vni, IpAddr address, out GuestPhysAddr mapping)
    {
        ulong high = address.High;
        ulong low = address.Low;
        uint liveTag = Tag(StateLive, vni.Value);
        Slot[] slots = Volatile.Read(ref _slots);
        int index = (int)Hash(vni.Value, high, low) & _mask;
        for (int probes = 0; probes <= _mask; probes++)
        {
            Slot seen = ReadConsistent(ref slots[index]);
            if (seen.Tag == StateEmpty)
            {
                mapping = default;
                return false;
            }

            if (seen.Tag == liveTag && seen.KeyHigh == high && seen.KeyLow == low)
            {
                mapping = MappingOf(in seen);
                return true;
            }

            index = (index + 1) & _mask;
        }

        mapping = default;
        return false;
    }

    /// <summary>
    /// The seqlock reader side: a copy of <paramref name="slot"/> that no writer touched while it was read (waits out a
    /// write in progress, retries a torn read; both counted in <see cref="LookupRetries"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Slot ReadConsistent(ref Slot slot)
    {
        while (true)
        {
            uint before = Volatile.Read(ref slot.Sequence);
            if ((before & 1) != 0)
            {
                CountRetry();
                Thread.SpinWait(1);
                continue;
            }

            // Acquire loads: the second sequence read cannot be satisfied before these.
            Slot seen = default;
            seen.Tag = Volatile.Read(ref slot.Tag);
            seen.KeyHigh = Volatile.Read(ref slot.KeyHigh);
            seen.KeyLow = Volatile.Read(ref slot.KeyLow);
            seen.UnderlayHigh = Volatile.Read(ref slot.UnderlayHigh);
            seen.UnderlayLow = Volatile.Read(ref slot.UnderlayLow);
            seen.Mac = Volatile.Read(ref slot.Mac);
            if (Volatile.Read(ref slot.Sequence) == before)
            {
                return seen;
            }

            CountRetry();
        }
    }

    private static GuestPhysAddr MappingOf(in Slot slot) =>
        new(new MacAddr(slot.Mac), new Ipv6Addr(new UInt128(slot.UnderlayHigh, slot.UnderlayLow)));

    private void CountRetry() => Interlocked.Increment(ref _lookupRetries[(Thread.GetCurrentProcessorId() & _retryMask) * RetryStride]);

    /// <summary>Adds or replaces a mapping; false (and no change) when the table is full.</summary>
    public bool TrySet(Vni vni, IpAddr address, GuestPhysAddr mapping)
    {
        ulong high = address.High;
        ulong low = address.Low;
        lock (_writer)
        {
            int existing = FindForWrite(vni.Value, high, low, out int firstFree);
            if (existing >= 0)
            {
                Write(ref _slots[existing], Tag(StateLive, vni.Value), high, low, mapping);
                Bump(vni, address);
                return true;
            }

            if (_count >= Capacity)
            {
                return false;
            }

            if (firstFree < 0 || _count + _tombstones >= _slots.Length - (_slots.Length >> 3))
            {
                Rebuild();
                FindForWrite(vni.Value, high, low, out firstFree);
            }

            if ((_slots[firstFree].Tag & 3) == StateTombstone)
            {
                _tombstones--;
            }

            Write(ref _slots[firstFree], Tag(StateLive, vni.Value), high, low, mapping);
            Volatile.Write(ref _count, _count + 1);
            Bump(vni, address);
            return true;
        }
    }

    /// <summary>Removes a mapping; false if it was not there.</summary>
    public bool Remove(Vni vni, IpAddr address)
    {
        ulong high = address.High;
        ulong low = address.Low;
        lock (_writer)
        {
            int existing = FindForWrite(vni.Value, high, low, out _);
            if (existing < 0)
            {
                return false;
            }

            Write(ref _slots[existing], StateTombstone, 0, 0, default);
            Volatile.Write(ref _count, _count - 1);
            _tombstones++;
            Bump(vni, address);
            if (_count + _tombstones >= _slots.Length - (_slots.Length >> 3))
            {
                Rebuild();
            }

            return true;
        }
    }

    /// <summary>Removes every mapping. Readers running meanwhile see each entry either present or absent.</summary>
    public void Clear()
    {
        lock (_writer)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Tag != StateEmpty)
                {
                    Write(ref _slots[i], StateEmpty, 0, 0, default);
                }
            }

            Volatile.Write(ref _count, 0);
            _tombstones = 0;
            Dependencies?.BumpAll();
        }
    }

    /// <summary>After a change is visible to readers: flows that read this key re-resolve on their next packet.</summary>
    private void Bump(Vni vni, IpAddr address)
    {
        if (Dependencies is { } dependencies)
        {
            dependencies.Bump(StripeOf(dependencies, vni, address));
        }
    }

    /// <summary>Every live mapping (control path: dump-v2p), in slot order.</summary>
    public List<(Vni Vni, IpAddr Address, GuestPhysAddr Mapping)> Dump()
    {
        var entries = new List<(Vni, IpAddr, GuestPhysAddr)>(Count);
        lock (_writer)
        {
            foreach (ref readonly Slot slot in _slots.AsSpan())
            {
                if ((slot.Tag & 3) == StateLive)
                {
                    entries.Add((new Vni(slot.Tag >> 8), new IpAddr(slot.KeyHigh, slot.KeyLow),
                        new GuestPhysAddr(new MacAddr(slot.Mac), new Ipv6Addr(new UInt128(slot.UnderlayHigh, slot.UnderlayLow)))));
                }
            }
        }

        return entries;
    }

    /// <summary>Number of slots (positions <see cref="ReadSlots"/> walks; fixed for the table's life).</summary>
    public int SlotCount => _mask + 1;

    /// <summary>
    /// Copies the live mappings found in slots [<paramref name="start"/>, end of table) into <paramref name="into"/>
    /// until it is full, in slot order, each read under its slot's sequence lock like <see cref="TryLookup"/>: no writer
    /// lock, no allocation, safe while writers run (each entry is seen with either its old or its new value, never a
    /// mix). <paramref name="next"/> is the slot after the last one examined, or -1 when the end was reached;
    /// <paramref name="layout"/> is the number of rebuilds of the slot array that was read. Positions only change when a
    /// rebuild publishes a new array (after many removals), so a caller paging with (layout, next) knows that an entry
    /// present throughout and read under the same layout is returned exactly once, and must restart when the layout
    /// changed. Returns the number of mappings copied.
    /// </summary>
    public int ReadSlots(int start, Span<(Vni Vni, IpAddr Address, GuestPhysAddr Mapping)> into, out int next, out long layout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        Slot[] slots;
        var spinner = default(SpinWait);
        while (true)
        {
            long before = Volatile.Read(ref _layoutSequence);
            if ((before & 1) == 0)
            {
                slots = Volatile.Read(ref _slots);
                layout = Interlocked.Read(ref _rebuilds);
                if (Volatile.Read(ref _layoutSequence) == before)
                {
                    break;
                }
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        int count = 0;
        int index = start;
        for (; index < slots.Length && count < into.Length; index++)
        {
            Slot seen = ReadConsistent(ref slots[index]);
            if ((seen.Tag & 3) == StateLive)
            {
                into[count++] = (new Vni(seen.Tag >> 8), new IpAddr(seen.KeyHigh, seen.KeyLow), MappingOf(in seen));
            }
        }

        next = index < slots.Length ? index : -1;
        return count;
    }

    /// <summary>
    /// Re-inserts the live entries into a fresh array without tombstones and publishes it. Readers holding the old
    /// array finish their lookup on it (it is never written again); new lookups use the new one.
    /// </summary>
    private void Rebuild()
    {
        var fresh = new Slot[_slots.Length];
        foreach (ref readonly Slot slot in _slots.AsSpan())
        {
            if ((slot.Tag & 3) != StateLive)
            {
                continue;
            }

            int index = (int)Hash(slot.Tag >> 8, slot.KeyHigh, slot.KeyLow) & _mask;
            while (fresh[index].Tag != StateEmpty)
            {
                index = (index + 1) & _mask;
            }

            fresh[index] = slot;
            fresh[index].Sequence = 0;
        }

        Interlocked.Increment(ref _layoutSequence);
        Volatile.Write(ref _slots, fresh);
        Interlocked.Increment(ref _rebuilds);
        Interlocked.Increment(ref _layoutSequence);
        _tombstones = 0;
    }

    /// <summary>Finds the live slot of a key, and the first reusable slot on its probe chain (writer lock held).</summary>
    private int FindForWrite(uint vni, ulong high, ulong low, out int firstFree)
    {
        firstFree = -1;
        uint liveTag = Tag(StateLive, vni);
        int index = (int)Hash(vni, high, low) & _mask;
        for (int probes = 0; probes <= _mask; probes++)
        {
            ref Slot slot = ref _slots[index];
            uint state = slot.Tag & 3;
            if (state == StateEmpty)
            {
                if (firstFree < 0)
                {
                    firstFree = index;
                }

                return -1;
            }

            if (state == StateTombstone)
            {
                if (firstFree < 0)
                {
                    firstFree = index;
                }
            }
            else if (slot.Tag == liveTag && slot.KeyHigh == high && slot.KeyLow == low)
            {
                return index;
            }

            index = (index + 1) & _mask;
        }

        return -1;
    }

    private static void Write(ref Slot slot, uint tag, ulong high, ulong low, GuestPhysAddr mapping)
    {
        uint sequence = slot.Sequence;
        Volatile.Write(ref slot.Sequence, sequence + 1);
        // Full fence: the odd sequence must be visible before any field changes (store→store across the fields).
        Interlocked.MemoryBarrier();
        slot.Tag = tag;
        slot.KeyHigh = high;
        slot.KeyLow = low;
        slot.UnderlayHigh = (ulong)(mapping.Ip.Value >> 64);
        slot.UnderlayLow = (ulong)mapping.Ip.Value;
        slot.Mac = mapping.Ether.Value;
        // Release: the fields are visible before the even sequence that tells readers the slot is stable.
        Volatile.Write(ref slot.Sequence, sequence + 2);
    }

    private static uint Tag(uint state, uint vni) => vni << 8 | state;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(uint vni, ulong high, ulong low)
    {
        // Multiply-xorshift mixing (wyhash-style constants): cheap, and spreads sequential addresses across slots.
        ulong h = (low ^ 0x9E37_79B9_7F4A_7C15UL) * 0xBF58_476D_1CE4_E5B9UL;
        h ^= (high + vni) * 0x94D0_49BB_1331_11EBUL;
        h ^= h >> 31;
        h *= 0xD6E8_FEB8_6659_FD93UL;
        return h ^ (h >> 32);
    }

    /// <summary>One slot: 48 bytes, no references.</summary>
    private struct Slot
    {
        public uint Sequence;
        /// <summary>VNI in bits 8–31, state (empty, live, tombstone) in bits 0–1.</summary>
        public uint Tag;
        public ulong KeyHigh;
        public ulong KeyLow;
        public ulong UnderlayHigh;
        public ulong UnderlayLow;
        public ulong Mac;
    }
}
