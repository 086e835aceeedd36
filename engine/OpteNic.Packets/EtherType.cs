namespace OpteNic.Packets;

/// <summary>Ethernet type values the parser knows (IEEE registry).</summary>
public enum EtherType : ushort
{
    Ipv4 = 0x0800,
    Arp = 0x0806,
    /// <summary>IEEE 802.1Q customer VLAN tag.</summary>
    Vlan = 0x8100,
    /// <summary>IEEE 802.1ad service VLAN tag (QinQ outer tag).</summary>
    QinQ = 0x88A8,
    Ipv6 = 0x86DD,
    /// <summary>Transparent Ethernet bridging: the Geneve protocol type for an inner Ethernet frame.</summary>
    TransparentEthernetBridging = 0x6558,
}
