namespace OpteNic.Engine.Dumps;

/// <summary>One rule in dump-layer.</summary>
public sealed record RuleDump(ulong Id, ushort Priority, string Action, string Predicates, long Hits);
