using System.Buffers.Binary;
using OpteNic.Packets.Checksums;

namespace OpteNic.Packets.Headers;

/// <summary>
/// Writes a frame front to back — Ethernet, then IPv4/IPv6 or ARP, then UDP/TCP/ICMP/ICMPv6, then payload — and on
/// <see cref="TryFinish"/> fills the IP and UDP lengths and every checksum. For hairpin replies (ARP, DHCP, NDP, ICMP)
/// and tests. Never throws: writing past the destination sets <see cref="Overflowed"/> and
/// <see cref="TryFinish"/> returns false. Allocation-free (a ref struct over a caller's span).
/// </summary>
/// <example>
/// <code>
/// var b = new FrameBuilder(buffer.WritableFromStart);
/// b.Ethernet(new EthernetHeader(clientMac, gatewayMac, (ushort)EtherType.Ipv4));
/// b.Ipv4(new Ipv4Header(gatewayIp, clientIp, IpProtocol.Udp, 0));
/// b.Udp(67, 68);
/// dhcp.WriteTo(b.Payload(dhcpLength));
/// if (b.TryFinish(out int length)) buffer.TrySetLength(length);
/// </code>
/// </example>
public ref struct FrameBuilder
{
    private readonly Span<byte> _destination;
    private int _length;
    private int _ipOffset;
    private int _ipHeaderLength;
    private byte _ipVersion;
    private int _l4Offset;
    private IpProtocol _l4Protocol;
    private IpAddr _src;
    private IpAddr _dst;
    private bool _overflowed;

    public FrameBuilder(Span<byte> destination)
    {
        _destination = destination;
        _ipOffset = -1;
        _l4Offset = -1;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>True once a write did not fit; the frame is then unusable.</summary>
    public readonly bool Overflowed => _overflowed;

    /// <summary>Appends an Ethernet header.</summary>
    public void Ethernet(in EthernetHeader header)
    {
        Span<byte> space = Reserve(header.Length);
        if (!space.IsEmpty)
        {
            header.WriteTo(space);
        }
    }

    /// <summary>Appends an IPv4 header; its total length and checksum are filled by <see cref="TryFinish"/>.</summary>
    public void Ipv4(in Ipv4Header header)
    {
        int offset = _length;
        Span<byte> space = Reserve(Ipv4Header.Length);
        if (!space.IsEmpty)
        {
            header.WriteTo(space);
            _ipOffset = offset;
            _ipHeaderLength = Ipv4Header.Length;
            _ipVersion = 4;
            _src = header.Src;
            _dst = header.Dst;
        }
    }

    /// <summary>Appends an IPv6 header; its payload length is filled by <see cref="TryFinish"/>.</summary>
    public void Ipv6(in Ipv6Header header)
    {
        int offset = _length;
        Span<byte> space = Reserve(Ipv6Header.Length);
        if (!space.IsEmpty)
        {
            header.WriteTo(space);
            _ipOffset = offset;
            _ipHeaderLength = Ipv6Header.Length;
            _ipVersion = 6;
            _src = header.Src;
            _dst = header.Dst;
        }
    }

    /// <summary>Appends an ARP packet.</summary>
    public void Arp(in ArpPacket arp)
    {
        Span<byte> space = Reserve(ArpPacket.Length);
        if (!space.IsEmpty)
        {
            arp.WriteTo(space);
        }
    }

    /// <summary>Appends a UDP header; length and checksum are filled by <see cref="TryFinish"/>.</summary>
    public void Udp(ushort srcPort, ushort dstPort)
    {
        int offset = _length;
        Span<byte> space = Reserve(UdpHeader.Length);
        if (!space.IsEmpty)
        {
            new UdpHeader(srcPort, dstPort, 0).WriteTo(space);
            _l4Offset = offset;
            _l4Protocol = IpProtocol.Udp;
        }
    }

    /// <summary>Appends a TCP header (no options); the checksum is filled by <see cref="TryFinish"/>.</summary>
    public void Tcp(in TcpHeader header)
    {
        int offset = _length;
        Span<byte> space = Reserve(TcpHeader.BaseLength);
        if (!space.IsEmpty)
        {
            (header with { Checksum = 0 }).WriteTo(space);
            _l4Offset = offset;
            _l4Protocol = IpProtocol.Tcp;
        }
    }

    /// <summary>Appends an ICMP (over IPv4) or ICMPv6 (over IPv6) header; the checksum is filled by <see cref="TryFinish"/>.</summary>
    public void Icmp(in IcmpHeader header)
    {
        int offset = _length;
        Span<byte> space = Reserve(IcmpHeader.Length);
        if (!space.IsEmpty)
        {
            (header with { Checksum = 0 }).WriteTo(space);
            _l4Offset = offset;
            _l4Protocol = _ipVersion == 6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp;
        }
    }

    /// <summary>Reserves <paramref name="length"/> payload bytes and returns them for the caller to fill (empty on overflow).</summary>
    public Span<byte> Payload(int length) => Reserve(length);

    /// <summary>Appends payload bytes.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Span<byte> space = Reserve(bytes.Length);
        if (!space.IsEmpty)
        {
            bytes.CopyTo(space);
        }
    }

    /// <summary>
    /// Fills lengths and checksums (unless <paramref name="offload"/> leaves the L4 checksum to hardware) and returns
    /// the frame length. False if anything overflowed.
    /// </summary>
    public readonly bool TryFinish(out int length, ChecksumOffload offload = ChecksumOffload.None)
    {
        length = 0;
        if (_overflowed)
        {
            return false;
        }

        Span<byte> frame = _destination.Slice(0, _length);
        if (_ipOffset >= 0)
        {
            Span<byte> ip = frame.Slice(_ipOffset);
            if (_ipVersion == 4)
            {
                BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(2), (ushort)ip.Length);
                InternetChecksum.WriteIpv4HeaderChecksum(ip);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(4), (ushort)(ip.Length - _ipHeaderLength));
            }
        }

        if (_l4Offset >= 0)
        {
            Span<byte> l4 = frame.Slice(_l4Offset);
            int checksumOffset = _l4Protocol switch
            {
                IpProtocol.Tcp => 16,
                IpProtocol.Udp => 6,
                _ => 2,
            };
            if (_l4Protocol == IpProtocol.Udp)
            {
                BinaryPrimitives.WriteUInt16BigEndian(l4.Slice(4), (ushort)l4.Length);
            }

            BinaryPrimitives.WriteUInt16BigEndian(l4.Slice(checksumOffset), 0);
            if ((offload & ChecksumOffload.InnerL4) == 0)
            {
                ushort checksum = _l4Protocol == IpProtocol.Icmp
                    ? InternetChecksum.Compute(l4)
                    : InternetChecksum.ComputeUpperLayer(l4, _src, _dst, _l4Protocol);
                BinaryPrimitives.WriteUInt16BigEndian(l4.Slice(checksumOffset), checksum);
            }
        }

        length = _length;
        return true;
    }

    private Span<byte> Reserve(int length)
    {
        if (_overflowed || length < 0 || length > _destination.Length - _length)
        {
            _overflowed = true;
            return Span<byte>.Empty;
        }

        Span<byte> space = _destination.Slice(_length, length);
        _length += length;
        return space;
    }
}
