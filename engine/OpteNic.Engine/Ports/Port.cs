using System.Runtime.CompilerServices;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Flows;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Ports;

/// <summary>
/// A port: layers, a UFT per direction, a TCP flow table, an epoch and statistics (behaviour §1). Packets take one
/// of three paths: a UFT hit with a folded (compiled) transformation, a UFT hit replaying a per-layer list, or a miss
/// that walks the layers and records what they did in a new UFT entry.
/// <para>
/// Concurrency: a port has one owner at a time (the data-path core its queue is steered to). <see cref="Process"/>,
/// rule changes and expiry are called by that owner between bursts (the firmware's poll loop runs control commands
/// between bursts), so the tables need no locks and counters are plain fields. Rule changes never edit a table in
/// place: they swap in a new immutable classifier and bump the epoch, and each UFT hit compares its stored epoch
/// (one integer compare, no lock) — stale entries are dropped lazily (entries keep the epoch's low 32 bits, so a bump
/// that wraps them empties the UFTs at once). Other threads may read counters (64-bit reads are
/// atomic on the card's 64-bit cores).
/// </para>
/// Nothing on the data path allocates: tables, pools and scratch space are sized at creation.
/// </summary>
public sealed partial class Port : IPortDataPath
{
    private readonly Layer[] _layers;
    private readonly UnifiedFlowTable _uftOut;
    private readonly UnifiedFlowTable _uftIn;
    private readonly TcpFlowTable _tcp;
    private readonly ParseMode _inboundParseMode;
    private readonly long _uftTtl;
    private readonly byte[] _requestCopy;
    private readonly HeaderTransform[] _walkTransforms;
    private readonly FlowRef[] _walkParents;
    private readonly ParsedPacket[] _burstParsed = new ParsedPacket[BurstChunk];
    private readonly uint[] _burstHash = new uint[BurstChunk];
    private readonly InnerFlowId[] _burstFlows = new InnerFlowId[BurstChunk];
    private readonly int[] _burstCandidates = new int[BurstChunk];
    private readonly ParseError[] _burstErrors = new ParseError[BurstChunk];
    private readonly bool[] _burstParsedOk = new bool[BurstChunk];
    private readonly FlowHeaders[] _burstHeaders = new FlowHeaders[BurstChunk];
    private readonly bool[] _burstLean = new bool[BurstChunk];
    private readonly FlowDependencyVersions? _dependencies;
    private ulong _epoch = 1;
    private ChecksumOffload _offload;
    private PortState _state = PortState.Ready;

    internal Port(string name, Layer[] layers, MetadataInterner interner, PortOptions options)
    {
        Name = name;
        _layers = layers;
        Interner = interner;
        int steps = Math.Max(1, layers.Length);
        _uftOut = new UnifiedFlowTable(options.UftLimit, steps, options.UftListPoolSize ?? Math.Max(16, options.UftLimit / 4));
        _uftIn = new UnifiedFlowTable(options.UftLimit, steps, options.UftListPoolSize ?? Math.Max(16, options.UftLimit / 4));
        _tcp = new TcpFlowTable(options.TcpLimit, steps);
        // A UFT insert may move another entry within its bucket (to file the new one in its preferred way): the TCP
        // entry's link to it follows.
        _uftOut.EntryMoved = (from, to) => FollowMovedUftEntry(_uftOut, from, to, outbound: true);
        _uftIn.EntryMoved = (from, to) => FollowMovedUftEntry(_uftIn, from, to, outbound: false);
        _inboundParseMode = options.InboundParseMode;
        _uftTtl = options.UftTtlNanoseconds;
        _requestCopy = new byte[options.MaxFrameLength];
        _walkTransforms = new HeaderTransform[steps];
        _walkParents = new FlowRef[steps];
        _dependencies = options.DependencyVersions;
    }

    /// <summary>The version stripes this port's flows may depend on (<see cref="PortOptions.DependencyVersions"/>), or null.</summary>
    public FlowDependencyVersions? DependencyVersions => _dependencies;

    /// <summary>The port's name.</summary>
    public string Name { get; }

    /// <summary>Metadata ids shared with the port's layers and actions.</summary>
    public MetadataInterner Interner { get; }

    /// <summary>Current lifecycle state.</summary>
    public PortState State => _state;

    /// <summary>Incremented by every rule change; UFT entries of an older epoch are stale. Starts at 1.</summary>
    public ulong Epoch => Volatile.Read(ref _epoch);

    /// <summary>
    /// Sets the epoch counter as if that many rule changes had happened (tests of the low word's wrap). Empties the UFTs
    /// first: a jump of a multiple of 2^32 would otherwise make stale entries look current.
    /// </summary>
    internal void SetEpochForTests(ulong epoch)
    {
        ClearUft();
        Volatile.Write(ref _epoch, epoch);
    }

    /// <summary>Layers in outbound order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Outbound counters.</summary>
    public PortDirectionCounters Outbound { get; } = new();

    /// <summary>Inbound counters.</summary>
    public PortDirectionCounters Inbound { get; } = new();

    /// <summary>Outbound parse drops by reason.</summary>
    public ParseDropCounters OutboundParseDrops { get; } = new();

    /// <summary>Inbound parse drops by reason.</summary>
    public ParseDropCounters InboundParseDrops { get; } = new();

    /// <summary>The outbound UFT (keyed on the guest's flow).</summary>
    public UnifiedFlowTable UftOut => _uftOut;

    /// <summary>The inbound UFT (keyed on the flow as it arrives from the network).</summary>
    public UnifiedFlowTable UftIn => _uftIn;

    /// <summary>The TCP flow table.</summary>
    public TcpFlowTable TcpFlows => _tcp;

    /// <summary>Counters of <paramref name="direction"/>.</summary>
    public PortDirectionCounters CountersFor(Direction direction) => direction == Direction.Outbound ? Outbound : Inbound;

    /// <summary>The layer named <paramref name="name"/>, or null.</summary>
    public Layer? FindLayer(string name) => Array.Find(_layers, l => l.Name == name);

    // ---- lifecycle -------------------------------------------------------------------------------------------------

    /// <summary>Ready or Paused → Running.</summary>
    public PortOperationResult Start()
    {
        if (_state == PortState.Running)
        {
            return PortOperationResult.BadState;
        }

        _state = PortState.Running;
        return PortOperationResult.Ok;
    }

    /// <summary>Running → Paused: no processing and no rule changes; dumps still work.</summary>
    public PortOperationResult Pause()
    {
        if (_state != PortState.Running)
        {
            return PortOperationResult.BadState;
        }

        _state = PortState.Paused;
        return PortOperationResult.Ok;
    }

    /// <summary>Any state → Ready, wiping every flow (UFT, TCP, LFT; descriptors released).</summary>
    public PortOperationResult Reset()
    {
        _state = PortState.Ready;
        ClearUftAndTcp();
        foreach (Layer layer in _layers)
        {
            layer.Flows.Clear();
        }

        return PortOperationResult.Ok;
    }

    // ---- rule changes (epoch bumps) --------------------------------------------------------------------------------

    /// <summary>Adds <paramref name="rule"/> to a layer direction; <paramref name="id"/> is its new id.</summary>
    public PortOperationResult AddRule(string layerName, Direction direction, Rule rule, out ulong id)
    {
        id = 0;
        PortOperationResult check = CheckRuleChange(layerName, out Layer? layer);
        if (check != PortOperationResult.Ok)
        {
            return check;
        }

        id = layer!.AddRule(direction, rule);
        BumpEpoch();
        return PortOperationResult.Ok;
    }

    /// <summary>Removes rule <paramref name="id"/> from a layer direction.</summary>
    public PortOperationResult RemoveRule(string layerName, Direction direction, ulong id)
    {
        PortOperationResult check = CheckRuleChange(layerName, out Layer? layer);
        if (check != PortOperationResult.Ok)
        {
            return check;
        }

        if (!layer!.RemoveRule(direction, id))
        {
            return PortOperationResult.RuleNotFound;
        }

        BumpEpoch();
        return PortOperationResult.Ok;
    }

    /// <summary>Replaces a layer's rules in both directions and clears its LFT.</summary>
    public PortOperationResult SetRules(string layerName, IEnumerable<Rule> inbound, IEnumerable<Rule> outbound) =>
        SetRules(layerName, inbound, outbound, soft: false);

    /// <summary>
    /// Replaces a layer's rules, keeping each LFT pair whose cached action is still valid on its next hit (the pairs
    /// are marked dirty and checked lazily).
    /// </summary>
    public PortOperationResult SetRulesSoft(string layerName, IEnumerable<Rule> inbound, IEnumerable<Rule> outbound) =>
        SetRules(layerName, inbound, outbound, soft: true);

    private PortOperationResult SetRules(string layerName, IEnumerable<Rule> inbound, IEnumerable<Rule> outbound, bool soft)
    {
        PortOperationResult check = CheckRuleChange(layerName, out Layer? layer);
        if (check != PortOperationResult.Ok)
        {
            return check;
        }

        // A hard set clears the layer's pairs: links to them from UFT/TCP entries go stale (slot generations move),
        // and those UFT entries die by epoch on their next hit.
        layer!.SetRules(inbound, outbound, soft);
        BumpEpoch();
        return PortOperationResult.Ok;
    }

    /// <summary>Empties both UFTs (clear-uft). TCP state is kept; the next packets re-walk the layers.</summary>
    public void ClearUft()
    {
        ClearUftTable(Direction.Outbound);
        ClearUftTable(Direction.Inbound);
    }

    /// <summary>Empties one layer's LFT (clear-lft) and bumps the epoch so no UFT entry outlives the LFT entries it came from.</summary>
    public PortOperationResult ClearLft(string layerName)
    {
        Layer? layer = FindLayer(layerName);
        if (layer is null)
        {
            return PortOperationResult.LayerNotFound;
        }

        layer.Flows.Clear();
        // Clearing releases the entries' resources (e.g. SNAT ports) at once; without a new epoch, UFT entries built
        // from them would keep applying a released resource that the next new flow may be handed.
        BumpEpoch();
        return PortOperationResult.Ok;
    }

    private PortOperationResult CheckRuleChange(string layerName, out Layer? layer)
    {
        layer = FindLayer(layerName);
        if (_state == PortState.Paused)
        {
            return PortOperationResult.BadState;
        }

        return layer is null ? PortOperationResult.LayerNotFound : PortOperationResult.Ok;
    }

    /// <summary>
    /// Moves to a new epoch: every UFT entry made before is stale at its next hit. Entries keep the epoch's low 32 bits
    /// (their hot line has no room for more), so when those wrap the UFTs are emptied: an entry idle for 2^32 rule
    /// changes must not look current again.
    /// </summary>
    private void BumpEpoch()
    {
        if ((uint)Interlocked.Increment(ref _epoch) == 0)
        {
            ClearUft();
        }
    }

    // ---- data path -------------------------------------------------------------------------------------------------

    /// <summary>Packets parsed and prefetched together by <see cref="ProcessBurst"/>.</summary>
    public const int BurstChunk = 32;

    /// <summary>
    /// Below this many entries in a direction's UFT (≈ 384 KiB of slots, well inside a core's L2 here) a burst is
    /// processed packet by packet: measured at 1k flows, staging cost ≈ 6 ns a packet more than it saved. Tests set 0 to
    /// hold the staged path to per-packet results with few flows.
    /// </summary>
    internal int StagedBurstMinimumFlows { get; set; } = 2048;

    // How many packets ahead of the one being processed the burst loop starts loading the UFT slot its index bucket
    // names: far enough that the line arrives in time even when a request first waits for a free miss buffer (at a
    // million flows the burst keeps the core's miss buffers busy), near enough that it is still in L1 when used.
    // Measured at a million flows with two-line slots: 14, with 12 to 16 alike, better than 9 with the benchmark's
    // frames in cache (61.4 against 64.9) and no worse with them read from DRAM (65.2 against 66.7); 6 was best when
    // slots were three lines. With one-line slots, 20 measured the same as 14, and so did 8 once every packet started
    // on its preferred slot while staged (PrefetchStaged).
    private const int PrefetchDistance = 14;

    /// <summary>
    /// Processes a burst in stages, DPDK style: parse every packet of a chunk, hash its flow and prefetch its UFT index
    /// bucket and (while most entries are in their preferred way, else for the first packets) its preferred slot; then
    /// process the packets in order while prefetching the slot the index names for the packet a few places ahead. With many
    /// flows the table's memory misses overlap each other and the processing instead of queueing one after another; with
    /// few (a table that stays in cache) the packets are simply processed one by one. Results are exactly those of calling <see cref="Process"/> on each packet in order.
    /// </summary>
    public void ProcessBurst(Direction direction, ReadOnlySpan<PacketBuffer> packets, Span<ProcessResult> results, Moment now)
    {
        if (results.Length < packets.Length)
        {
            throw new ArgumentException("results must hold one entry per packet", nameof(results));
        }

        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        if (uft.Count < StagedBurstMinimumFlows)
        {
            // Few flows: their slots stay in cache, and staging would cost more than the misses it hides.
            for (int i = 0; i < packets.Length; i++)
            {
                results[i] = Process(direction, packets[i], now);
            }

            return;
        }

        ProcessStagedBurst(direction, uft, packets, results, now);
    }

    /// <summary>
    /// The staged loop of <see cref="ProcessBurst"/>, in a method of its own so that the JIT optimises it from its own
    /// profile. As part of <see cref="ProcessBurst"/>'s body, it was compiled as cold code in a process that first saw
    /// few flows (the per-packet branch): measured ≈ 12 ns a packet slower at a million flows.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ProcessStagedBurst(Direction direction, UnifiedFlowTable uft, ReadOnlySpan<PacketBuffer> packets,
        Span<ProcessResult> results, Moment now)
    {
        ParseMode mode = direction == Direction.Outbound ? ParseMode.Outbound : _inboundParseMode;
        ParsedPacket[] parsedPackets = _burstParsed;
        uint[] hashes = _burstHash;
        bool[] parsedOk = _burstParsedOk;
        // Every packet requests its preferred slot while most entries are there; otherwise only the chunk's first ones,
        // which the bucket → slot chain cannot serve in time (see PrefetchStaged).
        int preferredAhead = uft.MostEntriesPreferred ? BurstChunk : PrefetchDistance;
        for (int start = 0; start < packets.Length; start += BurstChunk)
        {
            int count = Math.Min(BurstChunk, packets.Length - start);
            if (_state != PortState.Running)
            {
                for (int i = 0; i < count; i++)
                {
                    results[start + i] = Process(direction, packets[start + i], now);
                }

                continue;
            }

            for (int i = 0; i < count; i++)
            {
                _burstCandidates[i] = -1;
                // Common stacks: the flow headers are all a UFT hit needs (Port.LeanHit.cs); the rest parse fully now.
                bool lean = LeanHits && PacketParser.TryParseFlow(packets[start + i].Frame, mode, out _burstHeaders[i]);
                _burstLean[i] = lean;
                if (lean)
                {
                    hashes[i] = _burstHeaders[i].Hash;
                    PrefetchStaged(uft, hashes[i], i < preferredAhead);
                    continue;
                }

                ref ParsedPacket parsed = ref parsedPackets[i];
                bool ok = PacketParser.TryParse(packets[start + i].Frame, mode, out parsed, out _burstErrors[i]);
                parsedOk[i] = ok;
                if (ok && parsed.IpVersion != 0)
                {
                    ref InnerFlowId flow = ref _burstFlows[i];
                    flow = parsed.FlowId;
                    uint hash = flow.Hash();
                    hashes[i] = hash;
                    PrefetchStaged(uft, hash, i < preferredAhead);
                }
            }

            int ahead = Math.Min(PrefetchDistance, count);
            for (int i = 0; i < ahead; i++)
            {
                PrefetchSlot(uft, i);
            }

            for (int i = 0; i < count; i++)
            {
                if (i + PrefetchDistance < count)
                {
                    PrefetchSlot(uft, i + PrefetchDistance);
                }

                if (_burstLean[i])
                {
                    results[start + i] = ProcessLean(direction, packets[start + i], mode, in _burstHeaders[i], uft, _burstCandidates[i], now);
                    continue;
                }

                ref ParsedPacket parsed = ref parsedPackets[i];
                results[start + i] = !parsedOk[i]
                    ? CountParseDrop(direction, _burstErrors[i])
                    : parsed.IpVersion == 0
                        ? SlowPath(direction, packets[start + i], ref parsed, default, 0, now)
                        : ProcessFlow(direction, packets[start + i], ref parsed, in _burstFlows[i], hashes[i], _burstCandidates[i], now);
            }
        }

        // See Process: the UFT slots are native memory owned through this port.
        GC.KeepAlive(this);
    }

    /// <summary>
    /// Burst stage 1's memory requests for a packet: its index bucket, and when <paramref name="preferred"/> its preferred
    /// slot, whose address follows from the hash alone, so a flow filed there needs no bucket → slot chain at all. The
    /// chain (<see cref="PrefetchSlot"/>) serves the rest. The burst asks for the preferred slot of every packet while
    /// most entries are in their preferred way, else of a chunk's first <see cref="PrefetchDistance"/> packets only:
    /// those are processed before the chain could complete, the others have time for it, and each wrong guess costs a
    /// line. Measured at a million flows with one-line slots and ≈ 56 % of entries preferred: 57.4 → 52.2–54.2
    /// (medians of 6 and 4 alternated runs) against the first 14 only. With two-line slots, requesting it for every
    /// packet had cost as much as it saved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchStaged(UnifiedFlowTable uft, uint hash, bool preferred)
    {
        uft.PrefetchBucket(hash);
        if (preferred)
        {
            uft.PrefetchPreferred(hash);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchSlot(UnifiedFlowTable uft, int index)
    {
        if (_burstLean[index] || (_burstParsedOk[index] && _burstParsed[index].IpVersion != 0))
        {
            // The candidate slot found here (first way whose tag matches) is tried first when the packet is processed,
            // so the hit skips the bucket walk; the key compare there keeps it exact.
            _burstCandidates[index] = uft.PrefetchCandidate(_burstHash[index]);
        }
    }

    private ProcessResult CountParseDrop(Direction direction, ParseError parseError)
    {
        PortDirectionCounters counters = CountersFor(direction);
        (direction == Direction.Outbound ? OutboundParseDrops : InboundParseDrops).Count(parseError);
        counters.Drop++;
        counters.DropParse++;
        return ProcessResult.ParseDrop(parseError);
    }

    /// <summary>
    /// As <see cref="Process(Direction, PacketBuffer, Moment)"/>, with checksum work the card's hardware will do on
    /// transmit (from the descriptor's offload flags), so transformations may leave it undone.
    /// </summary>
    public ProcessResult Process(Direction direction, PacketBuffer packet, Moment now, ChecksumOffload offload)
    {
        _offload = offload;
        ProcessResult result = Process(direction, packet, now);
        _offload = ChecksumOffload.None;
        return result;
    }

    /// <inheritdoc/>
    public ProcessResult Process(Direction direction, PacketBuffer packet, Moment now)
    {
        PortDirectionCounters counters = CountersFor(direction);
        if (_state != PortState.Running)
        {
            counters.ProcessError++;
            return ProcessResult.Failed(ProcessError.BadState);
        }

        ParseMode mode = direction == Direction.Outbound ? ParseMode.Outbound : _inboundParseMode;
        // Most packets are UFT hits of a common header stack: served from their flow headers alone (Port.LeanHit.cs).
        int candidate = -1;
        ProcessResult result = LeanHits && TryLeanHit(direction, packet, mode, now, counters, out candidate)
            ? ProcessResult.Modified
            : ProcessFully(direction, packet, mode, now, candidate);
        // The UFTs' slots are native memory freed by their finalizer: keep the port (and so its tables) reachable
        // until the last write through a slot reference has happened, whatever the caller does with its reference.
        GC.KeepAlive(this);
        return result;
    }

    /// <summary>A lookup candidate meaning "this flow was just looked up and is not in the UFT" (see <see cref="ProcessFlow"/>).</summary>
    private const int KnownMiss = -2;

    /// <summary>The full way: parse every header, then the UFT (trying <paramref name="candidate"/> first) or the layers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ProcessResult ProcessFully(Direction direction, PacketBuffer packet, ParseMode mode, Moment now, int candidate)
    {
        if (!PacketParser.TryParse(packet.Frame, mode, out ParsedPacket parsed, out ParseError parseError))
        {
            return CountParseDrop(direction, parseError);
        }

        return ProcessParsed(direction, packet, ref parsed, now, candidate);
    }

    /// <summary>Everything after parsing; the caller has checked the port is running. <paramref name="candidate"/>: see <see cref="ProcessFlow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ProcessResult ProcessParsed(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, Moment now, int candidate)
    {
        if (parsed.IpVersion == 0)
        {
            // Non-IP traffic (ARP) never gets a UFT entry: it always walks the layers.
            return SlowPath(direction, packet, ref parsed, default, 0, now);
        }

        InnerFlowId flow = parsed.FlowId;
        return ProcessFlow(direction, packet, ref parsed, in flow, flow.Hash(), candidate, now);
    }

    /// <summary>
    /// An IP packet whose flow hash is <paramref name="hash"/>: UFT hit (fast path) or miss (slow path). One method,
    /// called from <see cref="Process"/> and from the burst loop, so neither caller grows into a method too large for
    /// the JIT to keep its locals in registers. <paramref name="candidate"/>: a slot to try first, -1 for none, or
    /// <see cref="KnownMiss"/> when the lean hit's lookup of this very flow just missed (the table has not changed since).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ProcessResult ProcessFlow(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, in InnerFlowId flow, uint hash,
        int candidate, Moment now)
    {
        // Packet size limit (Port.Mtu.cs): before the UFT lookup, so established flows are held to it too.
        if (ExceedsSizeLimit(direction, in parsed) && TryHandleTooBig(direction, packet, in parsed, out ProcessResult tooBig))
        {
            return tooBig;
        }

        PortDirectionCounters counters = CountersFor(direction);
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        int slot = candidate == KnownMiss ? -1 : uft.Find(in flow, hash, candidate);
        if (slot >= 0)
        {
            ref UftEntry entry = ref uft.EntryAt(slot);
            if (entry.Epoch == (uint)Volatile.Read(ref _epoch) && (!entry.IsTcp || _tcp.IsLive(entry.Tcp)))
            {
                // Shared state the entry was derived from (e.g. V2P) unchanged: one flag test when there is none.
                if (!entry.HasDependencies || uft.DependenciesAt(slot).AreCurrent(_dependencies))
                {
                    return FastPath(direction, packet, ref parsed, uft, slot, ref entry, now, counters);
                }

                counters.UftDependencyStale++;
            }

            // A rule changed since this entry was made, its connection is gone, or shared state it depended on
            // changed: drop both directions, re-walk.
            RemoveUftPair(direction, slot);
        }

        counters.UftMiss++;
        return SlowPath(direction, packet, ref parsed, flow, hash, now);
    }

    /// <summary>
    /// A UFT hit in the current epoch. The common cases stay here and inline: a non-TCP flow, or an established
    /// connection's data/ACK segment (nothing changes state, so its TCP entry is updated in place). Segments that may
    /// move the connection's state take <see cref="FastPathTcpTransition"/>, out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ProcessResult FastPath(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, UnifiedFlowTable uft,
        int slot, ref UftEntry entry, Moment now, PortDirectionCounters counters)
    {
        if (entry.IsTcp && parsed.IsTcp)
        {
            ref TcpFlowEntry connection = ref _tcp.EntryAt(entry.Tcp.Slot);
            if (ChangesTcpState(parsed.TcpFlags, in connection))
            {
                return FastPathTcpTransition(direction, packet, ref parsed, uft, slot, ref entry, now, counters);
            }

            RecordEstablishedSegment(direction, ref connection, parsed.TcpSeq, parsed.TcpAck, now);
        }

        if (!ApplyEntry(direction, packet, ref parsed, uft, slot, ref entry))
        {
            counters.ProcessError++;
            return ProcessResult.Failed(ProcessError.TransformFailed);
        }

        CountHit(uft, slot, ref entry, now, counters);
        return ProcessResult.Modified;
    }

    /// <summary>True when a segment with <paramref name="flags"/> may move <paramref name="connection"/>'s state (it is not an established connection's data or ACK).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ChangesTcpState(TcpFlags flags, in TcpFlowEntry connection) =>
        (flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst)) != 0 || connection.State != TcpState.Established;

    /// <summary>An established connection's data or ACK segment on the fast path: its state stays, its sequence numbers and activity move.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RecordEstablishedSegment(Direction direction, ref TcpFlowEntry connection, uint seq, uint ack, Moment now)
    {
        TcpStateMachine.RecordSegment(ref connection, direction == Direction.Outbound, seq, ack);
        connection.LastHit = now.Nanoseconds;
    }

    /// <summary>The counters of a UFT hit that modified the packet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountHit(UnifiedFlowTable uft, int slot, ref UftEntry entry, Moment now, PortDirectionCounters counters)
    {
        uft.RecordHit(slot, ref entry, now.Nanoseconds);
        counters.UftHit++;
        counters.Modified++;
    }

    /// <summary>Applies a UFT entry's stored transformation; false when it could not be applied (packet unchanged).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ApplyEntry(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, UnifiedFlowTable uft, int slot, ref UftEntry entry) =>
        entry.TransformKind switch
        {
            UftTransformKind.Compiled => uft.ApplyCompiled(slot, ref entry, packet, ref parsed, _offload) == TransformError.None,
            UftTransformKind.List => Replay(direction, packet, ref parsed, uft, slot),
            _ => true,
        };

    /// <summary>
    /// A UFT hit by a TCP segment that may change the connection's state (SYN, FIN, RST, or any segment of a connection
    /// not yet or no longer established). The segment's effect is decided before the packet is touched, so a SYN that
    /// starts a new connection can be re-processed from its original bytes by the slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ProcessResult FastPathTcpTransition(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, UnifiedFlowTable uft,
        int slot, ref UftEntry entry, Moment now, PortDirectionCounters counters)
    {
        int tcpSlot = entry.Tcp.Slot;
        TcpFlowEntry next = _tcp.EntryAt(tcpSlot);
        TcpState before = next.State;
        TcpSegmentResult tcpResult = TcpStateMachine.Apply(ref next, direction, parsed.TcpFlags, parsed.TcpSeq, parsed.TcpAck, parsed.BodyLength);
        if (tcpResult == TcpSegmentResult.NewFlow)
        {
            RemoveTcp(tcpSlot);
            counters.UftMiss++;
            InnerFlowId flow = parsed.FlowId;
            return SlowPath(direction, packet, ref parsed, flow, flow.Hash(), now);
        }

        if (!ApplyEntry(direction, packet, ref parsed, uft, slot, ref entry))
        {
            counters.ProcessError++;
            return ProcessResult.Failed(ProcessError.TransformFailed);
        }

        // Counted while the entry is still there: closing the connection below removes it, and the removal hands the
        // entry's last-hit time to its LFT parents.
        CountHit(uft, slot, ref entry, now, counters);
        next.LastHit = now.Nanoseconds;
        _tcp.EntryAt(tcpSlot) = next;
        if (tcpResult == TcpSegmentResult.Closed)
        {
            RemoveTcp(tcpSlot);
        }
        else if (TcpTimers.IsHandshake(before) && !TcpTimers.IsHandshake(next.State))
        {
            Requeue(tcpSlot);
        }

        return ProcessResult.Modified;
    }

    private bool Replay(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, UnifiedFlowTable uft, int slot)
    {
        ReadOnlySpan<HeaderTransform> list = uft.ListAt(slot);
        Span<FlowRef> parents = uft.ParentsAt(slot);
        uint hash = uft.HashAt(slot);
        for (int step = 0; step < list.Length; step++)
        {
            if (HeaderTransformer.Apply(packet, ref parsed, in list[step], hash, _offload) != TransformError.None)
            {
                return false;
            }

            int layerIndex = LayerIndexOf(direction, step);
            FlowRef parent = parents[layerIndex];
            LayerFlowTable flows = _layers[layerIndex].Flows;
            if (parent.IsSet && flows.IsLive(parent))
            {
                ActionDescriptor? descriptor = flows.EntryAt(parent.Slot).Descriptor;
                if (descriptor is { HasBodyTransform: true } && !descriptor.TryTransformBody(direction, packet.Frame, in parsed))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private int LayerIndexOf(Direction direction, int step) => direction == Direction.Outbound ? step : _layers.Length - 1 - step;

    private ProcessResult SlowPath(Direction direction, PacketBuffer packet, ref ParsedPacket parsed, InnerFlowId startFlow, uint startHash, Moment now)
    {
        PortDirectionCounters counters = CountersFor(direction);
        bool isIp = parsed.IpVersion != 0;
        PacketMetadata metadata = default;
        int tcpSlot = -1;
        bool tcpCreated = false;
        TcpState tcpBefore = TcpState.Closed;

        // Outbound TCP tracking runs before the layers, on the guest's flow.
        if (isIp && parsed.IsTcp && direction == Direction.Outbound)
        {
            ProcessResult? tcpDrop = TrackTcp(direction, in parsed, in startFlow, now, out tcpSlot, out tcpCreated, out tcpBefore, counters);
            if (tcpDrop is { } drop)
            {
                return drop;
            }
        }

        Array.Clear(_walkTransforms);
        Array.Clear(_walkParents);
        bool needsList = false;
        for (int step = 0; step < _layers.Length; step++)
        {
            int layerIndex = LayerIndexOf(direction, step);
            LayerOutcome outcome = ProcessLayer(direction, layerIndex, step, packet, ref parsed, ref metadata, startHash, now,
                ref needsList, out ProcessResult result);
            if (outcome == LayerOutcome.Continue)
            {
                continue;
            }

            if (tcpCreated)
            {
                // The connection never got past the layers: leave no state behind.
                RemoveTcp(tcpSlot);
            }

            CountResult(counters, in result);
            return result;
        }

        if (!isIp)
        {
            counters.Modified++;
            return ProcessResult.Modified;
        }

        InnerFlowId finalFlow = parsed.FlowId;

        // Inbound TCP tracking runs after the layers, on the flow as the guest sees it (mirrored to the guest's key).
        if (parsed.IsTcp && direction == Direction.Inbound)
        {
            InnerFlowId guestFlow = finalFlow.Mirror();
            ProcessResult? tcpDrop = TrackTcp(direction, in parsed, in guestFlow, now, out tcpSlot, out tcpCreated, out tcpBefore, counters);
            if (tcpDrop is { } drop)
            {
                return drop;
            }
        }

        CreateUftEntry(direction, in startFlow, startHash, in finalFlow, needsList, tcpSlot, in metadata, now, counters);
        if (tcpSlot >= 0 && _tcp.IsUsed(tcpSlot))
        {
            AttachTcpParents(tcpSlot);
            if (_tcp.EntryAt(tcpSlot).State == TcpState.Closed)
            {
                RemoveTcp(tcpSlot);
            }
            else if (TcpTimers.IsHandshake(tcpBefore) && !TcpTimers.IsHandshake(_tcp.EntryAt(tcpSlot).State))
            {
                Requeue(tcpSlot);
            }
        }

        counters.Modified++;
        return ProcessResult.Modified;
    }

    private static void CountResult(PortDirectionCounters counters, in ProcessResult result)
    {
        switch (result.Outcome)
        {
            case ProcessOutcome.Hairpin:
                counters.Hairpin++;
                break;
            case ProcessOutcome.Error:
                counters.ProcessError++;
                break;
            case ProcessOutcome.Drop:
                counters.Drop++;
                if (result.DropReason == DropReason.HandlePacket)
                {
                    counters.DropHandlePacket++;
                }
                else
                {
                    counters.DropLayer++;
                }

                break;
        }
    }

    private ProcessResult? TrackTcp(Direction direction, in ParsedPacket parsed, in InnerFlowId guestFlow, Moment now,
        out int slot, out bool created, out TcpState before, PortDirectionCounters counters)
    {
        created = false;
        before = TcpState.Closed;
        if (_tcp.TryFind(in guestFlow, out slot))
        {
            TcpFlowEntry next = _tcp.EntryAt(slot);
            before = next.State;
            TcpSegmentResult result = TcpStateMachine.Apply(ref next, direction, parsed.TcpFlags, parsed.TcpSeq, parsed.TcpAck, parsed.BodyLength);
            if (result != TcpSegmentResult.NewFlow)
            {
                next.LastHit = now.Nanoseconds;
                _tcp.EntryAt(slot) = next;
                return null;
            }

            // A SYN that does not fit: retire the old connection (and its UFT pair) and start afresh.
            RemoveTcp(slot);
            before = TcpState.Closed;
        }

        TcpFlowEntry fresh = default;
        TcpSegmentResult first = TcpStateMachine.Apply(ref fresh, direction, parsed.TcpFlags, parsed.TcpSeq, parsed.TcpAck, parsed.BodyLength);
        if (first is TcpSegmentResult.InvalidFirstSegment or TcpSegmentResult.Closed)
        {
            slot = -1;
            counters.Drop++;
            counters.DropTcpError++;
            return ProcessResult.Dropped(DropReason.TcpError);
        }

        if (_tcp.IsFull)
        {
            int victim = _tcp.FindEvictionCandidate(now);
            if (victim >= 0)
            {
                RemoveTcp(victim);
                _tcp.Evictions++;
            }
        }

        if (!_tcp.TryInsert(in guestFlow, out slot))
        {
            slot = -1;
            counters.Drop++;
            counters.DropTcpError++;
            return ProcessResult.Dropped(DropReason.TcpError);
        }

        fresh.LastHit = now.Nanoseconds;
        _tcp.EntryAt(slot) = fresh;
        created = true;
        return null;
    }

    private LayerOutcome ProcessLayer(Direction direction, int layerIndex, int step, PacketBuffer packet, ref ParsedPacket parsed,
        ref PacketMetadata metadata, uint flowHash, Moment now, ref bool needsList, out ProcessResult result)
    {
        result = default;
        Layer layer = _layers[layerIndex];
        LayerDirectionCounters counters = layer.CountersFor(direction);
        bool isIp = parsed.IpVersion != 0;
        InnerFlowId flow = isIp ? parsed.FlowId : default;

        if (isIp)
        {
            LayerFlowTable flows = layer.Flows;
            // Most layers (static actions only) never hold a pair: skip hashing the flow for them.
            if (flows.Count != 0 && flows.TryFind(direction, in flow, out int pair))
            {
                ref LftEntry cached = ref flows.EntryAt(pair);
                bool valid = (!cached.Dirty || (cached.Descriptor?.IsValid() ?? StillAllows(layer, direction, in parsed, in metadata, packet.Frame))) &&
                    (!cached.Dependencies.Any || cached.Dependencies.AreCurrent(_dependencies));
                if (valid)
                {
                    // The pair's dependencies become the flow's: its UFT entry must go stale with them.
                    for (int i = 0; i < cached.Dependencies.Count; i++)
                    {
                        metadata.Record(_dependencies!, i == 0 ? cached.Dependencies.First : cached.Dependencies.Second);
                    }

                    cached.Dirty = false;
                    cached.Hits++;
                    cached.LastHit = now.Nanoseconds;
                    counters.LftHit++;
                    _walkParents[layerIndex] = flows.RefAt(pair);
                    if (cached.Descriptor is { } descriptor)
                    {
                        HeaderTransform transform = descriptor.GenerateTransform(direction, in flow);
                        return ApplyStep(direction, step, descriptor, in transform, packet, ref parsed, flowHash, ref needsList, out result);
                    }

                    return LayerOutcome.Continue;
                }

                flows.Remove(pair);
            }

            counters.LftMiss++;
        }

        RuleEntry? rule = layer.ClassifierFor(direction).Match(in parsed, in metadata, packet.Frame);
        RuleAction action;
        if (rule is not null)
        {
            counters.RuleMatch++;
            rule._hits++;
            action = rule.Rule.Action;
        }
        else
        {
            counters.RuleNoMatch++;
            counters.DefaultHits++;
            action = layer.DefaultFor(direction) switch
            {
                DefaultAction.Allow => RuleAction.Allow,
                DefaultAction.StatefulAllow => RuleAction.StatefulAllow,
                _ => RuleAction.Deny,
            };
        }

        switch (action.Kind)
        {
            case ActionKind.Allow:
                return LayerOutcome.Continue;

            case ActionKind.StatefulAllow:
                if (!isIp)
                {
                    return LayerOutcome.Continue;
                }

                return AddPair(layer, layerIndex, direction, in flow, in flow, null, now, out result);

            case ActionKind.Deny:
                counters.Deny++;
                result = ProcessResult.DeniedBy(layer.NameId, rule is null ? DenyReason.Default : DenyReason.Rule);
                return LayerOutcome.Stop;

            case ActionKind.Static:
            {
                if (!((StaticAction)action).TryGenerateTransform(direction, in parsed, in flow, ref metadata, out HeaderTransform transform))
                {
                    return DenyByAction(layer, counters, out result);
                }

                return ApplyStep(direction, step, null, in transform, packet, ref parsed, flowHash, ref needsList, out result);
            }

            case ActionKind.Stateful:
            {
                // What this action records is the pair's to keep; the walk's earlier stamps are set aside meanwhile.
                metadata.TakeDependencies(out FlowDependencyStamps earlierStamps, out FlowDependencyVersions? earlierVersions);
                ActionDescriptor? descriptor = null;
                bool generated = isIp && ((StatefulAction)action).TryGenerateDescriptor(direction, in parsed, in flow, ref metadata, now,
                    out descriptor) && descriptor is not null;
                FlowDependencyStamps actionStamps = metadata.Dependencies;
                bool foreignStamps = actionStamps.Count != 0 && !ReferenceEquals(metadata.DependencyVersions, _dependencies);
                metadata.RestoreDependencies(in earlierStamps, earlierVersions);
                if (!generated || descriptor is null)
                {
                    return DenyByAction(layer, counters, out result);
                }

                HeaderTransform transform = descriptor.GenerateTransform(direction, in flow);
                LayerOutcome applied = ApplyStep(direction, step, descriptor, in transform, packet, ref parsed, flowHash, ref needsList, out result);
                if (applied != LayerOutcome.Continue)
                {
                    descriptor.Release();
                    return applied;
                }

                InnerFlowId after = parsed.FlowId;
                LayerOutcome added = AddPair(layer, layerIndex, direction, in flow, in after, descriptor, now, out result);
                if (added == LayerOutcome.Continue && (actionStamps.Any || foreignStamps))
                {
                    ref LftEntry pair = ref layer.Flows.EntryAt(_walkParents[layerIndex].Slot);
                    pair.Dependencies = actionStamps;
                    pair.Dependencies.Overflow |= foreignStamps;
                }

                return added;
            }

            case ActionKind.Meta:
                return ((MetaAction)action).TryModify(in parsed, ref metadata) ? LayerOutcome.Continue : DenyByAction(layer, counters, out result);

            case ActionKind.Hairpin:
            {
                ReadOnlySpan<byte> request = CopyRequest(packet);
                if (request.IsEmpty || !((HairpinAction)action).TryBuildReply(request, in parsed, ref metadata, packet))
                {
                    result = ProcessResult.Failed(ProcessError.HairpinFailed);
                    return LayerOutcome.Stop;
                }

                result = ProcessResult.Hairpin;
                return LayerOutcome.Stop;
            }

            case ActionKind.HandlePacket:
            {
                ReadOnlySpan<byte> request = CopyRequest(packet);
                HandlePacketVerdict verdict = request.IsEmpty
                    ? HandlePacketVerdict.Deny
                    : ((HandlePacketAction)action).Handle(direction, request, in parsed, ref metadata, packet);
                switch (verdict)
                {
                    case HandlePacketVerdict.Allow:
                        return LayerOutcome.Continue;
                    case HandlePacketVerdict.Hairpin:
                        result = ProcessResult.Hairpin;
                        return LayerOutcome.Stop;
                    default:
                        result = ProcessResult.Dropped(DropReason.HandlePacket);
                        return LayerOutcome.Stop;
                }
            }

            default:
                return DenyByAction(layer, counters, out result);
        }
    }

    private static LayerOutcome DenyByAction(Layer layer, LayerDirectionCounters counters, out ProcessResult result)
    {
        counters.Deny++;
        result = ProcessResult.DeniedBy(layer.NameId, DenyReason.Action);
        return LayerOutcome.Stop;
    }

    /// <summary>For a dirty stateful-allow pair: do the current rules still let this flow through?</summary>
    private static bool StillAllows(Layer layer, Direction direction, in ParsedPacket parsed, in PacketMetadata metadata, ReadOnlySpan<byte> frame)
    {
        RuleEntry? rule = layer.ClassifierFor(direction).Match(in parsed, in metadata, frame);
        return rule is not null
            ? rule.Rule.Action.Kind is ActionKind.Allow or ActionKind.StatefulAllow
            : layer.DefaultFor(direction) != DefaultAction.Deny;
    }

    private ReadOnlySpan<byte> CopyRequest(PacketBuffer packet)
    {
        Span<byte> frame = packet.Frame;
        if (frame.Length > _requestCopy.Length)
        {
            return default;
        }

        frame.CopyTo(_requestCopy);
        return _requestCopy.AsSpan(0, frame.Length);
    }

    private LayerOutcome ApplyStep(Direction direction, int step, ActionDescriptor? descriptor, in HeaderTransform transform,
        PacketBuffer packet, ref ParsedPacket parsed, uint flowHash, ref bool needsList, out ProcessResult result)
    {
        result = default;
        if (!transform.IsIdentity && HeaderTransformer.Apply(packet, ref parsed, in transform, flowHash, _offload) != TransformError.None)
        {
            result = ProcessResult.Failed(ProcessError.TransformFailed);
            return LayerOutcome.Stop;
        }

        if (descriptor is { HasBodyTransform: true })
        {
            needsList = true;
            if (!descriptor.TryTransformBody(direction, packet.Frame, in parsed))
            {
                result = ProcessResult.Failed(ProcessError.TransformFailed);
                return LayerOutcome.Stop;
            }
        }

        _walkTransforms[step] = transform;
        return LayerOutcome.Continue;
    }

    /// <summary>
    /// Makes an LFT pair: keyed on the flow as this layer saw it in <paramref name="direction"/>, and on the mirror
    /// of the flow as it left this layer for the other direction.
    /// </summary>
    private LayerOutcome AddPair(Layer layer, int layerIndex, Direction direction, in InnerFlowId seen, in InnerFlowId after,
        ActionDescriptor? descriptor, Moment now, out ProcessResult result)
    {
        result = default;
        InnerFlowId reverse = after.Mirror();
        InnerFlowId outboundKey = direction == Direction.Outbound ? seen : reverse;
        InnerFlowId inboundKey = direction == Direction.Outbound ? reverse : seen;
        LayerFlowTable flows = layer.Flows;

        // A pair left over under the reverse key (e.g. from a flow that changed shape) is replaced.
        Direction other = direction == Direction.Outbound ? Direction.Inbound : Direction.Outbound;
        if (flows.TryFind(other, direction == Direction.Outbound ? inboundKey : outboundKey, out int stale))
        {
            flows.Remove(stale);
        }

        if (!flows.TryAdd(in outboundKey, in inboundKey, out int pair))
        {
            descriptor?.Release();
            layer.CountersFor(direction).LftFull++;
            result = ProcessResult.LayerFull(layer.NameId);
            return LayerOutcome.Stop;
        }

        ref LftEntry entry = ref flows.EntryAt(pair);
        entry.Descriptor = descriptor;
        entry.Created = entry.LastHit = now.Nanoseconds;
        entry.Hits = 1;
        _walkParents[layerIndex] = flows.RefAt(pair);
        return LayerOutcome.Continue;
    }

    private void CreateUftEntry(Direction direction, in InnerFlowId key, uint hash, in InnerFlowId finalFlow, bool needsList,
        int tcpSlot, in PacketMetadata metadata, Moment now, PortDirectionCounters counters)
    {
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        if (metadata.DependencyOverflow ||
            (metadata.DependencyCount != 0 && !ReferenceEquals(metadata.DependencyVersions, _dependencies)))
        {
            // Dependencies the entry could not check: no entry, so every packet of the flow is decided afresh.
            counters.UftDependencyUncached++;
            return;
        }

        if (uft.IsFull)
        {
            int victim = uft.EvictionCandidate();
            if (victim >= 0)
            {
                RemoveUft(direction, victim);
                counters.UftEvictions++;
            }
        }

        if (!uft.TryInsert(in key, hash, _walkTransforms, needsList, out int slot))
        {
            counters.UftFull++;
            return;
        }

        ref UftEntry entry = ref uft.EntryAt(slot);
        entry.Epoch = (uint)Volatile.Read(ref _epoch);
        entry.LastHit = now.Nanoseconds;
        if (metadata.DependencyCount != 0)
        {
            FlowDependencyStamps stamps = default;
            for (int i = 0; i < metadata.DependencyCount; i++)
            {
                stamps.Add(metadata.DependencyAt(i));
            }

            uft.SetDependencies(slot, in stamps);
        }

        uft.SetCreated(slot, now.Nanoseconds);
        uft.PairKeyAt(slot) = finalFlow.Mirror();
        Span<FlowRef> parents = uft.ParentsAt(slot);
        for (int i = 0; i < _layers.Length; i++)
        {
            FlowRef parent = _walkParents[i];
            if (parent.IsSet && _layers[i].Flows.IsLive(parent))
            {
                parents[i] = parent;
                _layers[i].Flows.AddLink(parent.Slot, fromUft: true);
            }
        }

        if (tcpSlot >= 0 && _tcp.IsUsed(tcpSlot))
        {
            entry.IsTcp = true;
            entry.Tcp = _tcp.RefAt(tcpSlot);
            ref TcpFlowEntry connection = ref _tcp.EntryAt(tcpSlot);
            FlowRef self = uft.RefAt(slot);
            if (direction == Direction.Outbound)
            {
                connection.UftOut = self;
            }
            else
            {
                connection.UftIn = self;
            }

            uft.Enqueue(slot, TcpTimers.IsHandshake(connection.State) ? UnifiedFlowTable.HandshakeQueue : UnifiedFlowTable.EstablishedQueue);
        }
    }

    private void FollowMovedUftEntry(UnifiedFlowTable uft, FlowRef from, FlowRef to, bool outbound)
    {
        ref UftEntry entry = ref uft.EntryAt(to.Slot);
        if (!entry.IsTcp || !_tcp.IsLive(entry.Tcp))
        {
            return;
        }

        ref TcpFlowEntry connection = ref _tcp.EntryAt(entry.Tcp.Slot);
        ref FlowRef link = ref outbound ? ref connection.UftOut : ref connection.UftIn;
        if (link == from)
        {
            link = to;
        }
    }

    private void AttachTcpParents(int tcpSlot)
    {
        Span<FlowRef> parents = _tcp.ParentsAt(tcpSlot);
        for (int i = 0; i < _layers.Length; i++)
        {
            FlowRef parent = _walkParents[i];
            if (!parent.IsSet || parents[i] == parent || !_layers[i].Flows.IsLive(parent))
            {
                continue;
            }

            ReleaseParent(i, parents[i], _tcp.EntryAt(tcpSlot).LastHit, fromUft: false);
            parents[i] = parent;
            _layers[i].Flows.AddLink(parent.Slot, fromUft: false);
        }
    }

    private void Requeue(int tcpSlot)
    {
        ref TcpFlowEntry connection = ref _tcp.EntryAt(tcpSlot);
        if (_uftOut.IsLive(connection.UftOut))
        {
            _uftOut.Enqueue(connection.UftOut.Slot, UnifiedFlowTable.EstablishedQueue);
        }

        if (_uftIn.IsLive(connection.UftIn))
        {
            _uftIn.Enqueue(connection.UftIn.Slot, UnifiedFlowTable.EstablishedQueue);
        }
    }

    /// <summary>
    /// Drops one link to an LFT pair. The pair's idle clock is moved up to the child's last use, so the TTL counts from
    /// the last packet of the flow, not from the last slow-path pass.
    /// </summary>
    private void ReleaseParent(int layerIndex, FlowRef parent, long lastUse, bool fromUft) =>
        _layers[layerIndex].Flows.ReleaseLink(parent, fromUft, lastUse);

    /// <summary>
    /// Removes the UFT entry of <paramref name="flow"/> (keyed as the flow arrived) in <paramref name="direction"/> as its
    /// TTL would, leaving its pair, LFT pairs and TCP state; false when there is none. For benchmarks that churn a
    /// full table.
    /// </summary>
    internal bool RemoveUftEntry(Direction direction, in InnerFlowId flow)
    {
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        if (!uft.TryFind(in flow, flow.Hash(), out int slot))
        {
            return false;
        }

        RemoveUft(direction, slot);
        return true;
    }

    private void RemoveUft(Direction direction, int slot)
    {
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        if (!uft.IsUsed(slot))
        {
            return;
        }

        ref UftEntry entry = ref uft.EntryAt(slot);
        Span<FlowRef> parents = uft.ParentsAt(slot);
        for (int i = 0; i < parents.Length && i < _layers.Length; i++)
        {
            ReleaseParent(i, parents[i], entry.LastHit, fromUft: true);
        }

        if (entry.IsTcp && _tcp.IsLive(entry.Tcp))
        {
            ref TcpFlowEntry connection = ref _tcp.EntryAt(entry.Tcp.Slot);
            FlowRef self = uft.RefAt(slot);
            if (connection.UftOut == self)
            {
                connection.UftOut = default;
            }

            if (connection.UftIn == self)
            {
                connection.UftIn = default;
            }
        }

        uft.RemoveAt(slot);
    }

    /// <summary>Removes a UFT entry and its pair in the other direction.</summary>
    private void RemoveUftPair(Direction direction, int slot)
    {
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        InnerFlowId pairKey = uft.PairKeyAt(slot);
        RemoveUft(direction, slot);
        Direction other = direction == Direction.Outbound ? Direction.Inbound : Direction.Outbound;
        UnifiedFlowTable otherTable = other == Direction.Outbound ? _uftOut : _uftIn;
        if (otherTable.TryFind(in pairKey, pairKey.Hash(), out int pairSlot))
        {
            RemoveUft(other, pairSlot);
        }
    }

    /// <summary>Removes a connection with its UFT pair and parent links.</summary>
    private void RemoveTcp(int slot)
    {
        if (!_tcp.IsUsed(slot))
        {
            return;
        }

        ref TcpFlowEntry connection = ref _tcp.EntryAt(slot);
        FlowRef uftOut = connection.UftOut;
        FlowRef uftIn = connection.UftIn;
        if (_uftOut.IsLive(uftOut))
        {
            RemoveUftPair(Direction.Outbound, uftOut.Slot);
        }

        if (_uftIn.IsLive(uftIn))
        {
            RemoveUftPair(Direction.Inbound, uftIn.Slot);
        }

        Span<FlowRef> parents = _tcp.ParentsAt(slot);
        for (int i = 0; i < parents.Length && i < _layers.Length; i++)
        {
            ReleaseParent(i, parents[i], connection.LastHit, fromUft: false);
        }

        _tcp.RemoveAt(slot);
    }

    private void ClearUftTable(Direction direction)
    {
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        for (int slot = 0; slot < uft.SlotCount; slot++)
        {
            RemoveUft(direction, slot);
        }
    }

    private void ClearUftAndTcp()
    {
        for (int slot = 0; slot < _tcp.Capacity; slot++)
        {
            RemoveTcp(slot);
        }

        ClearUft();
    }

    // ---- expiry ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Expires idle flows, in order: TCP connections (per-state timers), UFT entries (TTL), then each layer's LFT pairs
    /// (TTL, and only when no UFT or TCP entry links to them). An entry expires when idle time ≥ its TTL. Call once a
    /// second per port; allocation-free.
    /// </summary>
    public void ExpireFlows(Moment now)
    {
        long t = now.Nanoseconds;
        for (int slot = 0; slot < _tcp.Capacity; slot++)
        {
            if (_tcp.IsUsed(slot))
            {
                ref TcpFlowEntry connection = ref _tcp.EntryAt(slot);
                if (t - connection.LastHit >= TcpTimers.TimeoutNanoseconds(connection.State))
                {
                    RemoveTcp(slot);
                }
            }
        }

        ExpireUft(Direction.Outbound, t);
        ExpireUft(Direction.Inbound, t);
        foreach (Layer layer in _layers)
        {
            LayerFlowTable flows = layer.Flows;
            for (int pair = 0; pair < flows.Capacity; pair++)
            {
                if (flows.IsUsed(pair))
                {
                    ref LftEntry entry = ref flows.EntryAt(pair);
                    if (entry.References == 0 && t - entry.LastHit >= layer.FlowTtlNanoseconds)
                    {
                        flows.Remove(pair);
                    }
                }
            }
        }
    }

    private void ExpireUft(Direction direction, long now)
    {
        UnifiedFlowTable uft = direction == Direction.Outbound ? _uftOut : _uftIn;
        for (int slot = 0; slot < uft.SlotCount; slot++)
        {
            if (uft.IsUsed(slot) && now - uft.EntryAt(slot).LastHit >= _uftTtl)
            {
                RemoveUft(direction, slot);
            }
        }
    }

    private enum LayerOutcome : byte
    {
        Continue,
        Stop,
    }
}
