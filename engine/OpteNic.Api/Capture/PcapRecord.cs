namespace OpteNic.Api.Capture;

/// <summary>One frame read from a pcap file.</summary>
public readonly struct PcapRecord
{
    public PcapRecord(long timestampNanoseconds, int originalLength, ReadOnlyMemory<byte> data)
    {
        TimestampNanoseconds = timestampNanoseconds;
        OriginalLength = originalLength;
        Data = data;
    }

    /// <summary>Capture time in nanoseconds since the Unix epoch (microsecond files are scaled).</summary>
    public long TimestampNanoseconds { get; }

    /// <summary>Length of the frame on the wire; larger than <see cref="Data"/> when the capture was cut short.</summary>
    public int OriginalLength { get; }

    /// <summary>The captured bytes. Owned by the reader: valid only until its next read.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}
