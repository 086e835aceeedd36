using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// A UFT entry's transformations folded into one fast operation (behaviour §1, "compiled"): precomputed outer header
/// bytes (Ethernet with zero MACs as pushed, IP, UDP, Geneve with options) with only lengths, the IPv4 header checksum
/// and (if asked) the entropy port filled per packet, or a pop of all outer headers; plus the inner field rewrites
/// applied in place with incremental checksum updates. Produces exactly the bytes replaying each transformation with
/// <see cref="HeaderTransformer"/> would. A value type with inline storage (≈ 0.3 KB): keep it inside the UFT entry and
/// call <see cref="Apply"/> on it in place; do not copy it per packet.
/// </summary>
/// <remarks>
/// Layout for the fast path: the outer stack is kept right-aligned in a fixed 128-byte block, so a push is one
/// fixed-size block copy plus three or four 16-bit stores (lengths, entropy, IPv4 checksum); the <see cref="ParsedPacket"/>
/// view of the pushed stack is precomputed too and lands with one struct copy; the inner rewrites are one flat
/// <see cref="InnerRewrite"/> whose zero masks skip untouched headers.
/// </remarks>
public struct CompiledTransform
{
    /// <summary>
    /// Longest outer stack a compiled entry holds (Ethernet + IPv6 + UDP + Geneve with all Oxide options is 90 bytes).
    /// Longer stacks (IPv6 extension headers) do not compile; the UFT entry replays its list instead.
    /// </summary>
    public const int MaxOuterLength = 128;

    private OuterHeaderTemplate _template;
    private OuterHeaderView _outerView;
    private InnerRewrite _inner;
    private uint _ipv4HeaderSum;
    private ushort _entropy;
    private byte _outerLength;
    private CompiledOuter _outer;
    private bool _valid;

    /// <summary>True once produced by a successful <see cref="TryCompile(ReadOnlySpan{HeaderTransform}, out CompiledTransform)"/>.</summary>
    public readonly bool IsValid => _valid;

    /// <summary>What the entry does to outer headers.</summary>
    public readonly CompiledOuter Outer => _outer;

    /// <summary>Bytes pushed in front (0 unless <see cref="CompiledOuter.PushAll"/>).</summary>
    public readonly int OuterLength => _outerLength;

    /// <summary>Compiles a UFT entry's header transformations (no body transformation).</summary>
    public static bool TryCompile(ReadOnlySpan<HeaderTransform> transforms, out CompiledTransform compiled) =>
        TryCompile(transforms, hasBodyTransform: false, out compiled);

    /// <summary>
    /// Compiles when OPTE's conditions hold: no body transformation; outer headers all pushed together, all popped
    /// together, or all left alone; each inner header only modified. Otherwise false and the caller replays.
    /// </summary>
    public static bool TryCompile(ReadOnlySpan<HeaderTransform> transforms, bool hasBodyTransform, out CompiledTransform compiled)
    {
        compiled = default;
        if (hasBodyTransform || !HeaderTransform.TryCompose(transforms, out HeaderTransform composed))
        {
            return false;
        }

        if (composed.InnerEther.Action is HeaderAction.Push or HeaderAction.Pop ||
            composed.InnerIp.Action is HeaderAction.Push or HeaderAction.Pop)
        {
            return false;
        }

        HeaderAction ether = composed.OuterEther.Action;
        HeaderAction ip = composed.OuterIp.Action;
        HeaderAction encap = composed.OuterEncap.Action;
        compiled._inner = new InnerRewrite(composed.InnerEther, composed.InnerIp, composed.InnerUlp);
        if (ether == HeaderAction.Ignore && ip == HeaderAction.Ignore && encap == HeaderAction.Ignore)
        {
            compiled._outer = CompiledOuter.None;
        }
        else if (ether == HeaderAction.Pop && ip == HeaderAction.Pop && encap == HeaderAction.Pop)
        {
            compiled._outer = CompiledOuter.PopAll;
        }
        else if (ether == HeaderAction.Push && ip == HeaderAction.Push && encap == HeaderAction.Push)
        {
            if (!compiled.TryBuildTemplate(composed))
            {
                compiled = default;
                return false;
            }

            compiled._outer = CompiledOuter.PushAll;
        }
        else
        {
            return false;
        }

        compiled._valid = true;
        return true;
    }

    private bool TryBuildTemplate(in HeaderTransform composed)
    {
        IpTransform ip = composed.OuterIp;
        int ipLength = ip.IsIpv4 ? Ipv4Header.Length : Ipv6Header.Length + ip.Ipv6ExtensionHeaders.Length;
        int length = EthernetHeader.BaseLength + ipLength + UdpHeader.Length + GeneveHeader.BaseLength + composed.OuterEncap.Options.WireLength;
        if (length > MaxOuterLength)
        {
            return false;
        }

        // Write the stack exactly as replay would for an empty inner frame, then keep the length-free checksum sum.
        Span<byte> stack = stackalloc byte[MaxOuterLength];
        stack.Clear();
        EtherTransform ether = composed.OuterEther;
        int position = new EthernetHeader(ether.Dst, ether.Src, ether.EtherType).WriteTo(stack);
        byte hopLimit = ip.HopLimit == 0 ? (byte)64 : ip.HopLimit;
        byte ipVersion;
        if (ip.IsIpv4)
        {
            position += new Ipv4Header(ip.Src, ip.Dst, ip.Protocol, 0) { Flags = ip.Ipv4Flags, Ttl = hopLimit }.WriteTo(stack.Slice(position));
            BinaryPrimitives.WriteUInt16BigEndian(stack.Slice(EthernetHeader.BaseLength + 10), 0);
            _ipv4HeaderSum = InternetChecksum.PartialSum(stack.Slice(EthernetHeader.BaseLength, Ipv4Header.Length));
            ipVersion = 4;
        }
        else
        {
            ReadOnlySpan<byte> extensions = ip.Ipv6ExtensionHeaders.Span;
            IpProtocol next = extensions.IsEmpty ? ip.Protocol : ip.FirstExtensionHeader;
            position += new Ipv6Header(ip.Src, ip.Dst, next, 0) { HopLimit = hopLimit }.WriteTo(stack.Slice(position));
            extensions.CopyTo(stack.Slice(position));
            position += extensions.Length;
            ipVersion = 6;
        }

        EncapTransform encap = composed.OuterEncap;
        uint vni = encap.Vni & 0xFF_FFFF;
        int udpOffset = position;
        position += new UdpHeader(encap.Entropy, PacketParser.GenevePort, 0).WriteTo(stack.Slice(position));
        int geneveLength = new GeneveHeader(vni, encap.Options).WriteTo(stack.Slice(position));
        position += geneveLength;

        // Right-aligned: the stack ends where the block ends (see Push).
        stack.Slice(0, position).CopyTo(((Span<byte>)_template).Slice(MaxOuterLength - position));
        _entropy = encap.Entropy;
        _outerLength = (byte)position;
        _outerView = new OuterHeaderView
        {
            EtherOffset = 0,
            EtherLength = EthernetHeader.BaseLength,
            EtherSrc = ether.Src,
            EtherDst = ether.Dst,
            IpOffset = EthernetHeader.BaseLength,
            IpLength = (ushort)ipLength,
            IpVersion = ipVersion,
            IpSrc = ip.Src,
            IpDst = ip.Dst,
            UdpOffset = (ushort)udpOffset,
            UdpSrcPort = encap.Entropy,
            GeneveOffset = (ushort)(udpOffset + UdpHeader.Length),
            GeneveLength = (ushort)geneveLength,
            GeneveVni = vni,
            GeneveOptions = encap.Options,
            IsEncapsulated = true,
        };
        return true;
    }

    /// <summary>
    /// Applies the compiled entry to <paramref name="packet"/>. On error nothing was changed. <paramref name="flowHash"/>
    /// gives the Geneve entropy when the push left it 0.
    /// </summary>
    public readonly TransformError Apply(PacketBuffer buffer, ref ParsedPacket packet, uint flowHash = 0, ChecksumOffload offload = ChecksumOffload.None)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!_valid)
        {
            return TransformError.Unsupported;
        }

        Span<byte> frame = buffer.Frame;
        TransformError error = InnerRewriter.Validate(packet, _inner, frame.Length);
        if (error != TransformError.None)
        {
            return error;
        }

        switch (_outer)
        {
            case CompiledOuter.PushAll:
                if (packet.OuterEtherLength != 0 || packet.OuterIpLength != 0 || packet.GeneveLength != 0)
                {
                    return TransformError.SlotOccupied;
                }

                if (_outerLength > buffer.FreeFront)
                {
                    return TransformError.NoHeadroom;
                }

                InnerRewriter.Rewrite(frame, ref packet, _inner, offload);
                Push(buffer, ref packet, flowHash);
                return TransformError.None;

            case CompiledOuter.PopAll:
                if (packet.OuterEtherLength == 0 || packet.OuterIpLength == 0 || packet.GeneveLength == 0)
                {
                    return TransformError.MissingHeader;
                }

                InnerRewriter.Rewrite(frame, ref packet, _inner, offload);
                Pop(buffer, ref packet);
                return TransformError.None;

            default:
                InnerRewriter.Rewrite(frame, ref packet, _inner, offload);
                return TransformError.None;
        }
    }

    /// <summary>
    /// Applies this entry's outer-header work (it must have no inner rewrites of its own: the shared half of a split
    /// entry) together with a flow's <paramref name="inner"/> rewrites, in one pass: one validation, then the inner
    /// rewrites, then the push or pop. The same bytes as applying the whole folded transformation; on error nothing was
    /// changed.
    /// </summary>
    public readonly TransformError Apply(PacketBuffer buffer, ref ParsedPacket packet, in CompiledInner inner, uint flowHash,
        ChecksumOffload offload)
    {
        Span<byte> frame = buffer.Frame;
        TransformError error = InnerRewriter.Validate(packet, inner.Rewrite, frame.Length);
        if (error != TransformError.None)
        {
            return error;
        }

        if (_outer == CompiledOuter.PushAll)
        {
            if ((packet.OuterEtherLength | packet.OuterIpLength | packet.GeneveLength) != 0)
            {
                return TransformError.SlotOccupied;
            }

            if (_outerLength > buffer.FreeFront)
            {
                return TransformError.NoHeadroom;
            }

            InnerRewriter.Rewrite(frame, ref packet, in inner, offload);
            Push(buffer, ref packet, flowHash);
            return TransformError.None;
        }

        if (_outer == CompiledOuter.PopAll)
        {
            if (packet.OuterEtherLength == 0 || packet.OuterIpLength == 0 || packet.GeneveLength == 0)
            {
                return TransformError.MissingHeader;
            }

            InnerRewriter.Rewrite(frame, ref packet, in inner, offload);
            Pop(buffer, ref packet);
            return TransformError.None;
        }

        if (!_valid)
        {
            return TransformError.Unsupported;
        }

        InnerRewriter.Rewrite(frame, ref packet, in inner, offload);
        return TransformError.None;
    }

    /// <summary>
    /// The UFT hit form of <see cref="Apply(PacketBuffer, ref ParsedPacket, in CompiledInner, uint, ChecksumOffload)"/>,
    /// for a packet read by <see cref="PacketParser.TryParseFlow"/> from this buffer's frame: the same bytes, without a
    /// full parse or a <see cref="ParsedPacket"/> to keep in step. False, with nothing changed, whenever the full form
    /// would fail or do more (no headroom, outer headers already present or missing, rewrites beyond
    /// <see cref="CompiledInner.AppliesTo"/>): the caller then parses fully and applies that way.
    /// </summary>
    public readonly bool TryApplyFlow(PacketBuffer buffer, in FlowHeaders headers, in CompiledInner inner, uint flowHash,
        ChecksumOffload offload) =>
        TryApplyFlowWith(buffer, in headers, in inner, flowHash, offload);

    /// <summary>As <see cref="TryApplyFlow(PacketBuffer, in FlowHeaders, in CompiledInner, uint, ChecksumOffload)"/>, with the narrow form of the flow's rewrites.</summary>
    public readonly bool TryApplyFlow(PacketBuffer buffer, in FlowHeaders headers, in FlowRewriteView inner, uint flowHash,
        ChecksumOffload offload) =>
        TryApplyFlowWith(buffer, in headers, in inner, flowHash, offload);

    // Not inlined into the caller (the port's lean hit): the push and pop code is large, and inlined there it left the
    // rewrite's small helpers without inlining budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly bool TryApplyFlowWith<T>(PacketBuffer buffer, in FlowHeaders headers, in T inner, uint flowHash,
        ChecksumOffload offload)
        where T : struct, IFlowRewrite, allows ref struct
    {
        Span<byte> frame = buffer.Frame;
        if ((uint)headers.Length > (uint)frame.Length || !inner.AppliesTo(in headers))
        {
            return false;
        }

        CompiledOuter outer = _outer;
        if (outer == CompiledOuter.PushAll)
        {
            if (headers.IsEncapsulated || _outerLength > buffer.FreeFront)
            {
                return false;
            }

            InnerRewriter.RewriteFlowBytes(frame, in headers, in inner, offload);
            PushBytes(buffer, headers.Length, flowHash);
            return true;
        }

        if (outer == CompiledOuter.PopAll)
        {
            if (!headers.IsEncapsulated)
            {
                return false;
            }

            InnerRewriter.RewriteFlowBytes(frame, in headers, in inner, offload);
            PopBytes(buffer, headers.Length, headers.EtherOffset);
            return true;
        }

        if (!_valid)
        {
            return false;
        }

        InnerRewriter.RewriteFlowBytes(frame, in headers, in inner, offload);
        return true;
    }

    private readonly void Push(PacketBuffer buffer, ref ParsedPacket packet, uint flowHash)
    {
        ushort entropy = PushBytes(buffer, packet.Length, flowHash);
        packet.ShiftInner(_outerLength);
        packet._outer = _outerView;
        packet._outer.UdpSrcPort = entropy;
    }

    /// <summary>
    /// The bytes of a push: drops anything after the packet's <paramref name="packetLength"/> bytes (Ethernet padding),
    /// then writes the outer stack in front with its lengths and entropy filled in. The caller checked the headroom.
    /// Returns the outer UDP source port written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ushort PushBytes(PacketBuffer buffer, int packetLength, uint flowHash)
    {
        int outerLength = _outerLength;
        int total = outerLength + packetLength;
        ref byte start = ref buffer.TruncateAndPush(packetLength, outerLength);
        ref byte template = ref Unsafe.As<OuterHeaderTemplate, byte>(ref Unsafe.AsRef(in _template));
        if (buffer.Start >= MaxOuterLength - outerLength)
        {
            // SAFETY: the block's first byte lands MaxOuterLength - outerLength bytes before the new frame start,
            // which the check above keeps inside the buffer's storage (headroom in front of the frame is scratch).
            // A constant-size copy is a few vector moves; its last outerLength bytes are the stack.
            Unsafe.CopyBlockUnaligned(ref Unsafe.Subtract(ref start, MaxOuterLength - outerLength), ref template, MaxOuterLength);
        }
        else
        {
            // SAFETY: exactly the stack, into the outerLength bytes TruncateAndPush just reserved.
            Unsafe.CopyBlockUnaligned(ref start, ref Unsafe.Add(ref template, MaxOuterLength - outerLength), (uint)outerLength);
        }

        // SAFETY: every offset below lies inside the outerLength bytes just written.
        int ipOffset = _outerView.IpOffset;
        if (_outerView.IpVersion == 4)
        {
            ushort totalLength = (ushort)(total - ipOffset);
            NetworkOrder.Write16(ref start, ipOffset + 2, totalLength);
            NetworkOrder.Write16(ref start, ipOffset + 10, InternetChecksum.Finish(_ipv4HeaderSum + totalLength));
        }
        else
        {
            NetworkOrder.Write16(ref start, ipOffset + 4, (ushort)(total - ipOffset - Ipv6Header.Length));
        }

        int udpOffset = _outerView.UdpOffset;
        ushort entropy = _entropy != 0 ? _entropy : InnerFlowId.EntropyFromHash(flowHash);
        NetworkOrder.Write32(ref start, udpOffset, ((uint)entropy << 16) | PacketParser.GenevePort);
        NetworkOrder.Write16(ref start, udpOffset + 4, (ushort)(total - udpOffset));
        return entropy;
    }

    private static void Pop(PacketBuffer buffer, ref ParsedPacket packet)
    {
        int outerLength = packet.EtherOffset;
        PopBytes(buffer, packet.Length, outerLength);
        packet.ShiftInner(-outerLength);
        packet._outer = default;
    }

    /// <summary>The bytes of a pop: drops Ethernet padding after the packet, then the <paramref name="outerLength"/> bytes of outer headers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PopBytes(PacketBuffer buffer, int packetLength, int outerLength)
    {
        buffer.TryTruncate(packetLength);
        buffer.TryPop(outerLength);
    }
}
