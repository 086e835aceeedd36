using OpteNic.Engine.Actions;
using OpteNic.Engine.Flows;
using OpteNic.Packets;

namespace OpteNic.Engine.Layers;

/// <summary>
/// A layer's flow tables (LFT in + LFT out) with one size limit: each pair is stored once in the outbound table
/// (its slot is the pair's identity) and indexed by its inbound key in a second table. Preallocated; a full table is
/// reported, never grown.
/// </summary>
public sealed class LayerFlowTable
{
    private readonly FlowTable<LftEntry> _out;
    private readonly FlowTable<int> _in;
    private int _retired;

    /// <summary>Creates tables for at most <paramref name="limit"/> pairs.</summary>
    public LayerFlowTable(int limit)
    {
        _out = new FlowTable<LftEntry>(limit);
        _in = new FlowTable<int>(limit);
    }

    /// <summary>Most pairs.</summary>
    public int Capacity => _out.Capacity;

    /// <summary>Pairs in use (not counting retired ones).</summary>
    public int Count => _out.Count - _retired;

    /// <summary>
    /// Pairs removed while UFT entries still applied their descriptor: invisible to lookups and dumps, holding their
    /// slot and resource until the last such entry goes (<see cref="ReleaseLink"/>).
    /// </summary>
    public int RetiredCount => _retired;

    /// <summary>The outbound table (slot = pair identity).</summary>
    internal FlowTable<LftEntry> Outbound => _out;

    /// <summary>Finds the pair keyed <paramref name="flow"/> in <paramref name="direction"/>; returns its pair slot.</summary>
    public bool TryFind(Direction direction, in InnerFlowId flow, out int pair)
    {
        if (direction == Direction.Outbound)
        {
            return _out.TryFind(in flow, out pair);
        }

        if (_in.TryFind(in flow, out int slot))
        {
            pair = _in.ValueAt(slot);
            return true;
        }

        pair = -1;
        return false;
    }

    /// <summary>
    /// Adds a pair keyed <paramref name="outboundKey"/> / <paramref name="inboundKey"/>. False when full or when either
    /// key is already present (a stale pair must be removed first).
    /// </summary>
    public bool TryAdd(in InnerFlowId outboundKey, in InnerFlowId inboundKey, out int pair)
    {
        pair = -1;
        if (_out.IsFull || _in.IsFull)
        {
            return false;
        }

        uint outHash = outboundKey.Hash();
        uint inHash = inboundKey.Hash();
        if (_out.TryFind(in outboundKey, outHash, out _) || _in.TryFind(in inboundKey, inHash, out _))
        {
            return false;
        }

        _out.TryInsert(in outboundKey, outHash, out pair);
        _in.TryInsert(in inboundKey, inHash, out int inSlot);
        _in.ValueAt(inSlot) = pair;
        _out.ValueAt(pair).InboundKey = _in.RefAt(inSlot);
        return true;
    }

    /// <summary>The pair in <paramref name="pair"/>.</summary>
    public ref LftEntry EntryAt(int pair) => ref _out.ValueAt(pair);

    /// <summary>The outbound key of a pair.</summary>
    public ref readonly InnerFlowId OutboundKeyAt(int pair) => ref _out.KeyAt(pair);

    /// <summary>The inbound key of a pair.</summary>
    public InnerFlowId InboundKeyAt(int pair)
    {
        FlowRef inbound = _out.ValueAt(pair).InboundKey;
        return _in.IsLive(inbound) ? _in.KeyAt(inbound.Slot) : default;
    }

    /// <summary>A stale-proof reference to a pair (for UFT/TCP parent links).</summary>
    public FlowRef RefAt(int pair) => _out.RefAt(pair);

    /// <summary>True when <paramref name="reference"/> still names a live pair.</summary>
    public bool IsLive(FlowRef reference) => _out.IsLive(reference);

    /// <summary>True when slot <paramref name="pair"/> holds a pair (retired pairs excluded).</summary>
    public bool IsUsed(int pair) => _out.IsUsed(pair) && !_out.ValueAt(pair).Retired;

    /// <summary>
    /// Records one more link to a pair. <paramref name="fromUft"/>: the link is a UFT entry, which applies the pair's
    /// transformation on the fast path, so the pair's descriptor must not be released while the link exists.
    /// </summary>
    public void AddLink(int pair, bool fromUft)
    {
        ref LftEntry entry = ref _out.ValueAt(pair);
        entry.References++;
        if (fromUft)
        {
            entry.UftReferences++;
        }
    }

    /// <summary>
    /// Drops one link made by <see cref="AddLink"/> (a no-op for a stale reference). A retired pair whose last UFT link
    /// goes is removed for good here, and its descriptor released.
    /// </summary>
    public void ReleaseLink(FlowRef reference, bool fromUft, long lastUse)
    {
        if (!_out.IsLive(reference))
        {
            return;
        }

        ref LftEntry entry = ref _out.ValueAt(reference.Slot);
        if (entry.References > 0)
        {
            entry.References--;
        }

        if (fromUft && entry.UftReferences > 0)
        {
            entry.UftReferences--;
        }

        entry.LastHit = Math.Max(entry.LastHit, lastUse);
        if (entry.Retired && entry.UftReferences == 0)
        {
            _retired--;
            entry.Retired = false;
            Free(reference.Slot);
        }
    }

    /// <summary>
    /// Removes a pair from both tables and releases its descriptor — unless a UFT entry still applies that descriptor
    /// on the fast path: then the pair is retired (no longer found, listed or counted) and the release happens when its
    /// last UFT link goes, so a pooled resource (e.g. a SNAT port) is never handed to another flow while in use.
    /// </summary>
    public void Remove(int pair)
    {
        if (!IsUsed(pair))
        {
            return;
        }

        ref LftEntry entry = ref _out.ValueAt(pair);
        if (entry.UftReferences > 0)
        {
            if (_in.IsLive(entry.InboundKey))
            {
                _in.RemoveAt(entry.InboundKey.Slot);
            }

            entry.InboundKey = default;
            _out.Unlink(pair);
            entry.Retired = true;
            _retired++;
            return;
        }

        Free(pair);
    }

    /// <summary>
    /// Removes every pair at once, retired ones included, releasing every descriptor. Only for callers that make every
    /// UFT entry stale at the same time (the port bumps its epoch: hard rule set, clear-lft, reset), so no entry
    /// applies a released descriptor again.
    /// </summary>
    public void Clear()
    {
        for (int pair = 0; pair < _out.Capacity; pair++)
        {
            if (_out.IsUsed(pair))
            {
                Free(pair);
            }
        }

        _retired = 0;
    }

    private void Free(int pair)
    {
        ref LftEntry entry = ref _out.ValueAt(pair);
        if (_in.IsLive(entry.InboundKey))
        {
            _in.RemoveAt(entry.InboundKey.Slot);
        }

        ActionDescriptor? descriptor = entry.Descriptor;
        _out.RemoveAt(pair);
        descriptor?.Release();
    }
}
