using OpteNic.Packets;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Flows;

/// <summary>
/// One UFT entry: its compiled transformation (a replay list, when needed, lives in <see cref="UnifiedFlowTable"/>),
/// the port epoch it was made in, timestamps and hits, its pair in the other direction, its TCP entry, and its
/// place in the eviction queues.
/// </summary>
public struct UftEntry
{
    /// <summary>Port epoch at creation; a hit in another epoch invalidates the pair.</summary>
    public ulong Epoch;
    /// <summary>Last hit (ns).</summary>
    public long LastHit;
    /// <summary>Creation time (ns).</summary>
    public long Created;
    /// <summary>Packets that hit this entry.</summary>
    public long Hits;
    /// <summary>The key of this flow's entry in the other direction's UFT (the mirror of the flow as it leaves).</summary>
    public InnerFlowId PairKey;
    /// <summary>The TCP entry of this flow, if it is TCP.</summary>
    public FlowRef Tcp;
    /// <summary>True for TCP flows (evictable).</summary>
    public bool IsTcp;
    /// <summary>How the stored transformation is applied.</summary>
    public UftTransformKind TransformKind;
    /// <summary>Number of parent LFT links stored for this entry.</summary>
    public byte ParentCount;
    /// <summary>Index of the replay-list pool entry when <see cref="TransformKind"/> is <see cref="UftTransformKind.List"/>.</summary>
    public int ListIndex;
    /// <summary>Eviction queue this entry is on (0 none).</summary>
    public byte Queue;
    /// <summary>Previous entry on the eviction queue (-1 none).</summary>
    public int QueuePrev;
    /// <summary>Next entry on the eviction queue (-1 none).</summary>
    public int QueueNext;
    /// <summary>
    /// The compiled transformation, stored inside the entry so a hit touches one contiguous run of memory (one page)
    /// instead of two tables — at a million flows the TLB and cache misses dominate.
    /// </summary>
    public CompiledTransform Compiled;
}
