using System.Runtime.CompilerServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The per-flow half of a split compiled UFT entry: only the inner field rewrites (MACs, addresses, ports, flags)
/// with incremental checksum updates, ≈ 72 bytes instead of a whole <see cref="CompiledTransform"/> (≈ 0.3 KB); a UFT
/// slot keeps its narrow form (<see cref="FlowRewrite"/>: the per-flow fields in the slot, the MACs in a shared pool) when it has one. The outer half (push or pop of the outer headers) is a
/// <see cref="CompiledTransform"/> shared by every flow to the same destination; see
/// <see cref="CompiledTransform.Apply(PacketBuffer, ref ParsedPacket, in CompiledInner, uint, ChecksumOffload)"/>.
/// </summary>
public readonly struct CompiledInner : IFlowRewrite
{
    internal readonly InnerRewrite Rewrite;

    // Per-flow checksum work, precomputed when compiled against the flow's key (TCP/UDP, addresses and ports only):
    // folded one's complement deltas, non-zero whenever a field changes (so they fold exactly like the per-packet
    // unfolded sums would), and which fields change. A UFT slot holds these in the narrow form (FlowRewriteFields).
    internal readonly ushort AddressDelta;
    internal readonly ushort UpperLayerDelta;
    internal readonly FlowRewriteChanges Changes;

    // IPv4 flows whose addresses change: the folded sum of the two addresses as rewritten (the flow key fixes the one
    // left alone), so a hit recomputes a 20-byte header's checksum from the fields that vary per packet plus this.
    internal readonly ushort Ipv4AddressSum;

    private CompiledInner(in InnerRewrite rewrite) => Rewrite = rewrite;

    private CompiledInner(in InnerRewrite rewrite, ushort addressDelta, ushort upperLayerDelta, FlowRewriteChanges changes,
        ushort ipv4AddressSum)
    {
        Rewrite = rewrite;
        AddressDelta = addressDelta;
        UpperLayerDelta = upperLayerDelta;
        Changes = changes;
        Ipv4AddressSum = ipv4AddressSum;
    }

    /// <summary>True when there is no field to rewrite (and no inner header required).</summary>
    public bool IsEmpty => Rewrite.EtherSet == 0 && Rewrite.IpSet == 0 && Rewrite.UlpSet == 0 && !Rewrite.IpModify;

    /// <summary>True when compiled against a flow with its checksum deltas worked out in advance (a TCP/UDP flow whose rewrite sets only addresses and ports).</summary>
    public bool HasPrecomputedChecksums => Changes != FlowRewriteChanges.None;

    /// <summary>
    /// Compiles the inner slots of <paramref name="transform"/> (its outer slots are ignored: they belong to the shared
    /// half). False when an inner slot is a push or pop, which only replay supports.
    /// </summary>
    public static bool TryCompile(in HeaderTransform transform, out CompiledInner inner)
    {
        var rewrite = new InnerRewrite(transform.InnerEther, transform.InnerIp, transform.InnerUlp);
        inner = new CompiledInner(in rewrite);
        return !rewrite.Structural;
    }

    /// <summary>
    /// As <see cref="TryCompile(in HeaderTransform, out CompiledInner)"/>, for the packets of one flow only (a UFT entry,
    /// whose lookup guarantees every packet it is applied to has <paramref name="flow"/>'s addresses, protocol and
    /// ports): for a TCP or UDP flow whose rewrite sets only addresses and ports, the checksum deltas are worked out
    /// here once instead of per packet. The bytes written are exactly those of the per-flow-agnostic form; packets of
    /// that flow without an upper-layer header (non-first fragments) take the generic rewrite.
    /// </summary>
    public static bool TryCompile(in HeaderTransform transform, in InnerFlowId flow, out CompiledInner inner)
    {
        var rewrite = new InnerRewrite(transform.InnerEther, transform.InnerIp, transform.InnerUlp);
        inner = new CompiledInner(in rewrite);
        if (rewrite.Structural)
        {
            return false;
        }

        IpProtocol protocol = flow.Protocol;
        byte version = flow.IsIpv4 ? (byte)4 : (byte)6;
        // TCP flags change per packet (and only TCP has them); the echo identifier is ICMP's, never applied to TCP/UDP.
        UlpFields ignoredUlp = protocol == IpProtocol.Udp ? UlpFields.TcpFlags | UlpFields.IcmpEchoId : UlpFields.IcmpEchoId;
        if (protocol is not (IpProtocol.Tcp or IpProtocol.Udp) || !rewrite.IpModify ||
            (rewrite.IpSet & ~(IpFields.Src | IpFields.Dst)) != 0 ||
            (rewrite.UlpSet & ~(UlpFields.SrcPort | UlpFields.DstPort | ignoredUlp)) != 0 ||
            (rewrite.RequiredIpVersion != 0 && rewrite.RequiredIpVersion != version))
        {
            return true;
        }

        // The same sums, in the same order, that InnerRewriter computes per packet from these old values.
        FlowRewriteChanges changes = protocol == IpProtocol.Tcp ? FlowRewriteChanges.Tcp : FlowRewriteChanges.Udp;
        ulong addressDelta = 0;
        if ((rewrite.IpSet & IpFields.Src) != 0 && flow.Src != rewrite.IpSrc)
        {
            addressDelta = InternetChecksum.AccumulateChange(addressDelta, flow.Src.High, rewrite.IpSrc.High, ulong.MaxValue);
            addressDelta = InternetChecksum.AccumulateChange(addressDelta, flow.Src.Low, rewrite.IpSrc.Low, ulong.MaxValue);
            changes |= FlowRewriteChanges.SrcIp;
        }

        if ((rewrite.IpSet & IpFields.Dst) != 0 && flow.Dst != rewrite.IpDst)
        {
            addressDelta = InternetChecksum.AccumulateChange(addressDelta, flow.Dst.High, rewrite.IpDst.High, ulong.MaxValue);
            addressDelta = InternetChecksum.AccumulateChange(addressDelta, flow.Dst.Low, rewrite.IpDst.Low, ulong.MaxValue);
            changes |= FlowRewriteChanges.DstIp;
        }

        ulong portDelta = 0;
        if ((rewrite.UlpSet & UlpFields.SrcPort) != 0 && flow.SrcPort != rewrite.SrcPort)
        {
            portDelta = InternetChecksum.AccumulateChange(portDelta, flow.SrcPort, rewrite.SrcPort, 0xFFFF);
            changes |= FlowRewriteChanges.SrcPort;
        }

        if ((rewrite.UlpSet & UlpFields.DstPort) != 0 && flow.DstPort != rewrite.DstPort)
        {
            portDelta = InternetChecksum.AccumulateChange(portDelta, flow.DstPort, rewrite.DstPort, 0xFFFF);
            changes |= FlowRewriteChanges.DstPort;
        }

        ushort ipv4AddressSum = 0;
        if (version == 4 && (changes & (FlowRewriteChanges.SrcIp | FlowRewriteChanges.DstIp)) != 0)
        {
            uint src = (changes & FlowRewriteChanges.SrcIp) != 0 ? rewrite.IpSrc.Ipv4 : flow.Src.Ipv4;
            uint dst = (changes & FlowRewriteChanges.DstIp) != 0 ? rewrite.IpDst.Ipv4 : flow.Dst.Ipv4;
            ipv4AddressSum = (ushort)InternetChecksum.Fold((ulong)src + dst);
        }

        // Folding a non-zero sum never gives zero, and a changed field always makes its sum non-zero, so the folded
        // deltas added to a checksum give the very bits the unfolded ones would.
        inner = new CompiledInner(in rewrite, (ushort)InternetChecksum.Fold(addressDelta),
            (ushort)InternetChecksum.Fold(InternetChecksum.AddWithCarry(addressDelta, portDelta)), changes, ipv4AddressSum);
        return true;
    }

    /// <summary>
    /// True when these rewrites can be applied to a packet known only by its <see cref="FlowHeaders"/>: they change at
    /// most MACs, addresses and ports with checksum deltas precomputed for the packet's protocol, or only MACs, and hold
    /// no IP version the packet lacks. Anything else needs the full parse (and may fail there with its own error).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool AppliesTo(in FlowHeaders headers)
    {
        ref readonly InnerRewrite rewrite = ref Rewrite;
        if (rewrite.RequiredIpVersion != 0 && rewrite.RequiredIpVersion != headers.IpVersion)
        {
            return false;
        }

        FlowRewriteChanges changes = Changes;
        if (changes == FlowRewriteChanges.None)
        {
            return rewrite.IpSet == 0 && rewrite.UlpSet == 0;
        }

        return headers.Flow.Protocol == ((changes & FlowRewriteChanges.Tcp) != 0 ? IpProtocol.Tcp : IpProtocol.Udp);
    }

    EtherFields IFlowRewrite.EtherSet { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.EtherSet; }
    MacAddress IFlowRewrite.EtherSrc { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.EtherSrc; }
    MacAddress IFlowRewrite.EtherDst { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.EtherDst; }
    IpAddr IFlowRewrite.IpSrc { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.IpSrc; }
    IpAddr IFlowRewrite.IpDst { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.IpDst; }
    ushort IFlowRewrite.SrcPort { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.SrcPort; }
    ushort IFlowRewrite.DstPort { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Rewrite.DstPort; }
    ushort IFlowRewrite.AddressDelta { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => AddressDelta; }
    ushort IFlowRewrite.UpperLayerDelta { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => UpperLayerDelta; }
    ushort IFlowRewrite.Ipv4AddressSum { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Ipv4AddressSum; }
    FlowRewriteChanges IFlowRewrite.Changes { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Changes; }


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    bool IFlowRewrite.AppliesTo(in FlowHeaders headers) => AppliesTo(in headers);


    /// <summary>
    /// The UFT hit form of <see cref="Apply"/>, for a packet read by <see cref="PacketParser.TryParseFlow"/> from this
    /// buffer's frame: the same bytes, without a full parse or a <see cref="ParsedPacket"/> to keep in step. False, with
    /// nothing changed, when the rewrites need the full form (see <see cref="AppliesTo"/>).
    /// </summary>
    public bool TryApplyFlow(PacketBuffer buffer, in FlowHeaders headers, ChecksumOffload offload = ChecksumOffload.None) =>
        InnerRewriter.TryApplyFlow(buffer, in headers, in this, offload);

    /// <summary>
    /// Applies the rewrites alone (an entry with no outer-header work). On error nothing was changed. An inner compiled
    /// against a flow must be applied only to that flow's packets.
    /// </summary>
    public TransformError Apply(PacketBuffer buffer, ref ParsedPacket packet, ChecksumOffload offload = ChecksumOffload.None)
    {
        Span<byte> frame = buffer.Frame;
        TransformError error = InnerRewriter.Validate(packet, Rewrite, frame.Length);
        if (error != TransformError.None)
        {
            return error;
        }

        InnerRewriter.Rewrite(frame, ref packet, in this, offload);
        return TransformError.None;
    }
}
