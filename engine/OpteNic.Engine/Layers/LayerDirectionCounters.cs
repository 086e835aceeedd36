namespace OpteNic.Engine.Layers;

/// <summary>A layer's counters for one direction (reported with an <c>in_</c>/<c>out_</c> prefix).</summary>
public sealed class LayerDirectionCounters
{
    /// <summary>Packets whose flow was found in this layer's LFT.</summary>
    public long LftHit;
    /// <summary>Packets that needed an LFT pair the full table could not take.</summary>
    public long LftFull;
    /// <summary>Packets whose flow was not in the LFT (so rules were consulted).</summary>
    public long LftMiss;
    /// <summary>Rule lookups that matched a rule.</summary>
    public long RuleMatch;
    /// <summary>Rule lookups that matched no rule (default action taken).</summary>
    public long RuleNoMatch;
    /// <summary>Packets this layer denied.</summary>
    public long Deny;
    /// <summary>Times the default action was taken (shown by dump-layer).</summary>
    public long DefaultHits;

    internal void Clear()
    {
        LftHit = LftFull = LftMiss = RuleMatch = RuleNoMatch = Deny = DefaultHits = 0;
    }
}
