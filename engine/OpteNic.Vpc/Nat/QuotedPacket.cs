using OpteNic.Packets;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// The header of the packet quoted inside an ICMP/ICMPv6 error, as read by <see cref="IcmpErrorTranslator.TryReadQuoted"/>:
/// where it starts in the frame, its addresses and its first transport words (ports, or ICMP type/code and echo id).
/// </summary>
internal readonly struct QuotedPacket(int start, int headerLength, int transportLength, IpProtocol protocol, IpAddr source,
    IpAddr destination, ushort word0, ushort word1, ushort word2)
{
    /// <summary>Frame offset of the quoted IP header.</summary>
    public int Start { get; } = start;

    /// <summary>Length of the quoted IP header (IPv6: the fixed 40 bytes; extension headers are not walked).</summary>
    public int HeaderLength { get; } = headerLength;

    /// <summary>Quoted bytes after the IP header (at least 8).</summary>
    public int TransportLength { get; } = transportLength;

    public IpProtocol Protocol { get; } = protocol;

    public IpAddr Source { get; } = source;

    public IpAddr Destination { get; } = destination;

    /// <summary>TCP/UDP source port.</summary>
    public ushort SourcePort { get; } = word0;

    /// <summary>TCP/UDP destination port.</summary>
    public ushort DestinationPort { get; } = word1;

    /// <summary>ICMP type of a quoted ICMP message.</summary>
    public byte IcmpType => (byte)(SourcePort >> 8);

    /// <summary>ICMP echo identifier of a quoted echo message.</summary>
    public ushort EchoId { get; } = word2;

    /// <summary>True when the quoted packet is an ICMP or ICMPv6 echo request (the only ICMP a guest's flow sends out).</summary>
    public bool IsEchoRequest => (Protocol == IpProtocol.Icmp && IcmpType == 8) || (Protocol == IpProtocol.Icmpv6 && IcmpType == 128);

    /// <summary>
    /// The quoted packet's flow, keyed as the engine keys it (TCP/UDP ports, or echo type/code/id); false for other
    /// protocols, whose flows NAT does not track by port.
    /// </summary>
    public bool TryGetFlow(out InnerFlowId flow)
    {
        if (Protocol is IpProtocol.Tcp or IpProtocol.Udp)
        {
            flow = InnerFlowId.ForPorts(Protocol, Source, Destination, SourcePort, DestinationPort);
            return true;
        }

        if (IsEchoRequest)
        {
            flow = InnerFlowId.ForIcmp(Protocol, Source, Destination, IcmpType, (byte)SourcePort, EchoId);
            return true;
        }

        flow = default;
        return false;
    }
}
