using OpteNic.Packets;

namespace OpteNic.Engine;

/// <summary>A port with no layers: every packet passes unchanged. The card's default before any port is configured.</summary>
public sealed class PassThroughPort : IPortDataPath
{
    private long _outbound;
    private long _inbound;

    /// <summary>Packets passed from the guest side.</summary>
    public long OutboundPackets => Volatile.Read(ref _outbound);

    /// <summary>Packets passed from the network side.</summary>
    public long InboundPackets => Volatile.Read(ref _inbound);

    public ProcessResult Process(Direction direction, PacketBuffer packet, Moment now)
    {
        if (direction == Direction.Outbound)
        {
            Interlocked.Increment(ref _outbound);
        }
        else
        {
            Interlocked.Increment(ref _inbound);
        }

        return ProcessResult.Modified;
    }
}
