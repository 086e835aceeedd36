using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpteNic.Packets;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Flows;

/// <summary>
/// One direction's unified flow table, laid out for a million flows:
/// <list type="bullet">
/// <item>a small <b>index</b> that stays in cache: 32-byte buckets of fourteen 16-bit hash tags (0 marks a free way)
/// and an overflow count, open addressing with linear probing between buckets (the count says whether to look
/// further). Way <c>w</c> of bucket <c>b</c> <i>is</i> slot <c>14 b + w</c>, so the index stores no slot numbers:
/// about 2.6 bytes per entry, 2.5 MiB for a million flows. A lookup compares the flow's preferred slot (see
/// <see cref="Find(in InnerFlowId, uint)"/>), then a bucket's tags with one vector compare, which name the slot to
/// read; with a large table the slots are the only accesses that go to DRAM;</item>
/// <item><b>slots</b>, one per way (the table holds at most 7/8 of them, so the capacity asked for fits with buckets
/// that rarely overflow; slots and their side arrays take 8/7 of the memory the entries need), 128 bytes (two cache
/// lines of one aligned block) each. The first line is the <see cref="UftEntry"/>: an IPv4 flow's key in 16 bytes with
/// every field a hit checks and writes and the flow's narrow rewrite, so a hit of such a flow reads one line. The
/// second holds what only some flows need: an IPv6 key in full and dependency stamps. A burst prefetches the second
/// line only while a fair share of the entries need it. The full <see cref="CompiledInner"/> sits in a side array,
/// read by the full path and by flows without a narrow form (IPv6 address rewrites). Index and slots are native memory
/// on huge pages when large (<see cref="NativeTableMemory"/>), freed by the finalizer;</item>
/// <item>pools of <b>shared values</b> (<see cref="InternPool{T}"/>): a compiled entry that pushes or pops the outer
/// headers refers to an interned outer-header template (applied together with the slot's inner rewrites in one pass),
/// and a narrow rewrite to an interned inner MAC pair; an entry whose template does not fit the pool keeps its
/// per-layer list instead, one whose MAC pair does not fit keeps no narrow form;</item>
/// <item>cold side arrays (creation time, pair key, eviction-queue links, parent LFT links) that the fast path never
/// touches, and a smaller pool of per-layer transformation lists for entries that cannot be compiled.</item>
/// </list>
/// Two FIFO eviction queues of TCP entries (handshaking flows first, then the rest, oldest first) make eviction O(1)
/// so a SYN flood evicts its own entries before established flows'. Nothing allocates after construction; not
/// thread-safe (the port's owner is the only writer).
/// </summary>
public sealed unsafe class UnifiedFlowTable
{
    /// <summary>Queue of TCP entries whose connection is still handshaking.</summary>
    public const byte HandshakeQueue = 1;
    /// <summary>Queue of the other TCP entries.</summary>
    public const byte EstablishedQueue = 2;

    private const int None = -1;
    /// <summary>The hot line's MAC-pair index when the narrow rewrite writes no MAC (or there is no narrow form).</summary>
    internal const ushort NoMacPair = ushort.MaxValue;
    // Ways per index bucket: fourteen 16-bit tags and a 32-bit overflow count fill 32 bytes (two buckets a line).
    private const int Ways = 14;
    private const uint WaysMask = (1u << Ways) - 1;
    // Slots per entry allowed: the table holds at most 7/8 of its slots, so a bucket overflows rarely.
    private const int LoadNumerator = 7;
    private const int LoadDenominator = 8;
    // A compiled entry without outer-header work has no shared template: dumps see this one (outer "None").
    private static readonly CompiledTransform s_noOuter;
    // The MACs of a narrow rewrite that writes none (never read: its fields say no MAC is set).
    private static readonly FlowRewriteMacs s_noMacs;
    // The hot line's key tail: protocol and ports in bits 0–39 (InnerFlowId.ProtocolAndPorts), then these marks.
    private const ulong InUseMark = 1UL << 40;
    private const ulong WideKeyMark = 1UL << 41;

    // Index and slots live in native memory (NativeTableMemory): cache-line aligned, on huge pages when large, freed by
    // the finalizer. Neither holds a GC reference.
    private readonly Bucket* _buckets;
    private readonly nuint _bucketBytes;
    private readonly uint _bucketCount;
    private readonly Slot* _slots;
    private readonly nuint _slotBytes;
    private readonly ColdEntry[] _cold;
    // Each slot's full compiled inner rewrites: what the full path applies, and the lean hit when the slot holds no
    // narrow form (FlowRewriteFields in the hot line). Off the slot, so a hit of a flow without one reads another line.
    private readonly CompiledInner[] _inners;
    private readonly FlowRef[] _parents;
    private readonly InternPool<CompiledTransform>? _outers;
    private readonly InternPool<FlowRewriteMacs>? _macPairs;
    private readonly HeaderTransform[] _lists;
    private readonly byte[] _listCounts;
    private readonly int[] _freeLists;
    private int _freeListCount;
    private int _count;
    // Entries whose hit reads the slot's second line (an IPv6 key, dependency stamps), and whether a burst prefetches
    // that line too: only while more than an eighth of the entries need it, so a table of IPv4 flows without
    // dependencies costs one line a hit and a table of mostly such entries has both lines requested together.
    private int _secondLineEntries;
    private bool _prefetchSecondLine;
    // Entries filed in their preferred way (found without the index; see PreferredEntries).
    private int _preferredEntries;
    private readonly int[] _queueHead = [-1, -1, -1];
    private readonly int[] _queueTail = [-1, -1, -1];

    /// <summary>Creates a table of <paramref name="capacity"/> entries for a port of <paramref name="layers"/> layers.</summary>
    public UnifiedFlowTable(int capacity, int layers, int listPoolSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        // The slot's explicit layout puts the wide key at 64 and the stamps at 104: a part that grew would overlap.
        if (sizeof(UftEntry) != 64 || sizeof(InnerFlowId) > 40 || sizeof(FlowDependencyStamps) > 24)
        {
            throw new InvalidOperationException("UFT slot parts outgrew the 128-byte slot layout");
        }

        Capacity = capacity;
        Layers = Math.Max(1, layers);

        // A slot per way of the index, sized to the capacity asked for (no rounding up to a power of two) with at most
        // 7/8 of the ways in use when the table is full, so probes past the home bucket are rare.
        long buckets = Math.Max(2, (((long)capacity * LoadDenominator) + (Ways * LoadNumerator) - 1) / (Ways * LoadNumerator));
        if (buckets * Ways > int.MaxValue / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "too many UFT entries");
        }

        _bucketCount = (uint)buckets;
        SlotCount = (int)buckets * Ways;
        // SAFETY: both blocks are allocated here, sized for buckets and their slots, and freed only by the finalizer,
        // when nothing can use this table any more.
        _buckets = (Bucket*)NativeTableMemory.Allocate((nuint)buckets * (nuint)sizeof(Bucket), out _bucketBytes);
        _slots = (Slot*)NativeTableMemory.Allocate((nuint)SlotCount * (nuint)sizeof(Slot), out _slotBytes);
        _cold = new ColdEntry[SlotCount];
        _inners = new CompiledInner[SlotCount];
        for (int i = 0; i < SlotCount; i++)
        {
            _cold[i].Generation = 1;
        }

        _parents = new FlowRef[SlotCount * Layers];
        _outers = InternPool<CompiledTransform>.IsSupported ? new InternPool<CompiledTransform>(Math.Min(capacity, 4096)) : null;
        _macPairs = InternPool<FlowRewriteMacs>.IsSupported ? new InternPool<FlowRewriteMacs>(Math.Min(capacity, 4096)) : null;
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

    /// <summary>Gives the native index and slots back.</summary>
    ~UnifiedFlowTable()
    {
        NativeTableMemory.Free(_slots, _slotBytes);
        NativeTableMemory.Free(_buckets, _bucketBytes);
    }

    /// <summary>Bytes of one slot (a whole number of cache lines, so a hit reads exactly <c>SlotBytes / 64</c> lines).</summary>
    internal static int SlotBytes => sizeof(Slot);

    /// <summary>Most parent links (and list transformations) per entry: the port's layer count.</summary>
    public int Layers { get; }

    /// <summary>Most entries.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Slots, numbered 0 to <c>SlotCount - 1</c> (more than <see cref="Capacity"/>: a flow's slot is a way of the index
    /// bucket it was filed in, and the table keeps an eighth of them free).
    /// </summary>
    public int SlotCount { get; }

    /// <summary>Entries in use.</summary>
    public int Count => _count;

    /// <summary>True when full.</summary>
    public bool IsFull => _count >= Capacity;

    /// <summary>True when a replay list is free (needed for entries that cannot be folded).</summary>
    public bool HasFreeList => _freeListCount > 0;

    /// <summary>Distinct shared outer-header templates in use (a handful per port in practice).</summary>
    public int SharedOuterTemplates => _outers?.Count ?? 0;

    /// <summary>Distinct inner MAC pairs of narrow rewrites in use (a handful per port in practice).</summary>
    public int SharedMacPairs => _macPairs?.Count ?? 0;

    /// <summary>
    /// Entries filed in their preferred way, whose slot follows from the hash alone. An insert whose preferred way holds
    /// an entry filed elsewhere moves that entry to a free way of the bucket, its own preferred way when that is free
    /// (<see cref="EntryMoved"/>). So the share is about three quarters when the table is filled and about half under
    /// steady churn at full load, instead of falling towards the free share (an eighth) as entries come and go.
    /// </summary>
    public int PreferredEntries => _preferredEntries;

    /// <summary>Entries filed past their home bucket (a lookup of one reads a later bucket): for tests and benchmarks, a walk over the table.</summary>
    internal int EntriesPastHome()
    {
        int past = 0;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            past += _slots[slot].Used && HomeBucket(_cold[slot].Hash) != (uint)(slot / Ways) ? 1 : 0;
        }

        return past;
    }

    /// <summary>True while more than half the entries are in their preferred way (the burst then requests every packet's preferred slot).</summary>
    internal bool MostEntriesPreferred => _preferredEntries * 2 > _count;

    /// <summary>
    /// Told when an insert moves an entry to another way of its bucket (old reference, new reference), so holders of
    /// <see cref="RefAt"/> references (the TCP table's links to its UFT entries) can follow it. Set once by the owner;
    /// called on the slow path only.
    /// </summary>
    internal Action<FlowRef, FlowRef>? EntryMoved { get; set; }

    // ---- lookup ----------------------------------------------------------------------------------------------------

    /// <summary>Finds a flow whose <see cref="InnerFlowId.Hash"/> is <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(in InnerFlowId flow, uint hash, out int slot)
    {
        slot = Find(in flow, hash);
        return slot >= 0;
    }

    /// <summary>
    /// The slot of <paramref name="flow"/>, or -1. A flow is filed in its home bucket's <b>preferred way</b> when that
    /// way is free or holds an entry filed elsewhere (which then moves; most flows are there), and that slot's address follows from the hash alone, so it is compared first without
    /// waiting for the index: with the table in cache that saves the bucket → compare → slot chain of loads. Otherwise
    /// the bucket's tags (a small array that stays in cache) say which ways may hold the flow, and a way's slot is
    /// implied by its position: such a flow costs a second slot read (the burst path, which reads the bucket in its
    /// prefetch stage, tries the slot the index names first and reads one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(in InnerFlowId flow, uint hash)
    {
        CompactKey(in flow, out ulong addresses, out ulong tail);
        int preferred = PreferredSlot(hash);
        if (Matches(preferred, addresses, tail, in flow))
        {
            return preferred;
        }

        return FindInIndex(in flow, hash, addresses, tail);
    }

    /// <summary>
    /// The hot line's form of <paramref name="flow"/>: an IPv4 key exactly (both addresses in 8 bytes, protocol and
    /// ports with the in-use mark); an IPv6 key as a fold of its addresses with the wide-key mark, to be confirmed
    /// against the whole key in the slot's second line. A key with both addresses IPv4-mapped is an IPv4 key, as
    /// <see cref="InnerFlowId"/> itself does not tell the two apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CompactKey(in InnerFlowId flow, out ulong addresses, out ulong tail)
    {
        IpAddr src = flow.Src;
        IpAddr dst = flow.Dst;
        // IPv4-mapped: high word 0, then ::ffff: in the low word's upper half.
        bool ipv4 = ((src.High | dst.High) | ((src.Low >> 32) ^ 0xFFFF) | ((dst.Low >> 32) ^ 0xFFFF)) == 0;
        if (ipv4)
        {
            addresses = (uint)src.Low | ((ulong)(uint)dst.Low << 32);
            tail = flow.ProtocolAndPorts | InUseMark;
            return;
        }

        addresses = src.High ^ BitOperations.RotateLeft(src.Low, 17) ^ BitOperations.RotateLeft(dst.High, 31) ^
            BitOperations.RotateLeft(dst.Low, 47);
        tail = flow.ProtocolAndPorts | InUseMark | WideKeyMark;
    }

    /// <summary>True when <paramref name="slot"/> is in use and holds the key whose compact form is given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(int slot, ulong addresses, ulong tail, in InnerFlowId flow)
    {
        ref UftEntry entry = ref _slots[slot].Entry;
        return entry.KeyAddresses == addresses && entry.KeyTail == tail &&
            ((tail & WideKeyMark) == 0 || _slots[slot].WideKey.Matches(in flow));
    }

    /// <summary>The whole probe: every matching way of every bucket the key may lie in.</summary>
    private int FindInIndex(in InnerFlowId flow, uint hash, ulong addresses, ulong tail)
    {
        uint index = HomeBucket(hash);
        ushort tag = Tag(hash);
        // Every bucket may be marked as overflowed (a small, nearly full table): one lap at most.
        for (uint probed = 0; probed < _bucketCount; probed++)
        {
            Bucket* bucket = _buckets + index;
            uint matches = MatchWays(bucket, tag);
            while (matches != 0)
            {
                int slot = ((int)index * Ways) + BitOperations.TrailingZeroCount(matches);
                if (Matches(slot, addresses, tail, in flow))
                {
                    return slot;
                }

                matches &= matches - 1;
            }

            if (bucket->Overflow == 0)
            {
                return None;
            }

            index = NextBucket(index);
        }

        return None;
    }

    /// <summary>
    /// As <see cref="Find(in InnerFlowId, uint)"/>, trying <paramref name="candidate"/> first (a slot a burst's
    /// prefetch stage picked from the index; -1 for none): keys are unique, so a used slot holding this key is the
    /// flow's entry whatever happened to the table since.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(in InnerFlowId flow, uint hash, int candidate)
    {
        CompactKey(in flow, out ulong addresses, out ulong tail);
        if ((uint)candidate < (uint)SlotCount && Matches(candidate, addresses, tail, in flow))
        {
            return candidate;
        }

        int preferred = PreferredSlot(hash);
        if (preferred != candidate && Matches(preferred, addresses, tail, in flow))
        {
            return preferred;
        }

        return FindInIndex(in flow, hash, addresses, tail);
    }

    /// <summary>The bucket a hash starts probing at: multiply-shift maps the hash onto any bucket count evenly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HomeBucket(uint hash) => (uint)(((ulong)hash * _bucketCount) >> 32);

    /// <summary>
    /// The way of its home bucket a flow takes when free: from the low half of the same multiply (where in its
    /// bucket's share of hash values it falls), so flows of one bucket spread over its ways.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int PreferredSlot(uint hash)
    {
        ulong position = (ulong)hash * _bucketCount;
        return ((int)(position >> 32) * Ways) + (int)(((position & uint.MaxValue) * Ways) >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint NextBucket(uint index) => index + 1 == _bucketCount ? 0 : index + 1;

    /// <summary>A way's tag: the hash's low 16 bits (the bucket came from its high bits), never 0, which marks a free way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Tag(uint hash)
    {
        ushort tag = (ushort)hash;
        return tag == 0 ? (ushort)1 : tag;
    }

    /// <summary>
    /// Ways of <paramref name="bucket"/> whose tag is <paramref name="tag"/> (0 for the free ways), as a bit mask. A
    /// false match costs one key compare, about 1 in 65536.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MatchWays(Bucket* bucket, ushort tag)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            // The bucket is 32 bytes: one compare covers its fourteen tags (the overflow count's lanes are masked off).
            Vector256<ushort> tags = Vector256.Load((ushort*)bucket);
            return Vector256.Equals(tags, Vector256.Create(tag)).ExtractMostSignificantBits() & WaysMask;
        }

        uint matches = 0;
        for (int way = 0; way < Ways; way++)
        {
            if (bucket->Tags[way] == tag)
            {
                matches |= 1u << way;
            }
        }

        return matches;
    }

    /// <summary>Burst stage 1: start loading the index bucket of <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchBucket(uint hash)
    {
        if (Sse.IsSupported)
        {
            // SAFETY: a prefetch never faults; the address is inside the pinned index.
            Sse.Prefetch0(_buckets + HomeBucket(hash));
        }
    }

    /// <summary>
    /// Burst stage 2 (after <see cref="PrefetchBucket"/> has had time to land): start loading the hot fields and the
    /// per-flow compiled transformation of the likely slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchEntry(uint hash) => PrefetchCandidate(hash);

    /// <summary>
    /// Burst stage 1: start loading the slot of the flow's preferred way (where most flows
    /// are filed), whose address follows from the hash alone, without waiting for the index bucket.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PrefetchPreferred(uint hash) => PrefetchSlotLines(PreferredSlot(hash));

    /// <summary>
    /// As <see cref="PrefetchEntry"/>; returns the candidate slot (first way of the home bucket whose tag matches, else of
    /// the next bucket when entries lie past the home bucket) or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int PrefetchCandidate(uint hash)
    {
        uint index = HomeBucket(hash);
        uint matches = MatchWays(_buckets + index, Tag(hash));
        if (matches == 0)
        {
            // Entries that found their home bucket full are filed further on, nearly always in the next bucket (the same
            // index line for an even bucket): under steady churn at full load about a fifth of them.
            if (_buckets[index].Overflow == 0)
            {
                return None;
            }

            index = NextBucket(index);
            matches = MatchWays(_buckets + index, Tag(hash));
            if (matches == 0)
            {
                return None;
            }
        }

        int slot = ((int)index * Ways) + BitOperations.TrailingZeroCount(matches);
        PrefetchSlotLines(slot);
        return slot;
    }

    /// <summary>
    /// Starts loading <paramref name="slot"/> (below <see cref="SlotCount"/>): its hot line, and its second line while a
    /// fair share of the entries need it (see <see cref="_prefetchSecondLine"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchSlotLines(int slot)
    {
        if (Sse.IsSupported)
        {
            // SAFETY: a prefetch is a hint that never faults; both addresses lie in an in-bounds slot of the native block.
            byte* start = (byte*)(_slots + slot);
            Sse.Prefetch0(start);
            if (_prefetchSecondLine)
            {
                Sse.Prefetch0(start + 64);
            }
        }
    }

    // ---- slot access -----------------------------------------------------------------------------------------------

    /// <summary>The entry in <paramref name="slot"/>.</summary>
    /// <remarks>Change fields, never the whole entry: it holds the slot's key and in-use mark.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref UftEntry EntryAt(int slot) => ref _slots[slot].Entry;

    /// <summary>
    /// The compiled transformation of <paramref name="slot"/> that decides its outer headers (control path, e.g. for
    /// <see cref="CompiledTransform.Outer"/> in dumps): the shared outer half when the entry is split, else the whole
    /// folded transformation. Use in place: it is large. The fast path applies both halves (see <see cref="OuterAt"/>).
    /// </summary>
    public ref readonly CompiledTransform CompiledAt(int slot) =>
        ref _slots[slot].Entry.OuterIndex >= 0 && _outers is not null
            ? ref _outers.At(_slots[slot].Entry.OuterIndex)
            : ref s_noOuter;

    /// <summary>What a compiled entry does to the outer headers (for dumps).</summary>
    public CompiledOuter OuterAt(int slot)
    {
        ref UftEntry entry = ref _slots[slot].Entry;
        if (entry.TransformKind != UftTransformKind.Compiled)
        {
            return CompiledOuter.None;
        }

        return entry.OuterIndex >= 0 && _outers is not null ? _outers.At(entry.OuterIndex).Outer : CompiledOuter.None;
    }

    /// <summary>
    /// Applies the compiled entry in <paramref name="slot"/> in one pass: the flow's own inner rewrites and the shared
    /// outer half (push or pop), validated together first so a failure (e.g. no headroom) leaves the packet untouched.
    /// Same bytes as applying the whole folded transformation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TransformError ApplyCompiled(int slot, ref UftEntry entry, PacketBuffer packet, ref ParsedPacket parsed, ChecksumOffload offload)
    {
        ref CompiledInner inner = ref _inners[slot];
        return entry.OuterIndex >= 0
            ? _outers!.At(entry.OuterIndex).Apply(packet, ref parsed, in inner, _cold[slot].Hash, offload)
            : inner.Apply(packet, ref parsed, offload);
    }

    /// <summary>
    /// As <see cref="ApplyCompiled"/>, for a packet known only by its <see cref="FlowHeaders"/> (a UFT hit that skipped
    /// the full parse). False, with the packet unchanged, when the entry needs the full form.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryApplyCompiled(int slot, ref UftEntry entry, PacketBuffer packet, in FlowHeaders headers, ChecksumOffload offload)
    {
        // The flow's hash is the key's (the key matched), so the packet's own serves the outer push.
        if (entry.Rewrite.IsValid)
        {
            var narrow = new FlowRewriteView(in entry.Rewrite,
                in entry.MacPairIndex == NoMacPair ? ref s_noMacs : ref _macPairs!.At(entry.MacPairIndex));
            return entry.OuterIndex >= 0
                ? _outers!.At(entry.OuterIndex).TryApplyFlow(packet, in headers, in narrow, headers.Hash, offload)
                : narrow.TryApplyFlow(packet, in headers, offload);
        }

        return TryApplyWide(slot, entry.OuterIndex, packet, in headers, offload);
    }

    /// <summary>The lean hit of an entry whose rewrites have no narrow form: from the side array, out of the hot code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryApplyWide(int slot, int outerIndex, PacketBuffer packet, in FlowHeaders headers, ChecksumOffload offload)
    {
        ref CompiledInner inner = ref _inners[slot];
        return outerIndex >= 0
            ? _outers!.At(outerIndex).TryApplyFlow(packet, in headers, in inner, headers.Hash, offload)
            : inner.TryApplyFlow(packet, in headers, offload);
    }

    /// <summary>The per-layer transformation list of an entry stored as <see cref="UftTransformKind.List"/>.</summary>
    public ReadOnlySpan<HeaderTransform> ListAt(int slot)
    {
        int list = _cold[slot].ListIndex;
        return _slots[slot].Entry.TransformKind == UftTransformKind.List && list >= 0
            ? _lists.AsSpan(list * Layers, _listCounts[list])
            : default;
    }

    /// <summary>The parent LFT links of <paramref name="slot"/>, by layer index (unset where the layer made no pair).</summary>
    public Span<FlowRef> ParentsAt(int slot) => _parents.AsSpan(slot * Layers, Layers);

    /// <summary>The key in <paramref name="slot"/> (rebuilt from the hot line for an IPv4 key).</summary>
    public InnerFlowId KeyAt(int slot)
    {
        ref Slot s = ref _slots[slot];
        if ((s.Entry.KeyTail & WideKeyMark) != 0)
        {
            return s.WideKey;
        }

        ulong tail = s.Entry.KeyTail;
        return new InnerFlowId((IpProtocol)(byte)(tail >> 32), IpAddr.FromIpv4((uint)s.Entry.KeyAddresses),
            IpAddr.FromIpv4((uint)(s.Entry.KeyAddresses >> 32)), (ushort)(tail >> 16), (ushort)tail);
    }

    /// <summary>Packets that hit the entry in <paramref name="slot"/>.</summary>
    public long HitsAt(int slot) => (_cold[slot].HitsHigh << 16) | _slots[slot].Entry.HitsLow;

    /// <summary>Counts a hit of the entry in <paramref name="slot"/> at <paramref name="now"/> (ns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RecordHit(int slot, ref UftEntry entry, long now)
    {
        // The hot line keeps 16 bits of the count; the carry goes to the cold array once every 65536 hits.
        if (++entry.HitsLow == 0)
        {
            CarryHits(slot);
        }

        entry.LastHit = now;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CarryHits(int slot) => _cold[slot].HitsHigh++;

    /// <summary>The dependency stamps of the entry in <paramref name="slot"/> (read them when <see cref="UftEntry.HasDependencies"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly FlowDependencyStamps DependenciesAt(int slot) => ref _slots[slot].Dependencies;

    /// <summary>Sets the dependency stamps of the entry in <paramref name="slot"/> (slow path).</summary>
    public void SetDependencies(int slot, in FlowDependencyStamps stamps)
    {
        ref Slot s = ref _slots[slot];
        bool before = s.NeedsSecondLine;
        s.Dependencies = stamps;
        s.Entry.Flags = stamps.Any ? s.Entry.Flags | UftEntryFlags.Dependencies : s.Entry.Flags & ~UftEntryFlags.Dependencies;
        CountSecondLine(before, s.NeedsSecondLine);
    }

    /// <summary>Keeps the count of entries whose hit reads the second line, and the prefetch policy it sets.</summary>
    private void CountSecondLine(bool before, bool after)
    {
        _secondLineEntries += (after ? 1 : 0) - (before ? 1 : 0);
        _prefetchSecondLine = _secondLineEntries * 8 > _count;
    }

    /// <summary>The flow hash of <paramref name="slot"/>.</summary>
    public uint HashAt(int slot) => _cold[slot].Hash;

    /// <summary>When the entry in <paramref name="slot"/> was made (ns).</summary>
    public long CreatedAt(int slot) => _cold[slot].Created;

    /// <summary>The key of this flow's entry in the other direction's UFT (the mirror of the flow as it leaves).</summary>
    public ref InnerFlowId PairKeyAt(int slot) => ref _cold[slot].PairKey;

    /// <summary>Sets when the entry in <paramref name="slot"/> was made.</summary>
    internal void SetCreated(int slot, long created) => _cold[slot].Created = created;

    /// <summary>True when <paramref name="slot"/> is in use.</summary>
    public bool IsUsed(int slot) => (uint)slot < (uint)SlotCount && _slots[slot].Used;

    /// <summary>
    /// A stale-proof link to <paramref name="slot"/>. An insert may move an entry within its bucket (see
    /// <see cref="TryInsert"/>): its links then go stale, and <see cref="EntryMoved"/> gives the new one.
    /// </summary>
    public FlowRef RefAt(int slot) => new(slot, _cold[slot].Generation);

    /// <summary>True when <paramref name="reference"/> names a live entry.</summary>
    public bool IsLive(FlowRef reference) =>
        reference.IsSet && (uint)reference.Slot < (uint)SlotCount && _slots[reference.Slot].Used &&
        _cold[reference.Slot].Generation == reference.Generation;

    // ---- insert and remove -----------------------------------------------------------------------------------------

    /// <summary>
    /// Inserts an entry whose transformations are <paramref name="transforms"/> (one per layer that produced one, in
    /// order). Folds them when possible (sharing the outer-header half with other flows), otherwise keeps the list
    /// (false if no list is free or the table is full). The caller must have checked the flow is absent.
    /// <paramref name="hash"/> must be <see cref="InnerFlowId.Hash()"/> of <paramref name="flow"/>: a hit pushes outer
    /// headers with the packet's own flow hash. To file the entry in its preferred way, the insert may first move another
    /// entry within its bucket, even when it then returns false: slot numbers and <see cref="RefAt"/> links held from
    /// before are stale for that entry, and <see cref="EntryMoved"/> (which must not change the table) says where it went.
    /// </summary>
    public bool TryInsert(in InnerFlowId flow, uint hash, ReadOnlySpan<HeaderTransform> transforms, bool needsList, out int slot)
    {
        slot = None;
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

        if ((kind == UftTransformKind.List && _freeListCount == 0) || IsFull)
        {
            return false;
        }

        // The preferred way (after moving an entry filed elsewhere out of it) or the first free way from the home bucket on.
        slot = FreeSlot(hash);
        ref Slot s = ref _slots[slot];
        ref CompiledInner inner = ref _inners[slot];
        inner = default;
        s = default;
        s.Entry.OuterIndex = None;
        s.Entry.MacPairIndex = NoMacPair;
        if (kind == UftTransformKind.Compiled && !TryCompileInto(transforms, in flow, ref s, ref inner))
        {
            if (_freeListCount == 0)
            {
                slot = None;
                return false;
            }

            kind = UftTransformKind.List;
        }

        ref ColdEntry cold = ref _cold[slot];
        CompactKey(in flow, out s.Entry.KeyAddresses, out s.Entry.KeyTail);
        if ((s.Entry.KeyTail & WideKeyMark) != 0)
        {
            s.WideKey = flow;
        }

        s.Entry.TransformKind = kind;
        uint generation = cold.Generation;
        cold = default;
        cold.Generation = generation;
        cold.Hash = hash;
        cold.QueuePrev = None;
        cold.QueueNext = None;
        cold.ListIndex = None;
        if (kind == UftTransformKind.List)
        {
            int list = _freeLists[--_freeListCount];
            cold.ListIndex = list;
            _listCounts[list] = (byte)transforms.Length;
            transforms.CopyTo(_lists.AsSpan(list * Layers, Layers));
        }

        ParentsAt(slot).Clear();
        IndexInsert(hash, slot);
        _count++;
        _preferredEntries += slot == PreferredSlot(hash) ? 1 : 0;
        CountSecondLine(false, s.NeedsSecondLine);
        return true;
    }

    /// <summary>
    /// Folds <paramref name="transforms"/> and stores them split: the outer-header half (push or pop) interned in the
    /// shared pool, the inner rewrites in the side array and, when they have one, their narrow form in the slot. False (the caller keeps the list instead) when they do not fold or
    /// compile, or when a new outer template does not fit in the pool. The inner rewrites are compiled against the
    /// entry's key (its checksum deltas precomputed): only packets of that flow ever hit the slot.
    /// </summary>
    private bool TryCompileInto(ReadOnlySpan<HeaderTransform> transforms, in InnerFlowId flow, ref Slot s, ref CompiledInner inner)
    {
        if (!HeaderTransform.TryCompose(transforms, out HeaderTransform composed) || !CompiledInner.TryCompile(in composed, in flow, out inner))
        {
            inner = default;
            return false;
        }

        bool hasOuter = composed.OuterEther.Action != HeaderAction.Ignore || composed.OuterIp.Action != HeaderAction.Ignore ||
            composed.OuterEncap.Action != HeaderAction.Ignore;
        if (hasOuter)
        {
            // Both halves compile exactly when the whole does (the conditions are per slot), and applying the inner
            // rewrites then the outer half writes the same bytes as the whole (the inner rewrites do not depend on the
            // outer headers, and the push depends only on lengths and the flow hash).
            HeaderTransform outerHalf = composed with { InnerEther = default, InnerIp = default, InnerUlp = default };
            if (_outers is null || !CompiledTransform.TryCompile([outerHalf], out CompiledTransform outer) ||
                !_outers.TryIntern(in outer, out int outerIndex))
            {
                inner = default;
                return false;
            }

            s.Entry.OuterIndex = (short)outerIndex;
        }

        // The narrow form in the hot line when the rewrites have one and their MAC pair fits the pool (the lean hit then
        // reads no other line of the slot).
        if (FlowRewrite.TryCreate(in inner, out FlowRewrite narrow))
        {
            if (narrow.Fields.EtherSet == EtherFields.None)
            {
                s.Entry.Rewrite = narrow.Fields;
            }
            else if (_macPairs is not null && _macPairs.TryIntern(narrow.Macs, out int macPair))
            {
                s.Entry.Rewrite = narrow.Fields;
                s.Entry.MacPairIndex = (ushort)macPair;
            }
        }

        return true;
    }

    /// <summary>Removes <paramref name="slot"/>: unlinks it from its queue, frees its list and template reference. Parents are the caller's.</summary>
    public void RemoveAt(int slot)
    {
        if (!IsUsed(slot))
        {
            return;
        }

        Dequeue(slot);
        ref Slot s = ref _slots[slot];
        ref ColdEntry cold = ref _cold[slot];
        if (s.Entry.TransformKind == UftTransformKind.List && cold.ListIndex >= 0)
        {
            _lists.AsSpan(cold.ListIndex * Layers, Layers).Clear();
            _freeLists[_freeListCount++] = cold.ListIndex;
        }

        if (s.Entry.OuterIndex >= 0)
        {
            _outers?.Release(s.Entry.OuterIndex);
        }

        if (s.Entry.MacPairIndex != NoMacPair)
        {
            _macPairs?.Release(s.Entry.MacPairIndex);
        }

        ParentsAt(slot).Clear();
        IndexRemove(cold.Hash, slot);
        _preferredEntries -= slot == PreferredSlot(cold.Hash) ? 1 : 0;
        bool secondLine = s.NeedsSecondLine;
        s = default;
        _inners[slot] = default;
        uint generation = cold.Generation + 1;
        cold = default;
        cold.Generation = generation;
        _count--;
        CountSecondLine(secondLine, false);
    }

    /// <summary>
    /// The preferred way of <paramref name="hash"/>'s home bucket when free, or when its entry is not in its own preferred
    /// way and the bucket has another free way to move it to; else the first free way from the home bucket on (the table
    /// is not full, so there is one).
    /// </summary>
    private int FreeSlot(uint hash)
    {
        int preferred = PreferredSlot(hash);
        if (!_slots[preferred].Used)
        {
            return preferred;
        }

        uint index = HomeBucket(hash);
        uint freeInHome = MatchWays(_buckets + index, 0);
        if (freeInHome != 0)
        {
            int free = ((int)index * Ways) + BitOperations.TrailingZeroCount(freeInHome);
            int occupantPreferred = PreferredSlot(_cold[preferred].Hash);
            if (occupantPreferred == preferred)
            {
                return free;
            }

            // The occupant goes to its own preferred way if that is free now and in this bucket, else to the free way.
            bool occupantHome = occupantPreferred / Ways == (int)index && !_slots[occupantPreferred].Used;
            MoveWithinBucket(preferred, occupantHome ? occupantPreferred : free);
            return preferred;
        }

        index = NextBucket(index);
        while (true)
        {
            uint free = MatchWays(_buckets + index, 0);
            if (free != 0)
            {
                return ((int)index * Ways) + BitOperations.TrailingZeroCount(free);
            }

            index = NextBucket(index);
        }
    }

    /// <summary>
    /// Moves the entry in <paramref name="from"/> to the free way <paramref name="to"/> of its bucket: its slot, side arrays, tag and
    /// queue links go with it, <paramref name="from"/> is left free with a new generation, and <see cref="EntryMoved"/> is
    /// told. Within a bucket, so no overflow count changes.
    /// </summary>
    private void MoveWithinBucket(int from, int to)
    {
        Debug.Assert(from != to && from / Ways == to / Ways && _slots[from].Used && !_slots[to].Used);
        ref ColdEntry source = ref _cold[from];
        ref ColdEntry target = ref _cold[to];
        var oldReference = new FlowRef(from, source.Generation);
        uint targetGeneration = target.Generation;
        _slots[to] = _slots[from];
        _inners[to] = _inners[from];
        target = source;
        target.Generation = targetGeneration;
        if (target.Queue != 0)
        {
            if (target.QueuePrev >= 0)
            {
                _cold[target.QueuePrev].QueueNext = to;
            }
            else
            {
                _queueHead[target.Queue] = to;
            }

            if (target.QueueNext >= 0)
            {
                _cold[target.QueueNext].QueuePrev = to;
            }
            else
            {
                _queueTail[target.Queue] = to;
            }
        }

        int preferred = PreferredSlot(target.Hash);
        _preferredEntries += (to == preferred ? 1 : 0) - (from == preferred ? 1 : 0);
        ParentsAt(from).CopyTo(ParentsAt(to));
        ParentsAt(from).Clear();
        ref Bucket bucket = ref _buckets[from / Ways];
        bucket.Tags[to % Ways] = bucket.Tags[from % Ways];
        bucket.Tags[from % Ways] = 0;
        _slots[from] = default;
        _inners[from] = default;
        uint generation = source.Generation + 1;
        source = default;
        source.Generation = generation;
        EntryMoved?.Invoke(oldReference, new FlowRef(to, targetGeneration));
    }

    /// <summary>Files <paramref name="slot"/> (from <see cref="FreeSlot"/>) under its tag, marking the full buckets it lies past.</summary>
    private void IndexInsert(uint hash, int slot)
    {
        uint bucket = (uint)(slot / Ways);
        for (uint passed = HomeBucket(hash); passed != bucket; passed = NextBucket(passed))
        {
            // Lookups for keys homed here must look further.
            _buckets[passed].Overflow++;
        }

        _buckets[bucket].Tags[slot % Ways] = Tag(hash);
    }

    private void IndexRemove(uint hash, int slot)
    {
        uint bucket = (uint)(slot / Ways);
        _buckets[bucket].Tags[slot % Ways] = 0;
        // Undo the overflow marks this key left on the buckets it lay past.
        for (uint passed = HomeBucket(hash); passed != bucket; passed = NextBucket(passed))
        {
            _buckets[passed].Overflow--;
        }
    }

    /// <summary>
    /// Recomputes the index from the slots in use and compares: every used slot's way holds its tag, every free way
    /// is 0, each bucket's overflow count is the number of entries lying past it from an earlier home bucket, and the
    /// counts of entries in their preferred way and of entries whose hit reads the second line (both set the burst's
    /// prefetch policy) are right. Null when consistent, else what differs (for tests: a count that only grew would keep
    /// lookups right but make every miss probe further).
    /// </summary>
    internal string? CheckIndex()
    {
        var expected = new uint[_bucketCount];
        int secondLine = 0;
        int preferred = 0;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            secondLine += _slots[slot].Used && _slots[slot].NeedsSecondLine ? 1 : 0;
            uint bucket = (uint)(slot / Ways);
            ushort tag = _buckets[bucket].Tags[slot % Ways];
            if (!_slots[slot].Used)
            {
                if (tag != 0)
                {
                    return $"free slot {slot} has tag {tag}";
                }

                continue;
            }

            uint hash = _cold[slot].Hash;
            preferred += PreferredSlot(hash) == slot ? 1 : 0;
            if (tag != Tag(hash))
            {
                return $"slot {slot} has tag {tag}, its hash gives {Tag(hash)}";
            }

            for (uint passed = HomeBucket(hash); passed != bucket; passed = NextBucket(passed))
            {
                expected[passed]++;
            }
        }

        for (uint bucket = 0; bucket < _bucketCount; bucket++)
        {
            if (_buckets[bucket].Overflow != expected[bucket])
            {
                return $"bucket {bucket} counts {_buckets[bucket].Overflow} overflowing entries, {expected[bucket]} lie past it";
            }
        }

        if (preferred != _preferredEntries)
        {
            return $"{preferred} entries are in their preferred way, the table counts {_preferredEntries}";
        }

        if (secondLine != _secondLineEntries || _prefetchSecondLine != (secondLine * 8 > _count))
        {
            return $"{secondLine} entries need the second line, the table counts {_secondLineEntries} (prefetching it: {_prefetchSecondLine})";
        }

        return null;
    }

    // ---- eviction queues -------------------------------------------------------------------------------------------

    /// <summary>Appends a TCP entry to the tail (newest end) of <paramref name="queue"/>.</summary>
    public void Enqueue(int slot, byte queue)
    {
        Dequeue(slot);
        ref ColdEntry entry = ref _cold[slot];
        entry.Queue = queue;
        entry.QueueNext = None;
        entry.QueuePrev = _queueTail[queue];
        if (_queueTail[queue] >= 0)
        {
            _cold[_queueTail[queue]].QueueNext = slot;
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
        ref ColdEntry entry = ref _cold[slot];
        byte queue = entry.Queue;
        if (queue == 0)
        {
            return;
        }

        if (entry.QueuePrev >= 0)
        {
            _cold[entry.QueuePrev].QueueNext = entry.QueueNext;
        }
        else
        {
            _queueHead[queue] = entry.QueueNext;
        }

        if (entry.QueueNext >= 0)
        {
            _cold[entry.QueueNext].QueuePrev = entry.QueuePrev;
        }
        else
        {
            _queueTail[queue] = entry.QueuePrev;
        }

        entry.Queue = 0;
        entry.QueuePrev = None;
        entry.QueueNext = None;
    }

    /// <summary>The oldest evictable entry: handshaking TCP flows first, then other TCP flows; -1 if none.</summary>
    public int EvictionCandidate() => _queueHead[HandshakeQueue] >= 0 ? _queueHead[HandshakeQueue] : _queueHead[EstablishedQueue];

    /// <summary>
    /// One 32-byte index bucket: fourteen 16-bit tags (low bits of the flow hash; 0 for a free way), then the number of
    /// keys homed at or before this bucket that lie past it. Way <c>w</c> of bucket <c>b</c> is slot
    /// <c>b × 14 + w</c>, so the index holds no slot numbers: about 2.5 MiB for a million flows, which stays in cache
    /// while the slots do not.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private struct Bucket
    {
        public fixed ushort Tags[Ways];
        public uint Overflow;
    }

    /// <summary>
    /// A slot, two aligned cache lines: the hot line (<see cref="UftEntry"/>: an IPv4 key, every field a hit checks and
    /// writes, the narrow rewrite), then what only some flows need (an IPv6 key in full, dependency stamps).
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Slot
    {
        [FieldOffset(0)]
        public UftEntry Entry;
        /// <summary>The whole key when it is not IPv4 (the hot line then holds a fold of it).</summary>
        [FieldOffset(64)]
        public InnerFlowId WideKey;
        [FieldOffset(104)]
        public FlowDependencyStamps Dependencies;

        /// <summary>True while the slot holds an entry (the in-use mark of the hot line's key, cleared with it).</summary>
        public readonly bool Used => (Entry.KeyTail & InUseMark) != 0;

        /// <summary>True when a hit of this entry reads the second line (an IPv6 key or dependency stamps).</summary>
        public readonly bool NeedsSecondLine => (Entry.KeyTail & WideKeyMark) != 0 || Entry.HasDependencies;
    }

    /// <summary>What the fast path never reads.</summary>
    private struct ColdEntry
    {
        public InnerFlowId PairKey;
        /// <summary>Hits beyond the hot line's 16 bits, in units of 65536.</summary>
        public long HitsHigh;
        public uint Hash;
        public uint Generation;
        public long Created;
        public int ListIndex;
        public int QueuePrev;
        public int QueueNext;
        public byte Queue;
    }
}
