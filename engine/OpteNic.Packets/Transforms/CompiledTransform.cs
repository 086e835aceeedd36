using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// A UFT entry's transformations folded into one fast operation (behaviour §1, "compiled"): precomputed outer header
/// bytes (Ethernet with zero MACs as pushed, IP, UDP, Geneve with options) with only lengths, the IPv4 header checksum
/// and (if asked) the entropy port filled per packet, or a pop of all outer headers; plus the inner field rewrites
/// applied in place with incremental checksum updates. Produces exactly the bytes replaying each transformation with
/// <see cref="HeaderTransformer"/> would. A value type with inline storage: keep it inside the UFT entry and call
/// <see cref="Apply"/> on it in place (it is ~0.4 KB; do not copy it per packet).
/// </summary>
public struct CompiledTransform
{
    private OuterHeaderTemplate _template;
    private EtherTransform _innerEther;
    private IpTransform _innerIp;
    private UlpTransform _innerUlp;
    private IpAddr _outerIpSrc;
    private IpAddr _outerIpDst;
    private MacAddress _outerEtherSrc;
    private MacAddress _outerEtherDst;
    private GeneveOptions _options;
    private uint _vni;
    private uint _ipv4HeaderSum;
    private ushort _entropy;
    private byte _outerLength;
    private byte _etherLength;
    private byte _ipLength;
    private byte _ipVersion;
    private byte _geneveLength;
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
        compiled._innerEther = composed.InnerEther;
        compiled._innerIp = composed.InnerIp;
        compiled._innerUlp = composed.InnerUlp;
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
        if (length > HeaderTransformer.MaxOuterLength || length > byte.MaxValue)
        {
            return false;
        }

        // Write the stack exactly as replay would for an empty inner frame, then keep the length-free checksum sum.
        Span<byte> template = _template;
        EtherTransform ether = composed.OuterEther;
        int position = new EthernetHeader(ether.Dst, ether.Src, ether.EtherType).WriteTo(template);
        byte hopLimit = ip.HopLimit == 0 ? (byte)64 : ip.HopLimit;
        if (ip.IsIpv4)
        {
            position += new Ipv4Header(ip.Src, ip.Dst, ip.Protocol, 0) { Flags = ip.Ipv4Flags, Ttl = hopLimit }.WriteTo(template.Slice(position));
            BinaryPrimitives.WriteUInt16BigEndian(template.Slice(EthernetHeader.BaseLength + 10), 0);
            _ipv4HeaderSum = InternetChecksum.PartialSum(template.Slice(EthernetHeader.BaseLength, Ipv4Header.Length));
            _ipVersion = 4;
        }
        else
        {
            ReadOnlySpan<byte> extensions = ip.Ipv6ExtensionHeaders.Span;
            IpProtocol next = extensions.IsEmpty ? ip.Protocol : ip.FirstExtensionHeader;
            position += new Ipv6Header(ip.Src, ip.Dst, next, 0) { HopLimit = hopLimit }.WriteTo(template.Slice(position));
            extensions.CopyTo(template.Slice(position));
            position += extensions.Length;
            _ipVersion = 6;
        }

        EncapTransform encap = composed.OuterEncap;
        _entropy = encap.Entropy;
        _vni = encap.Vni & 0xFF_FFFF;
        _options = encap.Options;
        position += new UdpHeader(encap.Entropy, PacketParser.GenevePort, 0).WriteTo(template.Slice(position));
        int geneveLength = new GeneveHeader(_vni, encap.Options).WriteTo(template.Slice(position));
        position += geneveLength;

        _outerLength = (byte)position;
        _etherLength = EthernetHeader.BaseLength;
        _ipLength = (byte)ipLength;
        _geneveLength = (byte)geneveLength;
        _outerEtherSrc = ether.Src;
        _outerEtherDst = ether.Dst;
        _outerIpSrc = ip.Src;
        _outerIpDst = ip.Dst;
        return true;
    }

    /// <summary>
    /// Applies the compiled entry to <paramref name="packet"/>. On error nothing was changed. <paramref name="flowHash"/>
    /// gives the Geneve entropy when the push left it 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TransformError Apply(PacketBuffer buffer, ref ParsedPacket packet, uint flowHash = 0, ChecksumOffload offload = ChecksumOffload.None)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!_valid)
        {
            return TransformError.Unsupported;
        }

        TransformError error = InnerRewriter.Validate(packet, _innerEther, _innerIp);
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

                InnerRewriter.Rewrite(buffer.Frame, ref packet, _innerEther, _innerIp, _innerUlp, offload);
                Push(buffer, ref packet, flowHash);
                return TransformError.None;

            case CompiledOuter.PopAll:
                if (packet.OuterEtherLength == 0 || packet.OuterIpLength == 0 || packet.GeneveLength == 0)
                {
                    return TransformError.MissingHeader;
                }

                InnerRewriter.Rewrite(buffer.Frame, ref packet, _innerEther, _innerIp, _innerUlp, offload);
                Pop(buffer, ref packet);
                return TransformError.None;

            default:
                InnerRewriter.Rewrite(buffer.Frame, ref packet, _innerEther, _innerIp, _innerUlp, offload);
                return TransformError.None;
        }
    }

    private readonly void Push(PacketBuffer buffer, ref ParsedPacket packet, uint flowHash)
    {
        int outerLength = _outerLength;
        int total = outerLength + packet.Length;
        buffer.TryTruncate(packet.Length);
        buffer.TryPush(outerLength, out Span<byte> header);
        ((ReadOnlySpan<byte>)_template).Slice(0, outerLength).CopyTo(header);

        int ipOffset = _etherLength;
        if (_ipVersion == 4)
        {
            ushort totalLength = (ushort)(total - ipOffset);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(ipOffset + 2), totalLength);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(ipOffset + 10), InternetChecksum.Finish(_ipv4HeaderSum + totalLength));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(ipOffset + 4), (ushort)(total - ipOffset - Ipv6Header.Length));
        }

        int udpOffset = ipOffset + _ipLength;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(udpOffset + 4), (ushort)(total - udpOffset));
        ushort entropy = _entropy != 0 ? _entropy : InnerFlowId.EntropyFromHash(flowHash);
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(udpOffset), entropy);

        packet.ShiftInner(outerLength);
        packet.OuterEtherOffset = 0;
        packet.OuterEtherLength = _etherLength;
        packet.OuterEtherSrc = _outerEtherSrc;
        packet.OuterEtherDst = _outerEtherDst;
        packet.OuterIpOffset = ipOffset;
        packet.OuterIpLength = _ipLength;
        packet.OuterIpVersion = _ipVersion;
        packet.OuterIpSrc = _outerIpSrc;
        packet.OuterIpDst = _outerIpDst;
        packet.OuterUdpOffset = udpOffset;
        packet.OuterUdpSrcPort = entropy;
        packet.GeneveOffset = udpOffset + UdpHeader.Length;
        packet.GeneveLength = _geneveLength;
        packet.GeneveVni = _vni;
        packet.GeneveOptions = _options;
        packet.IsEncapsulated = true;
    }

    private static void Pop(PacketBuffer buffer, ref ParsedPacket packet)
    {
        int outerLength = packet.EtherOffset;
        buffer.TryTruncate(packet.Length);
        buffer.TryPop(outerLength);
        packet.ShiftInner(-outerLength);
        packet.OuterEtherOffset = 0;
        packet.OuterEtherLength = 0;
        packet.OuterEtherSrc = default;
        packet.OuterEtherDst = default;
        packet.OuterIpOffset = 0;
        packet.OuterIpLength = 0;
        packet.OuterIpVersion = 0;
        packet.OuterIpSrc = default;
        packet.OuterIpDst = default;
        packet.OuterUdpOffset = 0;
        packet.OuterUdpSrcPort = 0;
        packet.GeneveOffset = 0;
        packet.GeneveLength = 0;
        packet.GeneveVni = 0;
        packet.GeneveOptions = default;
        packet.IsEncapsulated = false;
    }
}
