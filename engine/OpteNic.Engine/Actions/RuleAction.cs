namespace OpteNic.Engine.Actions;

/// <summary>
/// Base of every rule action. The engine switches on <see cref="Kind"/> and calls the subclass's abstract members
/// (virtual calls on the slow path only; the fast path never touches actions). Network definitions derive from the
/// abstract subclasses (<see cref="StaticAction"/>, <see cref="StatefulAction"/>, <see cref="HairpinAction"/>,
/// <see cref="MetaAction"/>, <see cref="HandlePacketAction"/>); the simple ones are the singletons below.
/// </summary>
public abstract class RuleAction
{
    private protected RuleAction(ActionKind kind) => Kind = kind;

    /// <summary>What kind of action this is.</summary>
    public ActionKind Kind { get; }

    /// <summary>Pass; no flow entry.</summary>
    public static RuleAction Allow { get; } = new SimpleAction(ActionKind.Allow);

    /// <summary>Pass and create an LFT pair with a no-op descriptor.</summary>
    public static RuleAction StatefulAllow { get; } = new SimpleAction(ActionKind.StatefulAllow);

    /// <summary>Drop the packet (deny reason "rule").</summary>
    public static RuleAction Deny { get; } = new SimpleAction(ActionKind.Deny);

    /// <summary>True for <see cref="ActionKind.Deny"/>: deny rules sort before others of equal priority.</summary>
    public bool IsDeny => Kind == ActionKind.Deny;

    /// <summary>Short description for dumps.</summary>
    public override string ToString() => Kind.ToString();

    private sealed class SimpleAction(ActionKind kind) : RuleAction(kind);
}
