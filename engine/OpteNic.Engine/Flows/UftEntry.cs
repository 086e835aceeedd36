using System.Runtime.InteropServices;

namespace OpteNic.Engine.Flows;

/// <summary>
/// The hot part of one UFT entry: what a fast-path hit reads and writes (epoch check, TCP link, how to transform,
/// hit count and time). It sits right after the key in the table's slot, so a hit touches the key and these fields
/// in two adjacent cache lines. Cold fields (creation time, pair key, eviction-queue links, replay list) live in a
/// side array of <see cref="UnifiedFlowTable"/>; the compiled transformation lives in the slot after these fields
/// (per-flow part) and in the table's pool of shared outer-header templates.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
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
    /// <summary>True when the slot's compiled transformation has work of its own (the per-flow inner rewrites, or the whole entry).</summary>
    internal bool HasSlotCompiled;
    /// <summary>Index of the shared outer-header template in the table's pool; -1 when the slot's compiled transformation is the whole entry.</summary>
    internal int OuterIndex;
    /// <summary>Shared state the flow's transformation was derived from (checked on every hit when present).</summary>
    public FlowDependencyStamps Dependencies;
}
