namespace OpteNic.Vpc.Layers;

/// <summary>Why the overlay refused outbound packets (each is also counted as an overlay layer deny).</summary>
public sealed class OverlayCounters
{
    /// <summary>No V2P entry for an IP or subnet target.</summary>
    public long MissingVirt2Phys;

    /// <summary>No V2B prefix for an internet-gateway target.</summary>
    public long MissingVirt2Boundary;

    /// <summary>No M2P entry for a multicast group.</summary>
    public long MissingMcast2Phys;

    /// <summary>TCP to a multicast group.</summary>
    public long TcpToMulticast;

    /// <summary>Internet-bound with a source that is not one of the port's external addresses.</summary>
    public long NoExternalIp;

    /// <summary>No router target in the metadata.</summary>
    public long NoRouterTarget;
}
