namespace OpteNic.Packets.Transforms;

/// <summary>Which upper-layer fields a Modify sets. Fields that do not exist in the packet's protocol are skipped.</summary>
[Flags]
public enum UlpFields : byte
{
    None = 0,
    /// <summary>TCP/UDP source port.</summary>
    SrcPort = 1,
    /// <summary>TCP/UDP destination port.</summary>
    DstPort = 2,
    /// <summary>TCP control bits.</summary>
    TcpFlags = 4,
    /// <summary>ICMP/ICMPv6 echo identifier (echo request/reply only).</summary>
    IcmpEchoId = 8,
}
