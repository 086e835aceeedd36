using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Actions;

/// <summary>
/// An action that produces a header transformation on every slow-path pass without keeping flow state (e.g. the
/// overlay's encapsulation). The transformation is recorded in the UFT entry, so later packets replay it from there.
/// </summary>
public abstract class StaticAction : RuleAction
{
    /// <summary>For subclasses.</summary>
    protected StaticAction() : base(ActionKind.Static)
    {
    }

    /// <summary>
    /// Produces the transformation for this packet. Return false to deny it (counted as a layer deny, reason
    /// "action"). Must not allocate: <see cref="HeaderTransform"/> is a value.
    /// </summary>
    public abstract bool TryGenerateTransform(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
        ref PacketMetadata metadata, out HeaderTransform transform);
}
