namespace OpteNic.Hal;

/// <summary>
/// A burst of frame buffers the firmware lends to a wire queue (DPDK's mbuf array, Tock's lent buffers): the port
/// fills slots on receive and reads them on transmit, and the buffers always stay the firmware's. Keeps the HAL free of
/// the engine's packet type while letting the port write straight into the firmware's preallocated buffers.
/// </summary>
public interface IFrameBurst
{
    /// <summary>Slots in the burst.</summary>
    int Capacity { get; }

    /// <summary>Receive: the space frame <paramref name="index"/> may be written to.</summary>
    Span<byte> GetReceiveSpace(int index);

    /// <summary>Receive: frame <paramref name="index"/> now holds <paramref name="length"/> bytes with this RSS hash.</summary>
    void SetReceived(int index, int length, uint rssHash);

    /// <summary>Transmit: the bytes of frame <paramref name="index"/>.</summary>
    ReadOnlySpan<byte> GetFrame(int index);
}
