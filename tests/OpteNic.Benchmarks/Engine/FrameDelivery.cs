namespace OpteNic.Benchmarks.Engine;

/// <summary>How a <see cref="FlowWorkload"/> puts a flow's frame into a receive buffer.</summary>
public enum FrameDelivery
{
    /// <summary>The shared template, then the flow's own 8-byte words (a short sequential stream at any flow count).</summary>
    Patched,

    /// <summary>The flow's whole precomputed frame, copied from one array of all of them (cached only when few flows).</summary>
    Streamed,
}
