using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The narrow form of a <see cref="CompiledInner"/>, 32 bytes: everything a UFT hit reads to write a flow's inner
/// rewrites from its <see cref="FlowHeaders"/> — MACs, IPv4 addresses in 4 bytes, ports, the precomputed checksum
/// deltas and which fields change — so a flow's hot UFT slot fits two cache lines. It writes the same bytes as the
/// compiled inner it came from (<see cref="TryCreate"/> declines what it cannot hold: IPv6 address rewrites, an
/// IP-version contradiction); the full path keeps using the <see cref="CompiledInner"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public readonly struct FlowRewrite : IFlowRewrite
{
    private const byte EtherSetMask = 0b11;
    private const byte Ipv4Required = 1 << 2;
    private const byte Ipv6Required = 1 << 3;
    // The rewrite changes no address or port and sets no IP or L4 field: it applies to any protocol.
    private const byte NoFieldSet = 1 << 4;
    private const byte Valid = 1 << 7;

    private readonly uint _ipv4Src;
    private readonly uint _ipv4Dst;
    private readonly uint _etherSrcHigh;
    private readonly ushort _etherSrcLow;
    private readonly uint _etherDstHigh;
    private readonly ushort _etherDstLow;
    private readonly ushort _srcPort;
    private readonly ushort _dstPort;
    private readonly ushort _addressDelta;
    private readonly ushort _upperLayerDelta;
    private readonly ushort _ipv4AddressSum;
    private readonly FlowRewriteChanges _changes;
    private readonly byte _shape;

    private FlowRewrite(in CompiledInner inner, byte shape)
    {
        ref readonly InnerRewrite rewrite = ref inner.Rewrite;
        FlowRewriteChanges changes = inner.Changes;
        _ipv4Src = (changes & FlowRewriteChanges.SrcIp) != 0 ? rewrite.IpSrc.Ipv4 : 0;
        _ipv4Dst = (changes & FlowRewriteChanges.DstIp) != 0 ? rewrite.IpDst.Ipv4 : 0;
        _etherSrcHigh = (uint)(rewrite.EtherSrc.Value >> 16);
        _etherSrcLow = (ushort)rewrite.EtherSrc.Value;
        _etherDstHigh = (uint)(rewrite.EtherDst.Value >> 16);
        _etherDstLow = (ushort)rewrite.EtherDst.Value;
        _srcPort = rewrite.SrcPort;
        _dstPort = rewrite.DstPort;
        _addressDelta = inner.AddressDelta;
        _upperLayerDelta = inner.UpperLayerDelta;
        _ipv4AddressSum = inner.Ipv4AddressSum;
        _changes = changes;
        _shape = shape;
    }

    /// <summary>False for the default value: no narrow form (use the <see cref="CompiledInner"/>).</summary>
    public bool IsValid => (_shape & Valid) != 0;

    /// <summary>
    /// The narrow form of <paramref name="inner"/>; false when it has none: an address rewrite that is not IPv4, or a
    /// rewrite no packet can take (an IPv4 and an IPv6 address).
    /// </summary>
    public static bool TryCreate(in CompiledInner inner, out FlowRewrite rewrite)
    {
        ref readonly InnerRewrite fields = ref inner.Rewrite;
        FlowRewriteChanges changes = inner.Changes;
        byte shape = (byte)(Valid | ((byte)fields.EtherSet & EtherSetMask));
        switch (fields.RequiredIpVersion)
        {
            case 0:
                break;
            case 4:
                shape |= Ipv4Required;
                break;
            case 6:
                shape |= Ipv6Required;
                break;
            default:
                rewrite = default;
                return false;
        }

        if (((changes & FlowRewriteChanges.SrcIp) != 0 && !fields.IpSrc.IsIpv4) ||
            ((changes & FlowRewriteChanges.DstIp) != 0 && !fields.IpDst.IsIpv4))
        {
            rewrite = default;
            return false;
        }

        if (fields.IpSet == 0 && fields.UlpSet == 0)
        {
            shape |= NoFieldSet;
        }

        rewrite = new FlowRewrite(in inner, shape);
        return true;
    }

    EtherFields IFlowRewrite.EtherSet { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => (EtherFields)(_shape & EtherSetMask); }
    MacAddress IFlowRewrite.EtherSrc { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(((ulong)_etherSrcHigh << 16) | _etherSrcLow); }
    MacAddress IFlowRewrite.EtherDst { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(((ulong)_etherDstHigh << 16) | _etherDstLow); }
    IpAddr IFlowRewrite.IpSrc { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => IpAddr.FromIpv4(_ipv4Src); }
    IpAddr IFlowRewrite.IpDst { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => IpAddr.FromIpv4(_ipv4Dst); }
    ushort IFlowRewrite.SrcPort { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _srcPort; }
    ushort IFlowRewrite.DstPort { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _dstPort; }
    ushort IFlowRewrite.AddressDelta { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _addressDelta; }
    ushort IFlowRewrite.UpperLayerDelta { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _upperLayerDelta; }
    ushort IFlowRewrite.Ipv4AddressSum { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _ipv4AddressSum; }
    FlowRewriteChanges IFlowRewrite.Changes { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _changes; }


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    bool IFlowRewrite.AppliesTo(in FlowHeaders headers) => AppliesTo(in headers);


    /// <summary>As <see cref="CompiledInner.AppliesTo"/> of the compiled inner this came from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool AppliesTo(in FlowHeaders headers)
    {
        byte shape = _shape;
        if (((shape & Ipv4Required) != 0 && headers.IpVersion != 4) || ((shape & Ipv6Required) != 0 && headers.IpVersion != 6))
        {
            return false;
        }

        FlowRewriteChanges changes = _changes;
        if (changes == FlowRewriteChanges.None)
        {
            return (shape & NoFieldSet) != 0;
        }

        return headers.Flow.Protocol == ((changes & FlowRewriteChanges.Tcp) != 0 ? IpProtocol.Tcp : IpProtocol.Udp);
    }

    /// <summary>As <see cref="CompiledInner.TryApplyFlow"/> (rewrites alone, no outer-header work).</summary>
    public bool TryApplyFlow(PacketBuffer buffer, in FlowHeaders headers, ChecksumOffload offload = ChecksumOffload.None) =>
        InnerRewriter.TryApplyFlow(buffer, in headers, in this, offload);
}
