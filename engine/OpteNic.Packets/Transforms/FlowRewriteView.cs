using System.Runtime.CompilerServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// A narrow rewrite read in place from where a table keeps its two halves (the flow's <see cref="FlowRewriteFields"/>
/// in its slot, the shared <see cref="FlowRewriteMacs"/> in a pool): the byte writer reads each field through a
/// reference, so a UFT hit copies nothing. Copying the halves into one value first cost ≈ 5 ns a packet (a 32-byte
/// load of two smaller stores defeats store forwarding).
/// </summary>
public readonly ref struct FlowRewriteView : IFlowRewrite
{
    private readonly ref readonly FlowRewriteFields _fields;
    private readonly ref readonly FlowRewriteMacs _macs;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FlowRewriteView(ref readonly FlowRewriteFields fields, ref readonly FlowRewriteMacs macs)
    {
        _fields = ref fields;
        _macs = ref macs;
    }

    EtherFields IFlowRewrite.EtherSet { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.EtherSet; }
    MacAddress IFlowRewrite.EtherSrc { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _macs.Src; }
    MacAddress IFlowRewrite.EtherDst { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _macs.Dst; }
    IpAddr IFlowRewrite.IpSrc { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => IpAddr.FromIpv4(_fields.Ipv4Src); }
    IpAddr IFlowRewrite.IpDst { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => IpAddr.FromIpv4(_fields.Ipv4Dst); }
    ushort IFlowRewrite.SrcPort { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.SrcPort; }
    ushort IFlowRewrite.DstPort { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.DstPort; }
    ushort IFlowRewrite.AddressDelta { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.AddressDelta; }
    ushort IFlowRewrite.UpperLayerDelta { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.UpperLayerDelta; }
    ushort IFlowRewrite.Ipv4AddressSum { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.Ipv4AddressSum; }
    FlowRewriteChanges IFlowRewrite.Changes { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _fields.Changes; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    bool IFlowRewrite.AppliesTo(in FlowHeaders headers) => _fields.AppliesTo(in headers);

    /// <summary>As <see cref="CompiledInner.TryApplyFlow"/> (rewrites alone, no outer-header work).</summary>
    public bool TryApplyFlow(PacketBuffer buffer, in FlowHeaders headers, ChecksumOffload offload = ChecksumOffload.None) =>
        InnerRewriter.TryApplyFlow(buffer, in headers, in this, offload);
}
