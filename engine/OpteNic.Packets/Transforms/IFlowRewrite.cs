using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// What a UFT hit needs of a flow's inner rewrites to write them from <see cref="FlowHeaders"/> alone: whether they
/// apply, and the fields the byte writer reads. <see cref="CompiledInner"/> and its narrow form, read in place through a <see cref="FlowRewriteView"/>,
/// both provide it, so one generic writer (<see cref="InnerRewriter.RewriteFlowBytes{T}(Span{byte}, in FlowHeaders, in T, ChecksumOffload)"/>, specialised per struct by the JIT) serves both.
/// </summary>
internal interface IFlowRewrite
{
    EtherFields EtherSet { get; }
    MacAddress EtherSrc { get; }
    MacAddress EtherDst { get; }
    IpAddr IpSrc { get; }
    IpAddr IpDst { get; }
    ushort SrcPort { get; }
    ushort DstPort { get; }
    ushort AddressDelta { get; }
    ushort UpperLayerDelta { get; }
    ushort Ipv4AddressSum { get; }
    FlowRewriteChanges Changes { get; }

    /// <summary>See <see cref="CompiledInner.AppliesTo"/>.</summary>
    bool AppliesTo(in FlowHeaders headers);
}
