namespace OpteNic.Packets.Checksums;

/// <summary>
/// Checksum work the card's hardware will do on transmit, so software may skip it. Set from the transmit descriptor's
/// offload flags by the firmware.
/// </summary>
[Flags]
public enum ChecksumOffload : byte
{
    /// <summary>Software keeps every checksum correct.</summary>
    None = 0,

    /// <summary>
    /// Hardware computes the inner TCP/UDP/ICMPv6 checksum after transformation, so transformations leave that field
    /// untouched (its value is then meaningless until hardware fills it).
    /// </summary>
    InnerL4 = 1,
}
