using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// The per-flow half of a split compiled UFT entry: only the inner field rewrites (MACs, addresses, ports, flags)
/// with incremental checksum updates, ≈ 64 bytes instead of a whole <see cref="CompiledTransform"/> (≈ 0.3 KB), so a
/// flow's hot UFT slot stays within a few cache lines. The outer half (push or pop of the outer headers) is a
/// <see cref="CompiledTransform"/> shared by every flow to the same destination; see
/// <see cref="CompiledTransform.Apply(PacketBuffer, ref ParsedPacket, in CompiledInner, uint, ChecksumOffload)"/>.
/// </summary>
public readonly struct CompiledInner
{
    internal readonly InnerRewrite Rewrite;

    private CompiledInner(in InnerRewrite rewrite) => Rewrite = rewrite;

    /// <summary>True when there is no field to rewrite (and no inner header required).</summary>
    public bool IsEmpty => Rewrite.EtherSet == 0 && Rewrite.IpSet == 0 && Rewrite.UlpSet == 0 && !Rewrite.IpModify;

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

    /// <summary>Applies the rewrites alone (an entry with no outer-header work). On error nothing was changed.</summary>
    public TransformError Apply(PacketBuffer buffer, ref ParsedPacket packet, ChecksumOffload offload = ChecksumOffload.None)
    {
        Span<byte> frame = buffer.Frame;
        TransformError error = InnerRewriter.Validate(packet, Rewrite, frame.Length);
        if (error != TransformError.None)
        {
            return error;
        }

        InnerRewriter.Rewrite(frame, ref packet, Rewrite, offload);
        return TransformError.None;
    }
}
