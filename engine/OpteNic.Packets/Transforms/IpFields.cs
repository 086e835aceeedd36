namespace OpteNic.Packets.Transforms;

/// <summary>Which IP fields a Modify sets.</summary>
[Flags]
public enum IpFields : byte
{
    None = 0,
    Src = 1,
    Dst = 2,
    /// <summary>The upper-layer protocol (IPv4 protocol, or the last IPv6 next-header field).</summary>
    Protocol = 4,
}
