using System.Numerics;
using System.Runtime.CompilerServices;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Rules;

/// <summary>
/// Finds the first matching rule of one layer direction in OPTE's order (priority, deny first on ties, newest first)
/// faster than a linear scan, using tuple-space search:
/// <list type="bullet">
/// <item>each rule's simple predicates (ether type, IP protocol, src/dst prefix, exact or narrow src/dst ports) are
/// expanded into index entries; rules sharing the same set of indexed fields and prefix lengths share a "tuple", a
/// hash table from the masked field values to the candidate rules sorted by order;</item>
/// <item>a lookup masks the packet once per tuple and probes; the candidates are then checked with the rule's full
/// predicate list (so anything not indexed — Not/Any/All/Meta/wide ranges/data predicates — is still honoured);</item>
/// <item>tuples are visited in order of their best rule and the walk stops once no tuple can beat the match found,
/// so the cost grows with the number of distinct tuples, not rules. Rules with nothing indexable share the
/// all-wildcard tuple, which is the linear fallback, scanned in order alongside the others.</item>
/// </list>
/// Tiny tables use a plain ordered scan (at most <see cref="DefaultLinearThreshold"/> rules). Immutable once
/// built: a rule change builds a new classifier on the control path and swaps it in.
/// </summary>
public sealed class RuleClassifier
{
    /// <summary>At or below this many rules the classifier is a plain ordered scan.</summary>
    public const int DefaultLinearThreshold = 4;

    /// <summary>Most index entries one rule may expand to before a dimension is left to the full check.</summary>
    private const int MaxExpansion = 256;

    /// <summary>Widest port range still expanded into exact index entries.</summary>
    private const int MaxExpandedPortRange = 16;

    private readonly RuleEntry[] _rules;
    private readonly Tuple[] _tuples;
    private readonly bool _linear;

    /// <summary>Builds a classifier over <paramref name="rules"/> (any order).</summary>
    public RuleClassifier(IEnumerable<RuleEntry> rules, int linearThreshold = DefaultLinearThreshold)
    {
        _rules = [.. rules.OrderBy(r => r.OrderKey)];
        _linear = _rules.Length <= linearThreshold;
        _tuples = _linear ? [] : BuildTuples(_rules);
    }

    /// <summary>An empty classifier.</summary>
    public static RuleClassifier Empty { get; } = new([]);

    /// <summary>The rules in evaluation order.</summary>
    public ReadOnlySpan<RuleEntry> Rules => _rules;

    /// <summary>Number of rules.</summary>
    public int Count => _rules.Length;

    /// <summary>Number of tuples (0 when scanning linearly); for tests and dumps.</summary>
    public int TupleCount => _tuples.Length;

    /// <summary>The first rule that matches, or null. Allocation-free.</summary>
    public RuleEntry? Match(in ParsedPacket fields, in PacketMetadata meta, ReadOnlySpan<byte> frame)
    {
        RuleEntry[] rules = _rules;
        if (_linear)
        {
            foreach (RuleEntry rule in rules)
            {
                if (rule.Matches(in fields, in meta, frame))
                {
                    return rule;
                }
            }

            return null;
        }

        int best = int.MaxValue;
        foreach (Tuple tuple in _tuples)
        {
            if (tuple.MinIndex >= best)
            {
                break;
            }

            if (!tuple.TryMakeKey(in fields, out TupleKey key))
            {
                continue;
            }

            ReadOnlySpan<int> candidates = tuple.Find(in key);
            foreach (int index in candidates)
            {
                if (index >= best)
                {
                    break;
                }

                if (rules[index].Matches(in fields, in meta, frame))
                {
                    best = index;
                    break;
                }
            }
        }

        return best == int.MaxValue ? null : rules[best];
    }

    /// <summary>The reference semantics: first match of a plain ordered scan (used by property tests).</summary>
    public RuleEntry? MatchLinear(in ParsedPacket fields, in PacketMetadata meta, ReadOnlySpan<byte> frame)
    {
        foreach (RuleEntry rule in _rules)
        {
            if (rule.Matches(in fields, in meta, frame))
            {
                return rule;
            }
        }

        return null;
    }

    private static Tuple[] BuildTuples(RuleEntry[] rules)
    {
        var groups = new Dictionary<TupleShape, Dictionary<TupleKey, List<int>>>();
        var alternatives = new List<IndexValue>[Dimension.Count];
        for (int d = 0; d < alternatives.Length; d++)
        {
            alternatives[d] = [];
        }

        for (int index = 0; index < rules.Length; index++)
        {
            CollectAlternatives(rules[index], alternatives);
            long product = 1;
            foreach (List<IndexValue> list in alternatives)
            {
                product *= Math.Max(1, list.Count);
            }

            while (product > MaxExpansion)
            {
                int widest = 0;
                for (int d = 1; d < alternatives.Length; d++)
                {
                    if (alternatives[d].Count > alternatives[widest].Count)
                    {
                        widest = d;
                    }
                }

                product /= alternatives[widest].Count;
                alternatives[widest].Clear();
            }

            Expand(alternatives, 0, default, default, index, groups);
            foreach (List<IndexValue> list in alternatives)
            {
                list.Clear();
            }
        }

        var tuples = new List<Tuple>(groups.Count);
        foreach ((TupleShape shape, Dictionary<TupleKey, List<int>> buckets) in groups)
        {
            tuples.Add(new Tuple(shape, buckets));
        }

        tuples.Sort((a, b) => a.MinIndex.CompareTo(b.MinIndex));
        return [.. tuples];
    }

    private static void Expand(List<IndexValue>[] alternatives, int dimension, TupleShape shape, TupleKey key, int rule,
        Dictionary<TupleShape, Dictionary<TupleKey, List<int>>> groups)
    {
        if (dimension == alternatives.Length)
        {
            if (!groups.TryGetValue(shape, out Dictionary<TupleKey, List<int>>? buckets))
            {
                buckets = [];
                groups.Add(shape, buckets);
            }

            if (!buckets.TryGetValue(key, out List<int>? list))
            {
                list = [];
                buckets.Add(key, list);
            }

            if (list.Count == 0 || list[^1] != rule)
            {
                list.Add(rule);
            }

            return;
        }

        List<IndexValue> options = alternatives[dimension];
        if (options.Count == 0)
        {
            Expand(alternatives, dimension + 1, shape, key, rule, groups);
            return;
        }

        foreach (IndexValue option in options)
        {
            TupleShape s = shape;
            TupleKey k = key;
            switch (dimension)
            {
                case Dimension.EtherType:
                    s.UsesEtherType = true;
                    k.Misc |= (ulong)option.Value << 48;
                    break;
                case Dimension.Protocol:
                    s.UsesProtocol = true;
                    k.Misc |= (ulong)(byte)option.Value << 40;
                    break;
                case Dimension.SrcPort:
                    s.UsesSrcPort = true;
                    k.Misc |= (ulong)option.Value << 16;
                    break;
                case Dimension.DstPort:
                    s.UsesDstPort = true;
                    k.Misc |= option.Value;
                    break;
                case Dimension.SrcIp:
                    s.SrcVersion = option.Version;
                    s.SrcLength = option.Length;
                    k.SrcHigh = option.Address.High;
                    k.SrcLow = option.Address.Low;
                    break;
                case Dimension.DstIp:
                    s.DstVersion = option.Version;
                    s.DstLength = option.Length;
                    k.DstHigh = option.Address.High;
                    k.DstLow = option.Address.Low;
                    break;
            }

            Expand(alternatives, dimension + 1, s, k, rule, groups);
        }
    }

    /// <summary>Turns the first predicate of each indexable kind into index alternatives (an OR list).</summary>
    private static void CollectAlternatives(RuleEntry rule, List<IndexValue>[] alternatives)
    {
        bool[] seen = new bool[Dimension.Count];
        foreach (Predicate predicate in rule.Predicates)
        {
            int dimension = predicate.Kind switch
            {
                PredicateKind.InnerEtherType => Dimension.EtherType,
                PredicateKind.InnerIpProtocol => Dimension.Protocol,
                PredicateKind.InnerSrcPort => Dimension.SrcPort,
                PredicateKind.InnerDstPort => Dimension.DstPort,
                PredicateKind.InnerSrcIp => Dimension.SrcIp,
                PredicateKind.InnerDstIp => Dimension.DstIp,
                _ => -1,
            };
            if (dimension < 0 || seen[dimension])
            {
                continue;
            }

            seen[dimension] = true;
            List<IndexValue> list = alternatives[dimension];
            switch (predicate.Kind)
            {
                case PredicateKind.InnerEtherType:
                case PredicateKind.InnerIpProtocol:
                    foreach (ushort value in predicate.Values)
                    {
                        list.Add(new IndexValue(value));
                    }

                    break;
                case PredicateKind.InnerSrcPort:
                case PredicateKind.InnerDstPort:
                    ReadOnlySpan<ushort> ranges = predicate.Values;
                    int total = 0;
                    for (int i = 0; i + 1 < ranges.Length; i += 2)
                    {
                        total += ranges[i + 1] - ranges[i] + 1;
                    }

                    if (total > MaxExpandedPortRange * Math.Max(1, ranges.Length / 2))
                    {
                        break; // too wide to expand: left to the full check
                    }

                    for (int i = 0; i + 1 < ranges.Length; i += 2)
                    {
                        for (int port = ranges[i]; port <= ranges[i + 1]; port++)
                        {
                            list.Add(new IndexValue((ushort)port));
                        }
                    }

                    break;
                default:
                    foreach (IpPrefix prefix in predicate.Prefixes)
                    {
                        list.Add(new IndexValue(prefix.IsIpv4 ? (byte)4 : (byte)6, prefix.Length, prefix.Address));
                    }

                    break;
            }
        }
    }

    private static class Dimension
    {
        public const int EtherType = 0;
        public const int Protocol = 1;
        public const int SrcIp = 2;
        public const int DstIp = 3;
        public const int SrcPort = 4;
        public const int DstPort = 5;
        public const int Count = 6;
    }

    private readonly record struct IndexValue(byte Version, byte Length, IpAddr Address, ushort Value)
    {
        public IndexValue(ushort value) : this(0, 0, default, value)
        {
        }

        public IndexValue(byte version, byte length, IpAddr address) : this(version, length, address, 0)
        {
        }
    }

    /// <summary>Which fields a tuple indexes and at what prefix lengths.</summary>
    private record struct TupleShape(bool UsesEtherType, bool UsesProtocol, bool UsesSrcPort, bool UsesDstPort,
        byte SrcVersion, byte SrcLength, byte DstVersion, byte DstLength);

    /// <summary>Masked field values: hand-packed into five ulongs (a record struct's generated hash is too slow).</summary>
    private struct TupleKey : IEquatable<TupleKey>
    {
        public ulong SrcHigh;
        public ulong SrcLow;
        public ulong DstHigh;
        public ulong DstLow;
        /// <summary>ether type &lt;&lt; 48 | protocol &lt;&lt; 40 | src port &lt;&lt; 16 | dst port.</summary>
        public ulong Misc;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int Hash()
        {
            const ulong Prime = 0x9E3779B97F4A7C15UL;
            ulong h = (Misc ^ SrcLow) * Prime;
            h = (h ^ DstLow ^ (h >> 29)) * Prime;
            h = (h ^ SrcHigh ^ (h >> 31)) * Prime;
            h = (h ^ DstHigh ^ (h >> 27)) * Prime;
            return (int)(h >> 32);
        }

        public readonly bool Equals(TupleKey other) =>
            ((SrcHigh ^ other.SrcHigh) | (SrcLow ^ other.SrcLow) | (DstHigh ^ other.DstHigh) | (DstLow ^ other.DstLow) |
             (Misc ^ other.Misc)) == 0;

        public override readonly bool Equals(object? obj) => obj is TupleKey other && Equals(other);

        public override readonly int GetHashCode() => Hash();
    }

    /// <summary>One tuple: its shape, precomputed masks and an open-addressed table of key → candidate list.</summary>
    private sealed class Tuple
    {
        private readonly TupleShape _shape;
        private readonly ulong _srcMaskHigh;
        private readonly ulong _srcMaskLow;
        private readonly ulong _dstMaskHigh;
        private readonly ulong _dstMaskLow;
        private readonly ulong _miscMask;
        private readonly TupleKey[] _keys;
        private readonly int[] _starts;
        private readonly int[] _counts;
        private readonly int[] _candidates;
        private readonly int _slotMask;

        public Tuple(TupleShape shape, Dictionary<TupleKey, List<int>> buckets)
        {
            _shape = shape;
            (_srcMaskHigh, _srcMaskLow) = shape.SrcVersion == 0 ? (0UL, 0UL) : IpPrefix.MaskOf(shape.SrcVersion == 4, shape.SrcLength);
            (_dstMaskHigh, _dstMaskLow) = shape.DstVersion == 0 ? (0UL, 0UL) : IpPrefix.MaskOf(shape.DstVersion == 4, shape.DstLength);
            _miscMask = (shape.UsesEtherType ? 0xFFFFUL << 48 : 0) | (shape.UsesProtocol ? 0xFFUL << 40 : 0) |
                        (shape.UsesSrcPort ? 0xFFFFUL << 16 : 0) | (shape.UsesDstPort ? 0xFFFFUL : 0);
            int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, buckets.Count * 2));
            _slotMask = slots - 1;
            _keys = new TupleKey[slots];
            _starts = new int[slots];
            _counts = new int[slots];
            var candidates = new List<int>();
            MinIndex = int.MaxValue;
            foreach ((TupleKey key, List<int> rules) in buckets)
            {
                rules.Sort();
                MinIndex = Math.Min(MinIndex, rules[0]);
                int slot = key.Hash() & _slotMask;
                while (_counts[slot] != 0)
                {
                    slot = (slot + 1) & _slotMask;
                }

                _keys[slot] = key;
                _starts[slot] = candidates.Count;
                _counts[slot] = rules.Count;
                candidates.AddRange(rules);
            }

            _candidates = [.. candidates];
        }

        /// <summary>Smallest rule index (best order) of any rule in this tuple.</summary>
        public int MinIndex { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryMakeKey(in ParsedPacket f, out TupleKey key)
        {
            key = default;
            TupleShape shape = _shape;
            if ((shape.SrcVersion != 0 && f.IpVersion != shape.SrcVersion) ||
                (shape.DstVersion != 0 && f.IpVersion != shape.DstVersion) ||
                (shape.UsesProtocol && f.IpVersion == 0) ||
                ((shape.UsesSrcPort || shape.UsesDstPort) && !Predicate.HasPorts(in f)))
            {
                return false;
            }

            IpAddr src = f.SrcIp;
            IpAddr dst = f.DstIp;
            key.SrcHigh = src.High & _srcMaskHigh;
            key.SrcLow = src.Low & _srcMaskLow;
            key.DstHigh = dst.High & _dstMaskHigh;
            key.DstLow = dst.Low & _dstMaskLow;
            ulong misc = ((ulong)f.EtherType << 48) | ((ulong)(byte)f.Protocol << 40) | ((ulong)f.SrcPort << 16) | f.DstPort;
            key.Misc = misc & _miscMask;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<int> Find(in TupleKey key)
        {
            int slot = key.Hash() & _slotMask;
            while (true)
            {
                int count = _counts[slot];
                if (count == 0)
                {
                    return default;
                }

                if (_keys[slot].Equals(key))
                {
                    return _candidates.AsSpan(_starts[slot], count);
                }

                slot = (slot + 1) & _slotMask;
            }
        }
    }
}
