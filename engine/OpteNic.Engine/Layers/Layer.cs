using OpteNic.Engine.Actions;
using OpteNic.Engine.Rules;

namespace OpteNic.Engine.Layers;

/// <summary>
/// A layer: a name, inbound and outbound rule tables with a default action each, and a pair of layer flow tables.
/// Rules are changed only through the owning <see cref="Ports.Port"/> (which checks its state and bumps its epoch);
/// each change rebuilds that direction's <see cref="RuleClassifier"/> on the control path and swaps it in whole, so
/// the data path always sees a complete, immutable table.
/// </summary>
public sealed class Layer
{
    /// <summary>Default LFT pair limit.</summary>
    public const int DefaultFlowLimit = 8192;

    /// <summary>Default idle time before an LFT pair expires: 60 s.</summary>
    public const long DefaultFlowTtlNanoseconds = 60_000_000_000;

    private readonly List<RuleEntry> _inRules = [];
    private readonly List<RuleEntry> _outRules = [];
    private RuleClassifier _inClassifier = RuleClassifier.Empty;
    private RuleClassifier _outClassifier = RuleClassifier.Empty;
    private ulong _nextInId;
    private ulong _nextOutId;

    /// <summary>Creates a layer.</summary>
    public Layer(string name, DefaultAction defaultInbound, DefaultAction defaultOutbound, int flowLimit = DefaultFlowLimit,
        long flowTtlNanoseconds = DefaultFlowTtlNanoseconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        NameId = LayerNameRegistry.Register(name);
        DefaultInbound = defaultInbound;
        DefaultOutbound = defaultOutbound;
        FlowTtlNanoseconds = flowTtlNanoseconds;
        Flows = new LayerFlowTable(flowLimit);
    }

    /// <summary>The layer's name (unique within a port).</summary>
    public string Name { get; }

    /// <summary>The name's <see cref="LayerNameRegistry"/> id, carried by drop results instead of the string.</summary>
    public ushort NameId { get; }

    /// <summary>What happens to inbound packets no rule matched.</summary>
    public DefaultAction DefaultInbound { get; }

    /// <summary>What happens to outbound packets no rule matched.</summary>
    public DefaultAction DefaultOutbound { get; }

    /// <summary>Idle time after which an unreferenced LFT pair expires.</summary>
    public long FlowTtlNanoseconds { get; }

    /// <summary>The layer's flow tables.</summary>
    public LayerFlowTable Flows { get; }

    /// <summary>Inbound counters.</summary>
    public LayerDirectionCounters Inbound { get; } = new();

    /// <summary>Outbound counters.</summary>
    public LayerDirectionCounters Outbound { get; } = new();

    /// <summary>LFT pairs evicted (none today: a full LFT is a counted drop).</summary>
    public long Evictions { get; internal set; }

    /// <summary>Calls of add-rule.</summary>
    public long AddRuleCalls { get; internal set; }

    /// <summary>Calls of remove-rule.</summary>
    public long RemoveRuleCalls { get; internal set; }

    /// <summary>Calls of set-rules (hard or soft).</summary>
    public long SetRulesCalls { get; internal set; }

    /// <summary>Counters of <paramref name="direction"/>.</summary>
    public LayerDirectionCounters CountersFor(Direction direction) => direction == Direction.Outbound ? Outbound : Inbound;

    /// <summary>Default action of <paramref name="direction"/>.</summary>
    public DefaultAction DefaultFor(Direction direction) => direction == Direction.Outbound ? DefaultOutbound : DefaultInbound;

    /// <summary>The current classifier of <paramref name="direction"/> (immutable snapshot).</summary>
    public RuleClassifier ClassifierFor(Direction direction) => direction == Direction.Outbound ? _outClassifier : _inClassifier;

    /// <summary>Rules of <paramref name="direction"/> in evaluation order.</summary>
    public IReadOnlyList<RuleEntry> RulesFor(Direction direction) => ClassifierFor(direction).Rules.ToArray();

    internal ulong AddRule(Direction direction, Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        AddRuleCalls++;
        RuleEntry entry = new(NextId(direction), rule);
        RulesList(direction).Add(entry);
        Rebuild(direction);
        return entry.Id;
    }

    internal bool RemoveRule(Direction direction, ulong id)
    {
        RemoveRuleCalls++;
        List<RuleEntry> rules = RulesList(direction);
        int index = rules.FindIndex(r => r.Id == id);
        if (index < 0)
        {
            return false;
        }

        rules.RemoveAt(index);
        Rebuild(direction);
        return true;
    }

    /// <summary>Replaces both directions' rules; a hard replace clears the LFT, a soft one marks every pair dirty.</summary>
    internal void SetRules(IEnumerable<Rule> inbound, IEnumerable<Rule> outbound, bool soft)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(outbound);
        SetRulesCalls++;
        _inRules.Clear();
        _outRules.Clear();
        foreach (Rule rule in inbound)
        {
            _inRules.Add(new RuleEntry(NextId(Direction.Inbound), rule));
        }

        foreach (Rule rule in outbound)
        {
            _outRules.Add(new RuleEntry(NextId(Direction.Outbound), rule));
        }

        Rebuild(Direction.Inbound);
        Rebuild(Direction.Outbound);
        if (soft)
        {
            for (int pair = 0; pair < Flows.Capacity; pair++)
            {
                if (Flows.IsUsed(pair))
                {
                    Flows.EntryAt(pair).Dirty = true;
                }
            }
        }
        else
        {
            Flows.Clear();
        }
    }

    internal void ClearCounters()
    {
        Inbound.Clear();
        Outbound.Clear();
        Evictions = 0;
    }

    private ulong NextId(Direction direction) => direction == Direction.Outbound ? _nextOutId++ : _nextInId++;

    private List<RuleEntry> RulesList(Direction direction) => direction == Direction.Outbound ? _outRules : _inRules;

    private void Rebuild(Direction direction)
    {
        var classifier = new RuleClassifier(RulesList(direction));
        if (direction == Direction.Outbound)
        {
            Volatile.Write(ref _outClassifier, classifier);
        }
        else
        {
            Volatile.Write(ref _inClassifier, classifier);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"layer {Name} (rules in {_inRules.Count}, out {_outRules.Count}, flows {Flows.Count}/{Flows.Capacity})";
}
