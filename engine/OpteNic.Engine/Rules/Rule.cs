using OpteNic.Engine.Actions;

namespace OpteNic.Engine.Rules;

/// <summary>
/// A rule: a priority (lower runs first), header and data predicates that must all hold (none = match anything),
/// and the action taken on a match. Immutable; the layer that takes it assigns an id and counts its hits.
/// </summary>
public sealed class Rule
{
    /// <summary>Creates a rule from its parts.</summary>
    public Rule(ushort priority, RuleAction action, IEnumerable<Predicate>? predicates = null,
        IEnumerable<DataPredicate>? dataPredicates = null)
    {
        Priority = priority;
        Action = action ?? throw new ArgumentNullException(nameof(action));
        HeaderPredicates = predicates?.ToArray() ?? [];
        DataPredicates = dataPredicates?.ToArray() ?? [];
    }

    /// <summary>Lower runs first.</summary>
    public ushort Priority { get; }

    /// <summary>What happens on a match.</summary>
    public RuleAction Action { get; }

    /// <summary>Header predicates (AND).</summary>
    public IReadOnlyList<Predicate> HeaderPredicates { get; }

    /// <summary>Data predicates (AND), evaluated after the header predicates.</summary>
    public IReadOnlyList<DataPredicate> DataPredicates { get; }

    /// <summary>A rule matching everything at <paramref name="priority"/>.</summary>
    public static Rule MatchAny(ushort priority, RuleAction action) => new(priority, action);

    /// <inheritdoc/>
    public override string ToString() =>
        $"prio {Priority} {Action} [{string.Join(" & ", HeaderPredicates.Select(p => p.ToString()).Concat(DataPredicates.Select(p => p.ToString())))}]";
}
