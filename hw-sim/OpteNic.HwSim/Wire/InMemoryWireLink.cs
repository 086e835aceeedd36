namespace OpteNic.HwSim.Wire;

/// <summary>
/// An in-memory far end of a wire port (QEMU's socket netdev, without the socket): tests and the ring benchmark push
/// frames onto the wire towards the card and collect what the card transmitted. A device backend, not a mock: the
/// frames go through the same MAC FIFOs and RSS steering as frames from a pcap file.
/// </summary>
public sealed class InMemoryWireLink
{
    private readonly SimWirePort _port;
    private readonly byte[] _scratch;

    public InMemoryWireLink(SimWirePort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        _port = port;
        _scratch = new byte[port.MaxFrameBytes];
    }

    /// <summary>Sends a frame to the card; a full FIFO drops it (counted by the port).</summary>
    public WireDelivery Send(ReadOnlySpan<byte> frame) => _port.DeliverFromWire(frame);

    /// <summary>Copies the next frame the card transmitted into <paramref name="destination"/> (no allocation).</summary>
    public bool TryReceive(Span<byte> destination, out int length) => _port.TryCollectToWire(destination, out length);

    /// <summary>Takes the next frame the card transmitted as a new array (for tests).</summary>
    public bool TryReceive(out byte[] frame)
    {
        if (_port.TryCollectToWire(_scratch, out var length))
        {
            frame = _scratch.AsSpan(0, length).ToArray();
            return true;
        }

        frame = [];
        return false;
    }

    /// <summary>Takes every frame the card has transmitted so far.</summary>
    public List<byte[]> ReceiveAll()
    {
        var frames = new List<byte[]>();
        while (TryReceive(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }
}
