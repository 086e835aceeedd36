namespace OpteNic.Engine.Ports;

/// <summary>A port's counters for one direction (reported with an <c>in_</c>/<c>out_</c> prefix).</summary>
public sealed class PortDirectionCounters
{
    /// <summary>Packets dropped for any reason.</summary>
    public long Drop;
    /// <summary>Drops decided by a handle-packet action.</summary>
    public long DropHandlePacket;
    /// <summary>Drops decided by a layer (deny, or a full LFT).</summary>
    public long DropLayer;
    /// <summary>Drops by TCP tracking (invalid first segment, full TCP table).</summary>
    public long DropTcpError;
    /// <summary>Drops by the parser (also counted per reason in the parse counters).</summary>
    public long DropParse;
    /// <summary>Packets answered with a hairpin.</summary>
    public long Hairpin;
    /// <summary>Packets passed on (transformed or not).</summary>
    public long Modified;
    /// <summary>Packets that could not be processed (bad state, transformation failure…).</summary>
    public long ProcessError;
    /// <summary>Packets that hit the UFT.</summary>
    public long UftHit;
    /// <summary>IP packets that missed the UFT and walked the layers.</summary>
    public long UftMiss;
    /// <summary>UFT entries evicted to make room.</summary>
    public long UftEvictions;
    /// <summary>UFT entries that could not be made (table full with nothing evictable, or no replay list free).</summary>
    public long UftFull;
    /// <summary>UFT entries dropped on a hit because shared state they depended on changed (a dependency stripe was bumped).</summary>
    public long UftDependencyStale;
    /// <summary>Flows left without a UFT entry because their dependencies could not be stamped (too many, or a foreign version table).</summary>
    public long UftDependencyUncached;
    /// <summary>Of <see cref="UftHit"/>, the hits served from the flow headers alone (Port.LeanHit.cs): for tests and tuning, not a statistic.</summary>
    internal long LeanHits;

    internal void Clear()
    {
        Drop = DropHandlePacket = DropLayer = DropTcpError = DropParse = Hairpin = Modified = ProcessError = 0;
        UftHit = UftMiss = UftEvictions = UftFull = UftDependencyStale = UftDependencyUncached = LeanHits = 0;
    }
}
