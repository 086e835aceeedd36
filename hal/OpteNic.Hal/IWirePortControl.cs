namespace OpteNic.Hal;

/// <summary>Control side of one wire port: link, receive-side scaling, and the counters the MAC keeps itself.</summary>
public interface IWirePortControl
{
    /// <summary>Link state as the PHY reports it.</summary>
    bool LinkUp { get; }

    /// <summary>Frames the firmware took from the receive FIFOs (MAC counter).</summary>
    long RxFrames { get; }

    /// <summary>Frames the firmware queued for the wire (MAC counter).</summary>
    long TxFrames { get; }

    /// <summary>Frames dropped in the receive FIFO because their wire queue was full.</summary>
    long RxFifoDrops { get; }

    /// <summary>Entries in the indirection table the port accepts (a power of two).</summary>
    int RssTableEntries { get; }

    /// <summary>
    /// Programs the Toeplitz key (40 bytes) and the indirection table (entry = wire queue). Applied atomically: frames
    /// are steered by the old or the new configuration, never by a mix. Entries at or beyond the queue count steer to
    /// queue 0.
    /// </summary>
    void ConfigureRss(ReadOnlySpan<byte> key, ReadOnlySpan<byte> indirectionTable);
}
