namespace OpteNic.Packets.Transforms;

/// <summary>
/// Which fields a compiled inner rewrite changes for the one flow it was compiled against (see
/// <see cref="CompiledInner.TryCompile(in HeaderTransform, in InnerFlowId, out CompiledInner)"/>): known once the flow's
/// old values are, so the checksum deltas are computed once per flow instead of once per packet.
/// </summary>
[Flags]
internal enum FlowRewriteChanges : byte
{
    /// <summary>Nothing precomputed: the generic per-packet rewrite runs.</summary>
    None = 0,
    /// <summary>Deltas precomputed for a TCP flow (UDP when clear).</summary>
    Tcp = 1 << 0,
    /// <summary>Deltas precomputed for a UDP flow.</summary>
    Udp = 1 << 1,
    /// <summary>The source address changes.</summary>
    SrcIp = 1 << 2,
    /// <summary>The destination address changes.</summary>
    DstIp = 1 << 3,
    /// <summary>The source port changes.</summary>
    SrcPort = 1 << 4,
    /// <summary>The destination port changes.</summary>
    DstPort = 1 << 5,
}
