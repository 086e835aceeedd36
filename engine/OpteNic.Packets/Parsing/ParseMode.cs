namespace OpteNic.Packets.Parsing;

/// <summary>Which header stack <see cref="PacketParser"/> expects.</summary>
public enum ParseMode : byte
{
    /// <summary>
    /// From the guest: Ethernet [+ up to two 802.1Q/802.1ad tags] → optional ARP | IPv4 | IPv6 → optional
    /// TCP | UDP | ICMP | ICMPv6. The guest's headers are the packet's <em>inner</em> headers.
    /// </summary>
    Outbound = 0,

    /// <summary>
    /// From the network: outer Ethernet → outer IPv6 (extension headers walked) → UDP to port 6081 → Geneve → inner
    /// Ethernet → inner IPv4/IPv6 → inner L4. Anything not encapsulated this way is an error.
    /// </summary>
    Inbound = 1,

    /// <summary>
    /// From the network but not encapsulated: parsed like <see cref="Outbound"/> (no outer headers). For tests and for a
    /// port wired to a plain L2 network; OPTE itself only accepts encapsulated inbound traffic.
    /// </summary>
    InboundUnencapsulated = 2,
}
