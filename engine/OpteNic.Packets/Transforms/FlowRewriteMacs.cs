namespace OpteNic.Packets.Transforms;

/// <summary>
/// The inner MACs a narrow rewrite writes (which of them: <see cref="FlowRewriteFields.EtherSet"/>). Kept apart from the
/// per-flow fields because the flows of a port share a handful of pairs: a UFT interns them and a slot keeps an index.
/// </summary>
public readonly record struct FlowRewriteMacs(MacAddress Src, MacAddress Dst);
