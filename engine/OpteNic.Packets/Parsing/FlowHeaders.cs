using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Parsing;

/// <summary>
/// What a UFT hit needs to know about a packet, and nothing more: its inner flow and where its inner headers sit. Read
/// by <see cref="PacketParser.TryParseFlow"/> from the common header stacks only, in a fraction of a full parse; a
/// packet it declines goes through <see cref="PacketParser.TryParse(ReadOnlySpan{byte}, ParseMode, out ParsedPacket, out ParseError)"/>.
/// Every value equals the one the full parse gives for the same frame. Offsets are from the first byte of the frame.
/// </summary>
public struct FlowHeaders
{
    /// <summary>The inner flow, exactly <see cref="ParsedPacket.FlowId"/>.</summary>
    public InnerFlowId Flow;

    /// <summary><see cref="InnerFlowId.Hash()"/> of <see cref="Flow"/>, worked out while its words were in registers.</summary>
    public uint Hash;

    /// <summary>Offset of the inner Ethernet header: 0 unless the frame is encapsulated, else the length of the outer headers.</summary>
    public int EtherOffset;

    /// <summary>Offset of the inner IP header (20 bytes for IPv4, 40 for IPv6: no options, no extension headers).</summary>
    public int IpOffset;

    /// <summary>Offset of the TCP or UDP header.</summary>
    public int UlpOffset;

    /// <summary>Bytes of the frame that belong to the packet (to the end of the inner IP datagram; Ethernet padding excluded).</summary>
    public int Length;

    /// <summary>4 or 6.</summary>
    public byte IpVersion;

    /// <summary>TCP flags (0 for UDP).</summary>
    public TcpFlags TcpFlags;

    /// <summary>TCP sequence number (0 for UDP).</summary>
    public uint TcpSeq;

    /// <summary>TCP acknowledgement number (0 for UDP).</summary>
    public uint TcpAck;

    /// <summary>True when outer headers precede the inner frame.</summary>
    public readonly bool IsEncapsulated => EtherOffset != 0;

    /// <summary>True for a TCP packet.</summary>
    public readonly bool IsTcp => Flow.Protocol == IpProtocol.Tcp;

    /// <summary>The inner IP packet's length (header and payload), as <see cref="ParsedPacket.IpEnd"/> − <see cref="ParsedPacket.IpOffset"/>.</summary>
    public readonly int IpPacketLength => Length - IpOffset;

    /// <summary>Length of the inner IP header: fixed, as this form only covers headers without options or extensions.</summary>
    public readonly int IpHeaderLength => IpVersion == 4 ? Ipv4Header.Length : Ipv6Header.Length;
}
