namespace OpteNic.Client.Queues;

/// <summary>Host-side counters of one queue pair (the card keeps its own in the queue's stats registers).</summary>
public sealed class QueueCounters
{
    /// <summary>Frames handed to the card on the TX submission ring.</summary>
    public long TxPosted;
    /// <summary>TX completions with status Ok.</summary>
    public long TxCompletedOk;
    /// <summary>TX completions with status Dropped (the engine dropped the frame; the port counts why).</summary>
    public long TxDropped;
    /// <summary>TX completions with status DmaFault.</summary>
    public long TxDmaFaults;
    /// <summary>TX completions with status BadDescriptor.</summary>
    public long TxBadDescriptors;
    /// <summary>TX completions whose id was not the oldest outstanding one (the card must complete in order).</summary>
    public long TxOutOfOrder;
    /// <summary>Frames not posted because they exceed the buffer size.</summary>
    public long TxTooLong;
    /// <summary>RX completions with status Ok delivered to the handler.</summary>
    public long RxReceived;
    /// <summary>RX completions with an error status (buffer returned to the card, nothing delivered).</summary>
    public long RxErrors;
    /// <summary>RX completions naming a buffer id the host never posted, or a length beyond the buffer.</summary>
    public long RxBadCompletions;
}
