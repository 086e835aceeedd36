using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Actions;

/// <summary>
/// The state a <see cref="StatefulAction"/> created for one flow, shared by the layer's inbound and outbound LFT
/// entries. It yields the header transformation per direction, may rewrite the body, says whether it is still valid
/// after a soft rule replace, and gives its resource back when the LFT pair is removed.
/// </summary>
public abstract class ActionDescriptor
{
    /// <summary>The transformation for a packet of this flow travelling in <paramref name="direction"/>.</summary>
    public abstract HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow);

    /// <summary>True when <see cref="TryTransformBody"/> must run for every packet (the UFT entry is then not compiled).</summary>
    public virtual bool HasBodyTransform => false;

    /// <summary>
    /// Rewrites body bytes (e.g. an ICMP echo id or addresses quoted inside an ICMP error) after the header
    /// transformation. Return false if the body could not be rewritten (the packet is then dropped as a process error).
    /// </summary>
    public virtual bool TryTransformBody(Direction direction, Span<byte> frame, in ParsedPacket packet) => true;

    /// <summary>
    /// After a soft rule replace the LFT entry is marked dirty; on its next hit the entry is kept if this returns true
    /// (e.g. the external IP it uses is still configured), else removed and the packet re-classified.
    /// </summary>
    public virtual bool IsValid() => true;

    /// <summary>Called once when the LFT pair holding this descriptor is removed: give resources back to the pool.</summary>
    public virtual void Release()
    {
    }

    /// <summary>Short description for dump-layer.</summary>
    public override string ToString() => GetType().Name;
}
