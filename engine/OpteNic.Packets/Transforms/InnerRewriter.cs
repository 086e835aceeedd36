using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using static OpteNic.Packets.NetworkOrder;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// In-place rewrites of the inner Ethernet, IP and upper-layer fields with incremental checksum updates; shared by
/// replay (<see cref="HeaderTransformer"/>) and compiled entries (<see cref="CompiledTransform"/>) so both give the
/// same bytes. Callers validate first (<see cref="Validate"/>); rewriting then cannot fail.
/// </summary>
internal static class InnerRewriter
{
    /// <summary>
    /// Checks that <paramref name="rewrite"/> can be applied to <paramref name="packet"/> inside a frame of
    /// <paramref name="frameLength"/> bytes without touching it. The frame check also keeps the unchecked stores of
    /// <see cref="Rewrite"/> inside the frame: every header a parsed packet records ends at or before its
    /// <see cref="ParsedPacket.Length"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TransformError Validate(in ParsedPacket packet, in InnerRewrite rewrite, int frameLength)
    {
        if (rewrite.Structural)
        {
            return TransformError.Unsupported;
        }

        if (packet.EtherLength == 0 || (uint)packet.Length > (uint)frameLength)
        {
            // Not a packet parsed from this frame (a default value, or another frame's view).
            return TransformError.MissingHeader;
        }

        if (rewrite.IpModify)
        {
            if (packet.IpVersion == 0)
            {
                return TransformError.MissingHeader;
            }

            if (rewrite.RequiredIpVersion != 0 && rewrite.RequiredIpVersion != packet.IpVersion)
            {
                return TransformError.FamilyMismatch;
            }
        }

        return TransformError.None;
    }

    /// <summary>
    /// Applies a compiled entry's inner rewrites (validated as <see cref="Validate"/>). When its checksum deltas were
    /// precomputed for its flow (<see cref="CompiledInner.TryCompile(in HeaderTransform, in InnerFlowId, out CompiledInner)"/>;
    /// the packet is of that flow) only the stores and one update per checksum remain; otherwise the generic rewrite.
    /// Same bytes either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rewrite(Span<byte> frame, ref ParsedPacket packet, in CompiledInner inner, ChecksumOffload offload)
    {
        FlowRewriteChanges changes = inner.Changes;
        IpProtocol expected = (changes & FlowRewriteChanges.Tcp) != 0 ? IpProtocol.Tcp : IpProtocol.Udp;
        if (changes == FlowRewriteChanges.None || !packet.HasUlp || packet.Protocol != expected)
        {
            Rewrite(frame, ref packet, inner.Rewrite, offload);
            return;
        }

        RewriteFlow(frame, ref packet, in inner, changes, offload);
    }

    /// <summary>The precomputed form of <see cref="Rewrite(Span{byte}, ref ParsedPacket, in InnerRewrite, ChecksumOffload)"/> for a TCP/UDP packet of the entry's flow.</summary>
    private static void RewriteFlow(Span<byte> frame, ref ParsedPacket packet, in CompiledInner inner, FlowRewriteChanges changes,
        ChecksumOffload offload)
    {
        // SAFETY: as Rewrite: Validate checked packet.Length <= frame.Length, and every offset passed belongs to a header
        // the parser found inside the first packet.Length bytes (the packet has its upper-layer header: checked by the caller).
        RewriteFlowBytes(ref MemoryMarshal.GetReference(frame), packet.EtherOffset, packet.IpOffset, packet.IpHeaderLength,
            packet.IpVersion == 4, packet.UlpOffset, in inner, changes, offload);
        ref readonly InnerRewrite rewrite = ref inner.Rewrite;
        UpdateEtherView(ref packet, rewrite);
        if ((changes & FlowRewriteChanges.SrcIp) != 0)
        {
            packet.SrcIp = rewrite.IpSrc;
        }

        if ((changes & FlowRewriteChanges.DstIp) != 0)
        {
            packet.DstIp = rewrite.IpDst;
        }

        if ((changes & FlowRewriteChanges.SrcPort) != 0)
        {
            packet.SrcPort = rewrite.SrcPort;
        }

        if ((changes & FlowRewriteChanges.DstPort) != 0)
        {
            packet.DstPort = rewrite.DstPort;
        }
    }

    /// <summary>
    /// Writes <paramref name="rewrite"/> (a flow's inner rewrites, compiled or narrow) into a packet read by
    /// <see cref="PacketParser.TryParseFlow(ReadOnlySpan{byte}, ParseMode, out FlowHeaders)"/> from this buffer's frame;
    /// false, with nothing changed, when they need the full form.
    /// </summary>
    internal static bool TryApplyFlow<T>(PacketBuffer buffer, in FlowHeaders headers, in T rewrite, ChecksumOffload offload)
        where T : struct, IFlowRewrite, allows ref struct
    {
        Span<byte> frame = buffer.Frame;
        if ((uint)headers.Length > (uint)frame.Length || !rewrite.AppliesTo(in headers))
        {
            return false;
        }

        RewriteFlowBytes(frame, in headers, in rewrite, offload);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="rewrite"/> into a frame read by <see cref="PacketParser.TryParseFlow(ReadOnlySpan{byte}, ParseMode, out FlowHeaders)"/>;
    /// the caller checked <see cref="IFlowRewrite.AppliesTo"/> and that <paramref name="headers"/> lie within the frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RewriteFlowBytes<T>(Span<byte> frame, in FlowHeaders headers, in T rewrite, ChecksumOffload offload)
        where T : struct, IFlowRewrite, allows ref struct =>
        // SAFETY: the offsets come from TryParseFlow over this frame: every header they name ends by headers.Length,
        // which the caller checked is within the frame.
        RewriteFlowBytes(ref MemoryMarshal.GetReference(frame), headers.EtherOffset, headers.IpOffset, headers.IpHeaderLength,
            headers.IpVersion == 4, headers.UlpOffset, in rewrite, rewrite.Changes, offload);

    /// <summary>
    /// The bytes <see cref="RewriteFlow"/> writes, from header offsets alone: what a UFT hit does to a packet it has only
    /// read the flow of (<see cref="FlowHeaders"/>), and what <see cref="RewriteFlow"/> does before updating its view.
    /// </summary>
    /// <remarks>SAFETY: the caller guarantees the headers at these offsets lie inside the frame behind <paramref name="origin"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RewriteFlowBytes<T>(ref byte origin, int etherOffset, int ipOffset, int ipHeaderLength, bool ipv4, int l4,
        in T inner, FlowRewriteChanges changes, ChecksumOffload offload)
        where T : struct, IFlowRewrite, allows ref struct
    {
        EtherFields etherSet = inner.EtherSet;
        if (etherSet != 0)
        {
            RewriteEtherBytes(ref origin, etherOffset, etherSet, inner.EtherSrc, inner.EtherDst);
        }

        if ((changes & (FlowRewriteChanges.SrcIp | FlowRewriteChanges.DstIp)) != 0)
        {
            // The IPv4 header checksum, recomputed: a 20-byte header from its per-packet fields (read before the
            // address stores and apart from them, so no store-to-load forwarding can fail) and the flow's rewritten
            // addresses' sum; a header with options from the whole header as it was plus the address delta.
            ushort ipv4Checksum = 0;
            if (ipv4)
            {
                ref byte header = ref Unsafe.Add(ref origin, ipOffset);
                ipv4Checksum = ipHeaderLength == Ipv4Header.Length
                    ? InternetChecksum.Ipv4FixedHeaderChecksum(ref header, inner.Ipv4AddressSum)
                    : InternetChecksum.FinishIpv4Header(InternetChecksum.Ipv4HeaderSum(ref header, ipHeaderLength), inner.AddressDelta);
            }

            if ((changes & FlowRewriteChanges.SrcIp) != 0)
            {
                WriteAddress(ref origin, ipOffset + (ipv4 ? 12 : 8), inner.IpSrc, ipv4);
            }

            if ((changes & FlowRewriteChanges.DstIp) != 0)
            {
                WriteAddress(ref origin, ipOffset + (ipv4 ? 16 : 24), inner.IpDst, ipv4);
            }

            if (ipv4)
            {
                Write16(ref origin, ipOffset + 10, ipv4Checksum);
            }
        }

        if ((changes & FlowRewriteChanges.SrcPort) != 0)
        {
            Write16(ref origin, l4, inner.SrcPort);
        }

        if ((changes & FlowRewriteChanges.DstPort) != 0)
        {
            Write16(ref origin, l4 + 2, inner.DstPort);
        }

        const FlowRewriteChanges anyField = FlowRewriteChanges.SrcIp | FlowRewriteChanges.DstIp | FlowRewriteChanges.SrcPort | FlowRewriteChanges.DstPort;
        if ((offload & ChecksumOffload.InnerL4) != 0 || (changes & anyField) == 0)
        {
            // Untouched flows keep their checksums.
            return;
        }

        bool udp = (changes & FlowRewriteChanges.Udp) != 0;
        int checksumOffset = l4 + (udp ? 6 : 16);
        Write16(ref origin, checksumOffset, InternetChecksum.ApplyFolded(Read16(ref origin, checksumOffset), inner.UpperLayerDelta, udp));
    }

    /// <summary>Applies the inner rewrites. <paramref name="packet"/> must have passed <see cref="Validate"/> for this frame.</summary>
    public static void Rewrite(Span<byte> frame, ref ParsedPacket packet, in InnerRewrite rewrite, ChecksumOffload offload)
    {
        // SAFETY: Validate checked packet.Length <= frame.Length, and every offset written below belongs to a header
        // the parser found (and transformations kept in step) inside the first packet.Length bytes.
        ref byte origin = ref MemoryMarshal.GetReference(frame);
        if (rewrite.EtherSet != 0)
        {
            RewriteEther(ref origin, ref packet, rewrite);
        }

        // Pseudo-header changes (TCP, UDP, ICMPv6 only) and changes inside the L4 header are kept apart because ICMPv4
        // has no pseudo-header. Both are unfolded one's complement sums (see InternetChecksum.AccumulateChange).
        ulong pseudoDelta = 0;
        bool pseudoChanged = false;
        IpProtocol layoutProtocol = packet.Protocol;
        if (rewrite.IpSet != 0)
        {
            pseudoChanged = RewriteIp(ref origin, ref packet, rewrite, ref pseudoDelta);
        }

        if (!packet.HasUlp)
        {
            return;
        }

        int l4 = packet.UlpOffset;
        ulong headerDelta = 0;
        bool headerChanged = false;
        if (rewrite.UlpSet != 0)
        {
            headerChanged = RewriteUlp(ref origin, ref packet, rewrite, layoutProtocol, l4, ref headerDelta);
        }

        if ((offload & ChecksumOffload.InnerL4) != 0 || !(pseudoChanged | headerChanged))
        {
            // Untouched flows keep their checksums.
            return;
        }

        ulong delta = InternetChecksum.AddWithCarry(pseudoDelta, headerDelta);
        switch (layoutProtocol)
        {
            case IpProtocol.Tcp:
                UpdateChecksum(ref origin, l4 + 16, delta, udp: false);
                break;
            case IpProtocol.Udp:
                UpdateChecksum(ref origin, l4 + 6, delta, udp: true);
                break;
            case IpProtocol.Icmpv6:
                UpdateChecksum(ref origin, l4 + 2, delta, udp: false);
                break;
            case IpProtocol.Icmp when headerChanged:
                UpdateChecksum(ref origin, l4 + 2, headerDelta, udp: false);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RewriteEther(ref byte origin, ref ParsedPacket packet, in InnerRewrite rewrite)
    {
        RewriteEtherBytes(ref origin, packet.EtherOffset, rewrite.EtherSet, rewrite.EtherSrc, rewrite.EtherDst);
        UpdateEtherView(ref packet, rewrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateEtherView(ref ParsedPacket packet, in InnerRewrite rewrite)
    {
        if ((rewrite.EtherSet & EtherFields.Dst) != 0)
        {
            packet.EtherDst = rewrite.EtherDst;
        }

        if ((rewrite.EtherSet & EtherFields.Src) != 0)
        {
            packet.EtherSrc = rewrite.EtherSrc;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RewriteEtherBytes(ref byte origin, int offset, EtherFields set, MacAddress src, MacAddress dst)
    {
        if ((set & EtherFields.Dst) != 0)
        {
            WriteMac(ref origin, offset, dst);
        }

        if ((set & EtherFields.Src) != 0)
        {
            WriteMac(ref origin, offset + 6, src);
        }
    }

    /// <summary>Rewrites the inner IP fields; true when any changed (the IPv4 header checksum is then recomputed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RewriteIp(ref byte origin, ref ParsedPacket packet, in InnerRewrite rewrite, ref ulong pseudoDelta)
    {
        IpFields set = rewrite.IpSet;
        bool ipv4 = packet.IpVersion == 4;
        int ipOffset = packet.IpOffset;
        int ipv4HeaderLength = packet.IpHeaderLength;
        bool changed = false;

        // The IPv4 header checksum is recomputed (not updated), but from the header as it is *before* the rewrite plus
        // the same one's complement delta as the pseudo-header: reading the header after the narrower address stores
        // would stall on failed store-to-load forwarding, and the result is identical (RFC 1071 §2(C)).
        ulong ipv4HeaderSum = ipv4 ? InternetChecksum.Ipv4HeaderSum(ref Unsafe.Add(ref origin, ipOffset), ipv4HeaderLength) : 0;
        ulong delta = 0;
        if ((set & IpFields.Src) != 0)
        {
            IpAddr old = packet.SrcIp;
            IpAddr updated = rewrite.IpSrc;
            if (old.High != updated.High || old.Low != updated.Low)
            {
                // IPv4 is held IPv4-mapped: the shared ::ffff: prefix cancels out of the sum, so one formula fits both families.
                delta = InternetChecksum.AccumulateChange(delta, old.High, updated.High, ulong.MaxValue);
                delta = InternetChecksum.AccumulateChange(delta, old.Low, updated.Low, ulong.MaxValue);
                WriteAddress(ref origin, ipOffset + (ipv4 ? 12 : 8), updated, ipv4);
                packet.SrcIp = updated;
                changed = true;
            }
        }

        if ((set & IpFields.Dst) != 0)
        {
            IpAddr old = packet.DstIp;
            IpAddr updated = rewrite.IpDst;
            if (old.High != updated.High || old.Low != updated.Low)
            {
                delta = InternetChecksum.AccumulateChange(delta, old.High, updated.High, ulong.MaxValue);
                delta = InternetChecksum.AccumulateChange(delta, old.Low, updated.Low, ulong.MaxValue);
                WriteAddress(ref origin, ipOffset + (ipv4 ? 16 : 24), updated, ipv4);
                packet.DstIp = updated;
                changed = true;
            }
        }

        if ((set & IpFields.Protocol) != 0 && packet.Protocol != rewrite.Protocol)
        {
            delta = InternetChecksum.AccumulateChange(delta, (byte)packet.Protocol, (byte)rewrite.Protocol, 0xFFFF);
            Unsafe.Add(ref origin, packet.ProtocolFieldOffset) = (byte)rewrite.Protocol;
            packet.Protocol = rewrite.Protocol;
            changed = true;
        }

        if (changed && ipv4)
        {
            Write16(ref origin, ipOffset + 10, (ushort)~InternetChecksum.Fold(InternetChecksum.AddWithCarry(ipv4HeaderSum, delta)));
        }

        pseudoDelta = delta;
        return changed;
    }

    /// <summary>Rewrites ports, TCP flags or the echo identifier; true when any changed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RewriteUlp(ref byte origin, ref ParsedPacket packet, in InnerRewrite rewrite, IpProtocol layoutProtocol, int l4,
        ref ulong headerDelta)
    {
        UlpFields set = rewrite.UlpSet;
        bool changed = false;
        if (layoutProtocol is IpProtocol.Tcp or IpProtocol.Udp)
        {
            if ((set & UlpFields.SrcPort) != 0 && packet.SrcPort != rewrite.SrcPort)
            {
                headerDelta = InternetChecksum.AccumulateChange(headerDelta, packet.SrcPort, rewrite.SrcPort, 0xFFFF);
                Write16(ref origin, l4, rewrite.SrcPort);
                packet.SrcPort = rewrite.SrcPort;
                changed = true;
            }

            if ((set & UlpFields.DstPort) != 0 && packet.DstPort != rewrite.DstPort)
            {
                headerDelta = InternetChecksum.AccumulateChange(headerDelta, packet.DstPort, rewrite.DstPort, 0xFFFF);
                Write16(ref origin, l4 + 2, rewrite.DstPort);
                packet.DstPort = rewrite.DstPort;
                changed = true;
            }

            if ((set & UlpFields.TcpFlags) != 0 && layoutProtocol == IpProtocol.Tcp && packet.TcpFlags != rewrite.TcpFlags)
            {
                headerDelta = InternetChecksum.AccumulateChange(headerDelta, (byte)packet.TcpFlags, (byte)rewrite.TcpFlags, 0xFFFF);
                Unsafe.Add(ref origin, l4 + 13) = (byte)rewrite.TcpFlags;
                packet.TcpFlags = rewrite.TcpFlags;
                changed = true;
            }
        }
        else if ((set & UlpFields.IcmpEchoId) != 0 && packet.IsIcmpEcho && packet.IcmpEchoId != rewrite.IcmpEchoId)
        {
            headerDelta = InternetChecksum.AccumulateChange(headerDelta, packet.IcmpEchoId, rewrite.IcmpEchoId, 0xFFFF);
            Write16(ref origin, l4 + 4, rewrite.IcmpEchoId);
            packet.IcmpEchoId = rewrite.IcmpEchoId;
            changed = true;
        }

        return changed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateChecksum(ref byte origin, int offset, ulong delta, bool udp) =>
        Write16(ref origin, offset, InternetChecksum.ApplyAccumulated(Read16(ref origin, offset), delta, udp));
}
