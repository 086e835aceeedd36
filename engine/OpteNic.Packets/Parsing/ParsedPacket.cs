using System.Runtime.CompilerServices;
using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Parsing;

/// <summary>
/// Where every header of a frame sits and the field values predicates need, filled by <see cref="PacketParser"/>
/// without copying or allocating. Offsets are from the first byte of the frame. "Inner" headers are the guest's: the
/// only headers of an outbound frame, the headers inside Geneve for an inbound one. Header transformations keep this
/// in step with the bytes (offsets move on push/pop; rewritten fields take their new values). The offset of a header the
/// packet lacks (ARP offset of a TCP packet, L4 offset of a later fragment) is meaningless: test the presence flag first.
/// </summary>
/// <remarks>
/// Layout for the fast path: outer fields form one block (<c>OuterHeaderView</c>) that a compiled push sets or a pop
/// clears with one copy; inner offsets are stored relative to the inner Ethernet header, so a push or pop updates a
/// single field.
/// </remarks>
public struct ParsedPacket
{
    /// <summary>The outer headers, as one block (compiled push/pop set or clear it with a single copy).</summary>
    internal OuterHeaderView _outer;

    // Every inner offset is kept relative to the inner Ethernet header, so pushing or popping outer headers moves one
    // field (_etherOffset) instead of eight. The parser writes these fields directly.
    internal int _etherOffset;
    internal int _lengthFromEther;
    internal int _arpOffsetFromEther;
    internal int _ipOffsetFromEther;
    internal int _protocolFieldOffsetFromEther;
    internal int _ipEndFromEther;
    internal int _ulpOffsetFromEther;
    internal int _bodyOffsetFromEther;

    // ---- whole frame -------------------------------------------------------------------------------------------

    /// <summary>The mode the frame was parsed in.</summary>
    public ParseMode Mode { get; internal set; }

    /// <summary>Bytes of the frame that belong to the packet; anything after (Ethernet padding) is not packet data.</summary>
    public int Length { readonly get => _etherOffset + _lengthFromEther; internal set => _lengthFromEther = value - _etherOffset; }

    // ---- outer headers (Inbound mode, or after an encapsulating push) ------------------------------------------

    /// <summary>True when outer Ethernet/IP/UDP/Geneve headers are present.</summary>
    public bool IsEncapsulated { readonly get => _outer.IsEncapsulated; internal set => _outer.IsEncapsulated = value; }

    /// <summary>Offset of the outer Ethernet header (0 when encapsulated).</summary>
    public int OuterEtherOffset { readonly get => _outer.EtherOffset; internal set => _outer.EtherOffset = (ushort)value; }

    /// <summary>Outer Ethernet header length including VLAN tags.</summary>
    public int OuterEtherLength { readonly get => _outer.EtherLength; internal set => _outer.EtherLength = (ushort)value; }

    public MacAddress OuterEtherSrc { readonly get => _outer.EtherSrc; internal set => _outer.EtherSrc = value; }

    public MacAddress OuterEtherDst { readonly get => _outer.EtherDst; internal set => _outer.EtherDst = value; }

    /// <summary>Offset of the outer IP header.</summary>
    public int OuterIpOffset { readonly get => _outer.IpOffset; internal set => _outer.IpOffset = (ushort)value; }

    /// <summary>Outer IP header length including IPv6 extension headers or IPv4 options.</summary>
    public int OuterIpLength { readonly get => _outer.IpLength; internal set => _outer.IpLength = (ushort)value; }

    /// <summary>4 or 6 (always 6 on the wire from the network; 4 only if a transformation pushed IPv4).</summary>
    public byte OuterIpVersion { readonly get => _outer.IpVersion; internal set => _outer.IpVersion = value; }

    public IpAddr OuterIpSrc { readonly get => _outer.IpSrc; internal set => _outer.IpSrc = value; }

    public IpAddr OuterIpDst { readonly get => _outer.IpDst; internal set => _outer.IpDst = value; }

    /// <summary>Offset of the outer UDP header (8 bytes; Geneve follows).</summary>
    public int OuterUdpOffset { readonly get => _outer.UdpOffset; internal set => _outer.UdpOffset = (ushort)value; }

    /// <summary>Outer UDP source port: the sender's flow entropy.</summary>
    public ushort OuterUdpSrcPort { readonly get => _outer.UdpSrcPort; internal set => _outer.UdpSrcPort = value; }

    /// <summary>Offset of the Geneve header.</summary>
    public int GeneveOffset { readonly get => _outer.GeneveOffset; internal set => _outer.GeneveOffset = (ushort)value; }

    /// <summary>Geneve header length including options.</summary>
    public int GeneveLength { readonly get => _outer.GeneveLength; internal set => _outer.GeneveLength = (ushort)value; }

    /// <summary>Geneve virtual network identifier (24 bits).</summary>
    public uint GeneveVni { readonly get => _outer.GeneveVni; internal set => _outer.GeneveVni = value; }

    /// <summary>The Oxide options the Geneve header carried.</summary>
    public GeneveOptions GeneveOptions { readonly get => _outer.GeneveOptions; internal set => _outer.GeneveOptions = value; }

    // ---- inner Ethernet ----------------------------------------------------------------------------------------

    /// <summary>Offset of the inner Ethernet header.</summary>
    public int EtherOffset { readonly get => _etherOffset; internal set => _etherOffset = value; }

    /// <summary>Inner Ethernet header length: 14 plus 4 per VLAN tag.</summary>
    public int EtherLength { get; internal set; }

    public MacAddress EtherDst { get; internal set; }

    public MacAddress EtherSrc { get; internal set; }

    /// <summary>Ethernet type after any VLAN tags (e.g. 0x0800). Compare with <see cref="Packets.EtherType"/> values.</summary>
    public ushort EtherType { get; internal set; }

    /// <summary>Number of 802.1Q/802.1ad tags (0–2).</summary>
    public byte VlanCount { get; internal set; }

    /// <summary>Tag control information of the outermost VLAN tag (priority, DEI, VLAN id), when <see cref="VlanCount"/> &gt; 0.</summary>
    public ushort VlanTci { get; internal set; }

    // ---- ARP ---------------------------------------------------------------------------------------------------

    /// <summary>True when the inner frame is an Ethernet/IPv4 ARP packet (parsing stops at its body).</summary>
    public bool IsArp { get; internal set; }

    /// <summary>Offset of the 28-byte ARP packet.</summary>
    public int ArpOffset { readonly get => _etherOffset + _arpOffsetFromEther; internal set => _arpOffsetFromEther = value - _etherOffset; }

    public ArpOperation ArpOperation { get; internal set; }

    public MacAddress ArpSenderMac { get; internal set; }

    public IpAddr ArpSenderIp { get; internal set; }

    public MacAddress ArpTargetMac { get; internal set; }

    public IpAddr ArpTargetIp { get; internal set; }

    // ---- inner IP ----------------------------------------------------------------------------------------------

    /// <summary>0 when there is no inner IP header, else 4 or 6.</summary>
    public byte IpVersion { get; internal set; }

    /// <summary>Offset of the inner IP header.</summary>
    public int IpOffset { readonly get => _etherOffset + _ipOffsetFromEther; internal set => _ipOffsetFromEther = value - _etherOffset; }

    /// <summary>Inner IP header length including IPv4 options or all IPv6 extension headers walked.</summary>
    public int IpHeaderLength { get; internal set; }

    /// <summary>
    /// Offset of the byte that names <see cref="Protocol"/>: the IPv4 protocol field, or the next-header field of the
    /// IPv6 header or of the last extension header. Rewriting the protocol writes here.
    /// </summary>
    public int ProtocolFieldOffset { readonly get => _etherOffset + _protocolFieldOffsetFromEther; internal set => _protocolFieldOffsetFromEther = value - _etherOffset; }

    /// <summary>Upper-layer protocol (for IPv6, after walking extension headers).</summary>
    public IpProtocol Protocol { get; internal set; }

    public IpAddr SrcIp { get; internal set; }

    public IpAddr DstIp { get; internal set; }

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl { get; internal set; }

    /// <summary>True when the datagram is a fragment (IPv4 MF or offset, or an IPv6 fragment header).</summary>
    public bool IsFragment { get; internal set; }

    /// <summary>True for a non-first fragment: it carries no L4 header, so no ports.</summary>
    public bool IsLaterFragment { get; internal set; }

    /// <summary>Offset one past the last byte of the inner IP datagram (from its length field).</summary>
    public int IpEnd { readonly get => _etherOffset + _ipEndFromEther; internal set => _ipEndFromEther = value - _etherOffset; }

    // ---- inner L4 (ULP) ----------------------------------------------------------------------------------------

    /// <summary>True when a TCP, UDP, ICMP or ICMPv6 header was parsed.</summary>
    public bool HasUlp { get; internal set; }

    /// <summary>Offset of the L4 header.</summary>
    public int UlpOffset { readonly get => _etherOffset + _ulpOffsetFromEther; internal set => _ulpOffsetFromEther = value - _etherOffset; }

    /// <summary>L4 header length (TCP including options; 8 for UDP, ICMP, ICMPv6).</summary>
    public int UlpLength { get; internal set; }

    /// <summary>TCP/UDP source port; 0 otherwise.</summary>
    public ushort SrcPort { get; internal set; }

    /// <summary>TCP/UDP destination port; 0 otherwise.</summary>
    public ushort DstPort { get; internal set; }

    /// <summary>ICMP/ICMPv6 type.</summary>
    public byte IcmpType { get; internal set; }

    /// <summary>ICMP/ICMPv6 code.</summary>
    public byte IcmpCode { get; internal set; }

    /// <summary>Echo identifier of an ICMP echo request/reply (8/0) or ICMPv6 echo (128/129); 0 for other messages.</summary>
    public ushort IcmpEchoId { get; internal set; }

    /// <summary>True for ICMP echo request/reply or ICMPv6 echo request/reply.</summary>
    public bool IsIcmpEcho { get; internal set; }

    public TcpFlags TcpFlags { get; internal set; }

    public uint TcpSeq { get; internal set; }

    public uint TcpAck { get; internal set; }

    public ushort TcpWindow { get; internal set; }

    // ---- body --------------------------------------------------------------------------------------------------

    /// <summary>Offset of the bytes after the last parsed header (L4 payload, or L3 payload if no L4 was parsed).</summary>
    public int BodyOffset { readonly get => _etherOffset + _bodyOffsetFromEther; internal set => _bodyOffsetFromEther = value - _etherOffset; }

    /// <summary>Body length (excluding Ethernet padding).</summary>
    public int BodyLength { get; internal set; }

    /// <summary>True when <see cref="Protocol"/> is TCP and the header was parsed.</summary>
    public readonly bool IsTcp
    {
        // Read on every TCP fast-path hit, inside a method large enough that the JIT stops inlining on its own.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => HasUlp && Protocol == IpProtocol.Tcp;
    }

    /// <summary>True when <see cref="Protocol"/> is UDP and the header was parsed.</summary>
    public readonly bool IsUdp => HasUlp && Protocol == IpProtocol.Udp;

    /// <summary>The body bytes of <paramref name="frame"/> (the same frame this was parsed from): data predicates read DHCP here.</summary>
    public readonly ReadOnlySpan<byte> Body(ReadOnlySpan<byte> frame) => frame.Slice(BodyOffset, BodyLength);

    /// <summary>
    /// The inner flow id; false (and default) when there is no inner IP header. Protocols other than TCP, UDP, ICMP and
    /// ICMPv6 (and later fragments) get zero protocol words.
    /// </summary>
    public readonly bool TryGetFlowId(out InnerFlowId flowId)
    {
        if (IpVersion == 0)
        {
            flowId = default;
            return false;
        }

        flowId = FlowId;
        return true;
    }

    /// <summary>The inner flow id (default when there is no inner IP header).</summary>
    public readonly InnerFlowId FlowId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (IpVersion == 0)
            {
                return default;
            }

            if (HasUlp && Protocol is IpProtocol.Icmp or IpProtocol.Icmpv6)
            {
                return InnerFlowId.ForIcmp(Protocol, SrcIp, DstIp, IcmpType, IcmpCode, IcmpEchoId);
            }

            return new InnerFlowId(Protocol, SrcIp, DstIp, SrcPort, DstPort);
        }
    }

    /// <summary>Moves every inner header offset by <paramref name="delta"/> bytes (after a push or pop in front).</summary>
    internal void ShiftInner(int delta) => _etherOffset += delta;
}
