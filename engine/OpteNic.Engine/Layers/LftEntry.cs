using OpteNic.Engine.Actions;
using OpteNic.Engine.Flows;

namespace OpteNic.Engine.Layers;

/// <summary>
/// One LFT pair (the layer's cached decision for a flow in both directions), stored once and indexed under its
/// outbound and inbound keys.
/// </summary>
public struct LftEntry
{
    /// <summary>The stateful action's descriptor, or null for a stateful-allow (no-op) pair.</summary>
    public ActionDescriptor? Descriptor;
    /// <summary>Set by a soft rule replace: validate on next hit.</summary>
    public bool Dirty;
    /// <summary>Last hit in either direction (ns).</summary>
    public long LastHit;
    /// <summary>When the pair was made (ns).</summary>
    public long Created;
    /// <summary>Hits in either direction.</summary>
    public long Hits;
    /// <summary>UFT and TCP entries linking to this pair; it cannot expire while non-zero.</summary>
    public int References;
    /// <summary>The part of <see cref="References"/> that are UFT entries (they apply the descriptor's transformation).</summary>
    public int UftReferences;
    /// <summary>The pair's slot in the inbound index.</summary>
    public FlowRef InboundKey;
    /// <summary>Shared state the stateful action consulted when it made the descriptor; a stale stamp re-runs the action.</summary>
    public FlowDependencyStamps Dependencies;
    /// <summary>
    /// Removed from the layer while UFT or TCP entries still linked to it: no longer found by lookups, but the
    /// descriptor is released only when the last link goes (so a resource such as a SNAT port is never handed to a new
    /// flow while a fast-path entry still applies it).
    /// </summary>
    public bool Retired;
}
