namespace OpteNic.Packets.Parsing;

/// <summary>
/// Why a frame could not be parsed. Every malformed frame is dropped and counted under exactly one of these reasons
/// (<see cref="ParseDropCounters"/>); the parser never throws on wire input.
/// </summary>
public enum ParseError : byte
{
    /// <summary>No error: the frame parsed.</summary>
    None = 0,

    /// <summary>
    /// A well-formed frame the data path refuses by policy: a Geneve OAM (control) frame, more than two VLAN tags, or an
    /// IPv6 jumbogram (payload length 0).
    /// </summary>
    Reject = 1,

    /// <summary>
    /// A header names a next protocol the mode requires to be something else: in <see cref="ParseMode.Inbound"/>, an
    /// outer Ethernet type other than IPv6, an outer IPv6 next header other than UDP, a UDP destination port other
    /// than 6081, or a Geneve protocol type other than Ethernet (0x6558).
    /// </summary>
    UnwantedProtocol = 2,

    /// <summary>The frame ends before a header does.</summary>
    Truncated = 3,

    /// <summary>
    /// A header runs past the end of the datagram that contains it although the frame has the bytes: e.g. a TCP
    /// header extending beyond the IPv4 total length, an IPv6 extension header beyond the payload length, or Geneve
    /// options beyond the UDP length (the header straddles its container's boundary).
    /// </summary>
    Straddled = 4,

    /// <summary>
    /// A field holds a value its specification forbids: IP version not 4/6, IPv4 IHL &lt; 5, TCP data offset &lt; 5,
    /// Geneve version not 0, ARP hardware/protocol type or lengths not Ethernet/IPv4.
    /// </summary>
    IllegalValue = 5,

    /// <summary>
    /// A length field disagrees with the header or the bytes present: IPv4 total length below the header length or
    /// above the bytes present, IPv6 payload length above the bytes present, UDP length below 8 or beyond its datagram.
    /// </summary>
    BadLength = 6,

    /// <summary>
    /// A Geneve option is unacceptable: an unknown option with the critical bit set, a known Oxide option (class
    /// 0x0129) of the wrong length or with an invalid replication mode, or an option running past the option area.
    /// </summary>
    BadTunnelOption = 7,
}
