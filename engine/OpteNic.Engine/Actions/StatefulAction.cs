using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Actions;

/// <summary>
/// An action that creates flow state (e.g. SNAT): on a rule match it hands out an <see cref="ActionDescriptor"/>
/// (typically taking a finite resource such as a port) which the layer stores in both of its flow tables; the
/// descriptor then yields the transformation for each direction. Descriptors must come from a preallocated pool so
/// the slow path allocates nothing.
/// </summary>
public abstract class StatefulAction : RuleAction
{
    /// <summary>For subclasses.</summary>
    protected StatefulAction() : base(ActionKind.Stateful)
    {
    }

    /// <summary>
    /// Produces a descriptor for a new flow first seen in <paramref name="direction"/>. Return false to deny the
    /// packet (e.g. the resource pool is exhausted; counted as a layer deny, reason "action").
    /// </summary>
    public abstract bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
        ref PacketMetadata metadata, Moment now, out ActionDescriptor? descriptor);
}
