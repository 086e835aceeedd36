using OpteNic.Engine.Metadata;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Rules;

/// <summary>
/// A rule as installed in one direction of one layer: its id, its sort key and its hit counter. The sort key encodes
/// OPTE's order in one number: priority, then deny before non-deny, then newer (higher id) before older.
/// </summary>
public sealed class RuleEntry
{
    private readonly Predicate[] _predicates;
    private readonly DataPredicate[] _dataPredicates;
    internal long _hits;

    internal RuleEntry(ulong id, Rule rule)
    {
        Id = id;
        Rule = rule;
        _predicates = [.. rule.HeaderPredicates];
        _dataPredicates = [.. rule.DataPredicates];
        // 16 bits priority | 1 bit non-deny | 47 bits of inverted id: ascending key = OPTE's evaluation order.
        OrderKey = ((ulong)rule.Priority << 48) | ((rule.Action.IsDeny ? 0UL : 1UL) << 47) | (~id & ((1UL << 47) - 1));
    }

    /// <summary>Rule id, unique per layer and direction, never reused.</summary>
    public ulong Id { get; }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>Ascending order of evaluation.</summary>
    public ulong OrderKey { get; }

    /// <summary>Packets that matched this rule (slow-path passes).</summary>
    public long Hits => Volatile.Read(ref _hits);

    internal Predicate[] Predicates => _predicates;

    /// <summary>All header predicates, then all data predicates.</summary>
    public bool Matches(in ParsedPacket fields, in PacketMetadata meta, ReadOnlySpan<byte> frame)
    {
        foreach (Predicate predicate in _predicates)
        {
            if (!predicate.Matches(in fields, in meta))
            {
                return false;
            }
        }

        foreach (DataPredicate predicate in _dataPredicates)
        {
            if (!predicate.Matches(in fields, frame))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"#{Id} {Rule}";
}
