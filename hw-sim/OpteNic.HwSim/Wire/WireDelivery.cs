namespace OpteNic.HwSim.Wire;

/// <summary>What became of a frame arriving from the wire at the card's MAC.</summary>
public enum WireDelivery
{
    /// <summary>The frame waits in the RSS-chosen wire receive FIFO.</summary>
    Queued = 0,
    /// <summary>The FIFO was full.</summary>
    FifoFull = 1,
    /// <summary>The frame is larger than the card's largest frame (or smaller than an Ethernet header).</summary>
    BadLength = 2,
}
