using OpteNic.Engine.Flows;
using OpteNic.Packets;

namespace OpteNic.Engine.Tcp;

/// <summary>
/// The port's TCP flow table, keyed on the guest's (outbound) flow id, fixed capacity. Beside each entry it keeps the
/// parent LFT links of the connection (so an LFT pair such as an SNAT mapping cannot expire while the connection
/// lives). When full, <see cref="FindEvictionCandidate"/> looks at a bounded window of slots (a clock hand) for the
/// best victim by OPTE's priorities; the cost per insertion is therefore constant even under a SYN flood, and
/// protected (recently active) connections are never chosen.
/// </summary>
public sealed class TcpFlowTable
{
    /// <summary>Slots examined per eviction attempt.</summary>
    public const int EvictionWindow = 64;

    private readonly FlowTable<TcpFlowEntry> _table;
    private readonly FlowRef[] _parents;
    private int _hand;

    /// <summary>Creates a table of <paramref name="capacity"/> connections for a port of <paramref name="layers"/> layers.</summary>
    public TcpFlowTable(int capacity, int layers)
    {
        Layers = Math.Max(1, layers);
        _table = new FlowTable<TcpFlowEntry>(capacity);
        _parents = new FlowRef[capacity * Layers];
    }

    /// <summary>Parent links per entry.</summary>
    public int Layers { get; }

    /// <summary>Most connections.</summary>
    public int Capacity => _table.Capacity;

    /// <summary>Connections tracked.</summary>
    public int Count => _table.Count;

    /// <summary>True when full.</summary>
    public bool IsFull => _table.IsFull;

    /// <summary>Connections evicted to make room.</summary>
    public long Evictions { get; internal set; }

    /// <summary>Finds a connection by its guest-side flow id.</summary>
    public bool TryFind(in InnerFlowId guestFlow, out int slot) => _table.TryFind(in guestFlow, out slot);

    /// <summary>Inserts a new connection in state Closed; false when full.</summary>
    public bool TryInsert(in InnerFlowId guestFlow, out int slot)
    {
        if (!_table.TryInsert(in guestFlow, guestFlow.Hash(), out slot))
        {
            return false;
        }

        _table.ValueAt(slot).State = TcpState.Closed;
        ParentsAt(slot).Clear();
        return true;
    }

    /// <summary>The connection in <paramref name="slot"/>.</summary>
    public ref TcpFlowEntry EntryAt(int slot) => ref _table.ValueAt(slot);

    /// <summary>The guest-side flow id of <paramref name="slot"/>.</summary>
    public ref readonly InnerFlowId KeyAt(int slot) => ref _table.KeyAt(slot);

    /// <summary>Parent LFT links by layer index.</summary>
    public Span<FlowRef> ParentsAt(int slot) => _parents.AsSpan(slot * Layers, Layers);

    /// <summary>True when <paramref name="slot"/> is in use.</summary>
    public bool IsUsed(int slot) => _table.IsUsed(slot);

    /// <summary>A stale-proof link to a connection.</summary>
    public FlowRef RefAt(int slot) => _table.RefAt(slot);

    /// <summary>True when <paramref name="reference"/> names a live connection.</summary>
    public bool IsLive(FlowRef reference) => _table.IsLive(reference);

    /// <summary>Removes a connection (its UFT and parent links are the caller's to release first).</summary>
    public void RemoveAt(int slot)
    {
        if (_table.IsUsed(slot))
        {
            ParentsAt(slot).Clear();
            _table.RemoveAt(slot);
        }
    }

    /// <summary>
    /// The best victim among the next <see cref="EvictionWindow"/> slots: Closed first, then quiescent idle &gt; 5 s or
    /// handshake idle &gt; 2.5 s, then Established idle ≥ 60 s; -1 when every examined connection is protected.
    /// </summary>
    public int FindEvictionCandidate(Moment now)
    {
        int best = -1;
        int bestClass = int.MaxValue;
        int capacity = _table.Capacity;
        int window = Math.Min(EvictionWindow, capacity);
        for (int i = 0; i < window; i++)
        {
            int slot = _hand;
            _hand = _hand + 1 == capacity ? 0 : _hand + 1;
            if (!_table.IsUsed(slot))
            {
                continue;
            }

            ref TcpFlowEntry entry = ref _table.ValueAt(slot);
            int cls = TcpTimers.EvictionClass(entry.State, now.Nanoseconds - entry.LastHit);
            if (cls < bestClass)
            {
                best = slot;
                bestClass = cls;
                if (cls == 0)
                {
                    break;
                }
            }
        }

        return best;
    }
}
