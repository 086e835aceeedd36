namespace OpteNic.Benchmarks.Engine;

/// <summary>How a <see cref="FlowWorkload"/> puts a flow's frame into a receive buffer.</summary>
public enum FrameDelivery
{
    /// <summary>The shared template, then the flow's own 8-byte words: the same cost at every flow count.</summary>
    Patched,

    /// <summary>The flow's whole precomputed frame, copied from one array of all of them (read from DRAM at 1M flows).</summary>
    Streamed,
}
