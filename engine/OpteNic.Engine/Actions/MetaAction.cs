using OpteNic.Engine.Metadata;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Actions;

/// <summary>
/// An action that only changes pipeline metadata (e.g. the router setting <c>router-target</c>) and then allows or
/// denies. Keys starting <c>opte:</c> are reserved for the engine.
/// </summary>
public abstract class MetaAction : RuleAction
{
    /// <summary>For subclasses.</summary>
    protected MetaAction() : base(ActionKind.Meta)
    {
    }

    /// <summary>Updates <paramref name="metadata"/>; returns false to deny (reason "action").</summary>
    public abstract bool TryModify(in ParsedPacket packet, ref PacketMetadata metadata);
}
