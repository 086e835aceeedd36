namespace OpteNic.Vpc.Hairpins;

/// <summary>The requests the gateway answers itself; one hairpin rule (and one reply counter) per kind.</summary>
public enum GatewayHairpinKind : byte
{
    Arp = 0,
    DhcpV4 = 1,
    IcmpEchoV4 = 2,
    IcmpEchoV6 = 3,
    RouterSolicitation = 4,
    NeighborSolicitation = 5,
    DhcpV6 = 6,
    /// <summary>Beyond OPTE: ICMP fragmentation needed / ICMPv6 packet too big for a guest packet over the port MTU.</summary>
    PacketTooBig = 7,
}
