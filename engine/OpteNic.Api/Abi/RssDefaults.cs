namespace OpteNic.Api.Abi;

/// <summary>Power-on RSS configuration (datasheet §3.4, §7).</summary>
public static class RssDefaults
{
    /// <summary>
    /// The Toeplitz key of the Microsoft RSS specification's verification suite, used until the host writes its own
    /// (<see cref="Bar0.RssKey"/>, <see cref="Bar0.RssKeyBytes"/> bytes).
    /// </summary>
    public static ReadOnlySpan<byte> Key =>
    [
        0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
        0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
        0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
    ];

    /// <summary>Default indirection table entry <paramref name="bucket"/>: buckets spread round-robin over the queue pairs.</summary>
    public static byte TableEntry(int bucket, int hostQueuePairs) => (byte)(bucket % hostQueuePairs);
}
