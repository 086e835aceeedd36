using OpteNic.Packets;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// The SNAT resources of one external IP: separate port pools for TCP, UDP and ICMP echo identifiers over the same
/// configured range (a TCP flow and a UDP flow may share a port number; two flows of one protocol never do).
/// </summary>
public sealed class SnatPool
{
    /// <summary>Creates pools for <paramref name="externalIp"/> over <paramref name="firstPort"/>..<paramref name="lastPort"/>.</summary>
    /// <exception cref="ArgumentException">The range is inverted.</exception>
    public SnatPool(IpAddr externalIp, ushort firstPort, ushort lastPort)
    {
        ExternalIp = externalIp;
        Tcp = new SnatPortAllocator(firstPort, lastPort);
        Udp = new SnatPortAllocator(firstPort, lastPort);
        IcmpEcho = new SnatPortAllocator(firstPort, lastPort);
    }

    /// <summary>The address flows are translated to.</summary>
    public IpAddr ExternalIp { get; }

    public SnatPortAllocator Tcp { get; }

    public SnatPortAllocator Udp { get; }

    /// <summary>ICMP and ICMPv6 echo identifiers (one pool: an external IP has one family).</summary>
    public SnatPortAllocator IcmpEcho { get; }

    /// <summary>The pool of <paramref name="protocol"/>, or null when SNAT does not translate it (other protocols are denied).</summary>
    public SnatPortAllocator? For(IpProtocol protocol) => protocol switch
    {
        IpProtocol.Tcp => Tcp,
        IpProtocol.Udp => Udp,
        IpProtocol.Icmp or IpProtocol.Icmpv6 => IcmpEcho,
        _ => null,
    };
}
