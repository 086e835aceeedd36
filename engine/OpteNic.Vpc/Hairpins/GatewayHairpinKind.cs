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
}
