using System.Runtime.InteropServices;

namespace OpteNic.Engine.Flows;

/// <summary>
/// The hot part of one UFT entry: what a fast-path hit reads and writes (epoch check, TCP link, how to transform,
/// hit count and time). It sits right after the key in the table's 128-byte slot: the epoch, hit count and last hit
/// share the key's cache line (a hit dirties one line), the rest opens the second line, which ends with the flow's
/// narrow rewrites. Packed (56 bytes) for that. Cold fields (creation time, pair key, eviction-queue links, replay
/// list, the full compiled rewrites) live in side arrays of <see cref="UnifiedFlowTable"/>; the outer-header half of
/// a compiled entry lives in the table's pool of shared templates.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public struct UftEntry
{
    /// <summary>Port epoch at creation; a hit in another epoch invalidates the pair.</summary>
    public ulong Epoch;
    /// <summary>Packets that hit this entry.</summary>
    public long Hits;
    /// <summary>Last hit (ns).</summary>
    public long LastHit;
    /// <summary>The TCP entry of this flow, if it is TCP.</summary>
    public FlowRef Tcp;
    /// <summary>True for TCP flows (evictable).</summary>
    public bool IsTcp;
    /// <summary>How the stored transformation is applied.</summary>
    public UftTransformKind TransformKind;
    /// <summary>The table's own mark for the slot holding this entry (in use); cleared with the entry.</summary>
    internal byte SlotFlags;
    /// <summary>Index of the shared outer-header template in the table's pool (at most 4096); -1 when the slot's compiled transformation is the whole entry.</summary>
    internal short OuterIndex;
    /// <summary>Shared state the flow's transformation was derived from (checked on every hit when present).</summary>
    public FlowDependencyStamps Dependencies;
}
