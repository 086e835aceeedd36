using System.Buffers.Binary;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// Replays header transformations onto a packet (UFT hits without a compiled entry, and the slow path as layers
/// run), keeping <see cref="ParsedPacket"/> in step and checksums right: untouched fields keep their checksums; inner
/// L3/L4 changes update the inner L4 checksum incrementally and recompute the IPv4 header checksum; pushed or
/// re-emitted outer headers get fresh lengths, a computed IPv4 header checksum and outer UDP checksum 0 (RFC 6935).
/// Trailing Ethernet padding is dropped whenever outer headers are pushed or popped. Allocation-free.
/// </summary>
public static class HeaderTransformer
{
    /// <summary>Largest outer header stack a replay can build (Ethernet + IPv6 with extension headers + UDP + Geneve).</summary>
    public const int MaxOuterLength = 256;

    /// <summary>
    /// Applies <paramref name="transform"/>. On error nothing was changed. <paramref name="flowHash"/> supplies Geneve
    /// entropy when a push leaves it 0 (<see cref="EncapTransform.Entropy"/>).
    /// </summary>
    public static TransformError Apply(PacketBuffer buffer, ref ParsedPacket packet, in HeaderTransform transform, uint flowHash = 0,
        ChecksumOffload offload = ChecksumOffload.None)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var inner = new InnerRewrite(transform.InnerEther, transform.InnerIp, transform.InnerUlp);
        TransformError error = InnerRewriter.Validate(packet, inner, buffer.Length);
        if (error != TransformError.None)
        {
            return error;
        }

        bool structural = IsStructural(transform.OuterEther.Action) || IsStructural(transform.OuterIp.Action) ||
                          IsStructural(transform.OuterEncap.Action);
        error = structural ? ValidateOuterStructural(buffer, packet, transform) : ValidateOuterModify(packet, transform);
        if (error != TransformError.None)
        {
            return error;
        }

        InnerRewriter.Rewrite(buffer.Frame, ref packet, inner, offload);
        if (structural)
        {
            RebuildOuter(buffer, ref packet, transform, flowHash);
        }
        else
        {
            ModifyOuter(buffer.Frame, ref packet, transform);
        }

        return TransformError.None;
    }

    /// <summary>
    /// Applies each transformation in order (a UFT entry's per-layer list). Stops at the first error, which leaves the
    /// earlier ones applied; the caller drops the packet.
    /// </summary>
    public static TransformError ApplyAll(PacketBuffer buffer, ref ParsedPacket packet, ReadOnlySpan<HeaderTransform> transforms, uint flowHash = 0,
        ChecksumOffload offload = ChecksumOffload.None)
    {
        for (int i = 0; i < transforms.Length; i++)
        {
            TransformError error = Apply(buffer, ref packet, transforms[i], flowHash, offload);
            if (error != TransformError.None)
            {
                return error;
            }
        }

        return TransformError.None;
    }

    private static bool IsStructural(HeaderAction action) => action is HeaderAction.Push or HeaderAction.Pop;

    private static TransformError CheckSlot(HeaderAction action, bool present) => action switch
    {
        HeaderAction.Push when present => TransformError.SlotOccupied,
        HeaderAction.Pop or HeaderAction.Modify when !present => TransformError.MissingHeader,
        _ => TransformError.None,
    };

    private static TransformError ValidateOuterModify(in ParsedPacket packet, in HeaderTransform transform)
    {
        TransformError error = CheckSlot(transform.OuterEther.Action, packet.OuterEtherLength != 0);
        if (error == TransformError.None)
        {
            error = CheckSlot(transform.OuterIp.Action, packet.OuterIpLength != 0);
        }

        if (error == TransformError.None)
        {
            error = CheckSlot(transform.OuterEncap.Action, packet.GeneveLength != 0);
        }

        if (error == TransformError.None && transform.OuterIp.Action == HeaderAction.Modify)
        {
            IpTransform ip = transform.OuterIp;
            bool isIpv4 = packet.OuterIpVersion == 4;
            if (((ip.Set & IpFields.Src) != 0 && ip.Src.IsIpv4 != isIpv4) || ((ip.Set & IpFields.Dst) != 0 && ip.Dst.IsIpv4 != isIpv4))
            {
                return TransformError.FamilyMismatch;
            }

            if ((ip.Set & IpFields.Protocol) != 0 && !isIpv4 && packet.OuterIpLength != Ipv6Header.Length)
            {
                // The outer next-header byte behind extension headers is not tracked; no OPTE layer rewrites it.
                return TransformError.Unsupported;
            }
        }

        return error;
    }

    private static TransformError ValidateOuterStructural(PacketBuffer buffer, in ParsedPacket packet, in HeaderTransform transform)
    {
        TransformError error = ValidateOuterModify(packet, transform);
        if (error != TransformError.None)
        {
            return error;
        }

        int newLength = NewOuterLength(packet, transform);
        if (newLength > MaxOuterLength)
        {
            return TransformError.Unsupported;
        }

        // The old outer headers are popped before the new ones are pushed.
        return newLength > buffer.FreeFront + packet.EtherOffset ? TransformError.NoHeadroom : TransformError.None;
    }

    private static int NewOuterLength(in ParsedPacket packet, in HeaderTransform transform)
    {
        int length = transform.OuterEther.Action switch
        {
            HeaderAction.Push => EthernetHeader.BaseLength,
            HeaderAction.Pop => 0,
            _ => packet.OuterEtherLength,
        };
        length += transform.OuterIp.Action switch
        {
            HeaderAction.Push => transform.OuterIp.IsIpv4 ? Ipv4Header.Length : Ipv6Header.Length + transform.OuterIp.Ipv6ExtensionHeaders.Length,
            HeaderAction.Pop => 0,
            _ => packet.OuterIpLength,
        };
        length += transform.OuterEncap.Action switch
        {
            HeaderAction.Push => UdpHeader.Length + GeneveHeader.BaseLength + transform.OuterEncap.Options.WireLength,
            HeaderAction.Pop => 0,
            _ => packet.GeneveLength == 0 ? 0 : UdpHeader.Length + packet.GeneveLength,
        };
        return length;
    }

    private static void ModifyOuter(Span<byte> frame, ref ParsedPacket packet, in HeaderTransform transform)
    {
        EtherTransform ether = transform.OuterEther;
        if (ether.Action == HeaderAction.Modify)
        {
            if ((ether.Set & EtherFields.Dst) != 0)
            {
                ether.Dst.WriteTo(frame.Slice(packet.OuterEtherOffset));
                packet.OuterEtherDst = ether.Dst;
            }

            if ((ether.Set & EtherFields.Src) != 0)
            {
                ether.Src.WriteTo(frame.Slice(packet.OuterEtherOffset + 6));
                packet.OuterEtherSrc = ether.Src;
            }
        }

        IpTransform ip = transform.OuterIp;
        if (ip.Action == HeaderAction.Modify)
        {
            Span<byte> header = frame.Slice(packet.OuterIpOffset, packet.OuterIpLength);
            bool isIpv4 = packet.OuterIpVersion == 4;
            if ((ip.Set & IpFields.Src) != 0)
            {
                ip.Src.WriteTo(header.Slice(isIpv4 ? 12 : 8));
                packet.OuterIpSrc = ip.Src;
            }

            if ((ip.Set & IpFields.Dst) != 0)
            {
                ip.Dst.WriteTo(header.Slice(isIpv4 ? 16 : 24));
                packet.OuterIpDst = ip.Dst;
            }

            if ((ip.Set & IpFields.Protocol) != 0)
            {
                header[isIpv4 ? 9 : 6] = (byte)ip.Protocol;
            }

            if (isIpv4)
            {
                InternetChecksum.WriteIpv4HeaderChecksum(header);
            }

            if (packet.GeneveLength != 0)
            {
                // Outer UDP checksum 0 for tunnels (RFC 6935/6936); cheaper and as correct as an update.
                BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(packet.OuterUdpOffset + 6), 0);
            }
        }

        EncapTransform encap = transform.OuterEncap;
        if (encap.Action == HeaderAction.Modify && encap.SetVni)
        {
            WriteVni(frame.Slice(packet.GeneveOffset), encap.Vni);
            packet.GeneveVni = encap.Vni & 0xFF_FFFF;
        }
    }

    /// <summary>Writes the 24-bit VNI into a Geneve header, keeping its reserved byte.</summary>
    internal static void WriteVni(Span<byte> geneve, uint vni)
    {
        geneve[4] = (byte)(vni >> 16);
        geneve[5] = (byte)(vni >> 8);
        geneve[6] = (byte)vni;
    }

    private static void RebuildOuter(PacketBuffer buffer, ref ParsedPacket packet, in HeaderTransform transform, uint flowHash)
    {
        Span<byte> scratch = stackalloc byte[MaxOuterLength];
        ReadOnlySpan<byte> frame = buffer.Frame;
        int innerLength = packet.Length - packet.EtherOffset;
        int position = 0;

        // Outer Ethernet.
        int etherLength = 0;
        MacAddress etherSrc = packet.OuterEtherSrc;
        MacAddress etherDst = packet.OuterEtherDst;
        EtherTransform ether = transform.OuterEther;
        if (ether.Action == HeaderAction.Push)
        {
            etherLength = new EthernetHeader(ether.Dst, ether.Src, ether.EtherType).WriteTo(scratch);
            etherSrc = ether.Src;
            etherDst = ether.Dst;
        }
        else if (ether.Action != HeaderAction.Pop && packet.OuterEtherLength != 0)
        {
            etherLength = packet.OuterEtherLength;
            frame.Slice(packet.OuterEtherOffset, etherLength).CopyTo(scratch);
            if (ether.Action == HeaderAction.Modify)
            {
                if ((ether.Set & EtherFields.Dst) != 0)
                {
                    etherDst = ether.Dst;
                    etherDst.WriteTo(scratch);
                }

                if ((ether.Set & EtherFields.Src) != 0)
                {
                    etherSrc = ether.Src;
                    etherSrc.WriteTo(scratch.Slice(6));
                }
            }
        }

        position += etherLength;

        // Outer IP.
        int ipOffset = position;
        int ipLength = 0;
        byte ipVersion = 0;
        IpAddr ipSrc = packet.OuterIpSrc;
        IpAddr ipDst = packet.OuterIpDst;
        IpTransform ip = transform.OuterIp;
        if (ip.Action == HeaderAction.Push)
        {
            ipSrc = ip.Src;
            ipDst = ip.Dst;
            byte hopLimit = ip.HopLimit == 0 ? (byte)64 : ip.HopLimit;
            if (ip.IsIpv4)
            {
                ipVersion = 4;
                ipLength = new Ipv4Header(ip.Src, ip.Dst, ip.Protocol, 0) { Flags = ip.Ipv4Flags, Ttl = hopLimit }.WriteTo(scratch.Slice(position));
            }
            else
            {
                ipVersion = 6;
                ReadOnlySpan<byte> extensions = ip.Ipv6ExtensionHeaders.Span;
                IpProtocol next = extensions.IsEmpty ? ip.Protocol : ip.FirstExtensionHeader;
                ipLength = new Ipv6Header(ip.Src, ip.Dst, next, 0) { HopLimit = hopLimit }.WriteTo(scratch.Slice(position));
                extensions.CopyTo(scratch.Slice(position + ipLength));
                ipLength += extensions.Length;
            }
        }
        else if (ip.Action != HeaderAction.Pop && packet.OuterIpLength != 0)
        {
            ipVersion = packet.OuterIpVersion;
            ipLength = packet.OuterIpLength;
            Span<byte> header = scratch.Slice(position, ipLength);
            frame.Slice(packet.OuterIpOffset, ipLength).CopyTo(header);
            if (ip.Action == HeaderAction.Modify)
            {
                bool isIpv4 = ipVersion == 4;
                if ((ip.Set & IpFields.Src) != 0)
                {
                    ipSrc = ip.Src;
                    ipSrc.WriteTo(header.Slice(isIpv4 ? 12 : 8));
                }

                if ((ip.Set & IpFields.Dst) != 0)
                {
                    ipDst = ip.Dst;
                    ipDst.WriteTo(header.Slice(isIpv4 ? 16 : 24));
                }

                if ((ip.Set & IpFields.Protocol) != 0)
                {
                    header[isIpv4 ? 9 : 6] = (byte)ip.Protocol;
                }
            }
        }

        position += ipLength;

        // Outer UDP + Geneve.
        int udpOffset = position;
        int geneveLength = 0;
        ushort udpSrcPort = packet.OuterUdpSrcPort;
        uint vni = packet.GeneveVni;
        GeneveOptions options = packet.GeneveOptions;
        EncapTransform encap = transform.OuterEncap;
        if (encap.Action == HeaderAction.Push)
        {
            udpSrcPort = encap.Entropy != 0 ? encap.Entropy : InnerFlowId.EntropyFromHash(flowHash);
            vni = encap.Vni & 0xFF_FFFF;
            options = encap.Options;
            new UdpHeader(udpSrcPort, PacketParser.GenevePort, 0).WriteTo(scratch.Slice(position));
            geneveLength = new GeneveHeader(vni, options).WriteTo(scratch.Slice(position + UdpHeader.Length));
        }
        else if (encap.Action != HeaderAction.Pop && packet.GeneveLength != 0)
        {
            geneveLength = packet.GeneveLength;
            frame.Slice(packet.OuterUdpOffset, UdpHeader.Length + geneveLength).CopyTo(scratch.Slice(position));
            if (encap.Action == HeaderAction.Modify && encap.SetVni)
            {
                vni = encap.Vni & 0xFF_FFFF;
                WriteVni(scratch.Slice(position + UdpHeader.Length), vni);
            }
        }

        bool hasEncap = geneveLength != 0;
        position += hasEncap ? UdpHeader.Length + geneveLength : 0;
        int total = position + innerLength;

        // Lengths and checksums of the new stack.
        if (hasEncap)
        {
            Span<byte> udp = scratch.Slice(udpOffset, UdpHeader.Length);
            BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(4), (ushort)(total - udpOffset));
            BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(6), 0);
        }

        if (ipLength != 0)
        {
            Span<byte> header = scratch.Slice(ipOffset, ipLength);
            if (ipVersion == 4)
            {
                BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), (ushort)(total - ipOffset));
                InternetChecksum.WriteIpv4HeaderChecksum(header);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(header.Slice(4), (ushort)(total - ipOffset - Ipv6Header.Length));
            }
        }

        // Swap the stacks: drop padding and the old outer headers, then push the new ones.
        int oldOuterLength = packet.EtherOffset;
        buffer.TryTruncate(packet.Length);
        buffer.TryPop(oldOuterLength);
        buffer.TryPush(position, out Span<byte> pushed);
        scratch.Slice(0, position).CopyTo(pushed);

        packet.ShiftInner(position - oldOuterLength);
        packet.OuterEtherOffset = 0;
        packet.OuterEtherLength = etherLength;
        packet.OuterEtherSrc = etherLength != 0 ? etherSrc : default;
        packet.OuterEtherDst = etherLength != 0 ? etherDst : default;
        packet.OuterIpOffset = ipLength != 0 ? ipOffset : 0;
        packet.OuterIpLength = ipLength;
        packet.OuterIpVersion = ipVersion;
        packet.OuterIpSrc = ipLength != 0 ? ipSrc : default;
        packet.OuterIpDst = ipLength != 0 ? ipDst : default;
        packet.OuterUdpOffset = hasEncap ? udpOffset : 0;
        packet.OuterUdpSrcPort = hasEncap ? udpSrcPort : (ushort)0;
        packet.GeneveOffset = hasEncap ? udpOffset + UdpHeader.Length : 0;
        packet.GeneveLength = geneveLength;
        packet.GeneveVni = hasEncap ? vni : 0;
        packet.GeneveOptions = hasEncap ? options : default;
        packet.IsEncapsulated = hasEncap;
    }
}
