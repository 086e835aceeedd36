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

    /// <summary>Creates tables for at most <paramref name="limit"/> pairs.</summary>
    public LayerFlowTable(int limit)
    {
        _out = new FlowTable<LftEntry>(limit);
        _in = new FlowTable<int>(limit);
    }

    /// <summary>Most pairs.</summary>
    public int Capacity => _out.Capacity;

    /// <summary>Pairs in use.</summary>
    public int Count => _out.Count;

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

    /// <summary>True when slot <paramref name="pair"/> holds a pair.</summary>
    public bool IsUsed(int pair) => _out.IsUsed(pair);

    /// <summary>Removes a pair from both tables and releases its descriptor.</summary>
    public void Remove(int pair)
    {
        if (!_out.IsUsed(pair))
        {
            return;
        }

        ref LftEntry entry = ref _out.ValueAt(pair);
        if (_in.IsLive(entry.InboundKey))
        {
            _in.RemoveAt(entry.InboundKey.Slot);
        }

        entry.Descriptor?.Release();
        _out.RemoveAt(pair);
    }

    /// <summary>Removes every pair, releasing descriptors.</summary>
    public void Clear()
    {
        for (int pair = 0; pair < _out.Capacity; pair++)
        {
            Remove(pair);
        }
    }
}
