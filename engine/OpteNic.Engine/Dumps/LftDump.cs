namespace OpteNic.Engine.Dumps;

/// <summary>One LFT pair in dump-layer.</summary>
public sealed record LftDump(string OutboundFlow, string InboundFlow, string Action, long Hits, int References, bool Dirty);
