using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The narrow form of a <see cref="CompiledInner"/>: everything a UFT hit reads to write a flow's inner rewrites from its
/// <see cref="FlowHeaders"/>. It is the flow's own <see cref="FlowRewriteFields"/> (IPv4 addresses in 4 bytes, ports, the
/// precomputed checksum deltas and which fields change: 20 bytes, what a UFT slot holds) plus the two MACs
/// (<see cref="FlowRewriteMacs"/>, which a UFT interns because many flows share them). It writes the same bytes as the
/// compiled inner it came from (<see cref="TryCreate"/> declines what it cannot hold: IPv6 address rewrites, an
/// IP-version contradiction); the full path keeps using the <see cref="CompiledInner"/>. A table applies the halves in
/// place through a <see cref="FlowRewriteView"/>.
/// </summary>
public readonly struct FlowRewrite
{
    private readonly FlowRewriteFields _fields;
    private readonly FlowRewriteMacs _macs;

    private FlowRewrite(in CompiledInner inner, byte shape)
    {
        _fields = new FlowRewriteFields(in inner, shape);
        _macs = new FlowRewriteMacs(inner.Rewrite.EtherSrc, inner.Rewrite.EtherDst);
    }

    /// <summary>Everything but the MACs: what a UFT slot holds per flow.</summary>
    public FlowRewriteFields Fields => _fields;

    /// <summary>The inner MACs written (those <see cref="FlowRewriteFields.EtherSet"/> names).</summary>
    public FlowRewriteMacs Macs => _macs;

    /// <summary>False for the default value: no narrow form (use the <see cref="CompiledInner"/>).</summary>
    public bool IsValid => _fields.IsValid;

    /// <summary>
    /// The narrow form of <paramref name="inner"/>; false when it has none: an address rewrite that is not IPv4, or a
    /// rewrite no packet can take (an IPv4 and an IPv6 address).
    /// </summary>
    public static bool TryCreate(in CompiledInner inner, out FlowRewrite rewrite)
    {
        ref readonly InnerRewrite fields = ref inner.Rewrite;
        FlowRewriteChanges changes = inner.Changes;
        byte shape = (byte)(FlowRewriteFields.Valid | ((byte)fields.EtherSet & FlowRewriteFields.EtherSetMask));
        switch (fields.RequiredIpVersion)
        {
            case 0:
                break;
            case 4:
                shape |= FlowRewriteFields.Ipv4Required;
                break;
            case 6:
                shape |= FlowRewriteFields.Ipv6Required;
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
            shape |= FlowRewriteFields.NoFieldSet;
        }

        rewrite = new FlowRewrite(in inner, shape);
        return true;
    }

    /// <summary>As <see cref="CompiledInner.TryApplyFlow"/> (rewrites alone, no outer-header work).</summary>
    public bool TryApplyFlow(PacketBuffer buffer, in FlowHeaders headers, ChecksumOffload offload = ChecksumOffload.None) =>
        new FlowRewriteView(in _fields, in _macs).TryApplyFlow(buffer, in headers, offload);
}
