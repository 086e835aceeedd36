using System.Text;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Rules;

/// <summary>
/// A header predicate: one test on the packet's inner headers or pipeline metadata. A list of values inside one
/// predicate is an OR; a rule ANDs its predicates. Built on the control path (allocation is fine there); evaluated on
/// the data path by <see cref="Matches"/> without allocating. Immutable once built.
/// </summary>
public sealed class Predicate
{
    /// <summary>Marker in a MAC list meaning "the multicast (group) bit is set".</summary>
    public const ulong MulticastMac = ulong.MaxValue;

    private readonly ushort[] _values;
    private readonly ulong[] _macs;
    private readonly IpPrefix[] _prefixes;
    private readonly Predicate[] _children;

    private Predicate(PredicateKind kind, ushort[]? values = null, ulong[]? macs = null, IpPrefix[]? prefixes = null,
        Predicate[]? children = null, ushort metaKey = 0, ushort metaValue = 0)
    {
        Kind = kind;
        _values = values ?? [];
        _macs = macs ?? [];
        _prefixes = prefixes ?? [];
        _children = children ?? [];
        MetaKey = metaKey;
        MetaValue = metaValue;
    }

    /// <summary>What this predicate tests.</summary>
    public PredicateKind Kind { get; }

    /// <summary>Exact values (ether type, protocol) or range pairs lo,hi (ports, ICMP type/code).</summary>
    public ReadOnlySpan<ushort> Values => _values;

    /// <summary>MAC values (low 48 bits) or <see cref="MulticastMac"/>.</summary>
    public ReadOnlySpan<ulong> Macs => _macs;

    /// <summary>IP prefixes for address predicates.</summary>
    public ReadOnlySpan<IpPrefix> Prefixes => _prefixes;

    /// <summary>Inner predicates of Not/Any/All.</summary>
    public ReadOnlySpan<Predicate> Children => _children;

    /// <summary>Interned metadata key of a Meta predicate.</summary>
    public ushort MetaKey { get; }

    /// <summary>Interned metadata value of a Meta predicate.</summary>
    public ushort MetaValue { get; }

    /// <summary>Inner ether type is one of <paramref name="types"/>.</summary>
    public static Predicate InnerEtherType(params ushort[] types) => new(PredicateKind.InnerEtherType, values: NonEmpty(types));

    /// <summary>Inner destination MAC is one of <paramref name="macs"/> (use <see cref="MulticastMac"/> for the multicast bit).</summary>
    public static Predicate InnerEtherDst(params ulong[] macs) => new(PredicateKind.InnerEtherDst, macs: NonEmpty(macs));

    /// <summary>Inner source MAC is one of <paramref name="macs"/> (use <see cref="MulticastMac"/> for the multicast bit).</summary>
    public static Predicate InnerEtherSrc(params ulong[] macs) => new(PredicateKind.InnerEtherSrc, macs: NonEmpty(macs));

    /// <summary>Inner source IP (v4 or v6) lies in one of <paramref name="prefixes"/>.</summary>
    public static Predicate InnerSrcIp(params IpPrefix[] prefixes) => new(PredicateKind.InnerSrcIp, prefixes: NonEmpty(prefixes));

    /// <summary>Inner destination IP (v4 or v6) lies in one of <paramref name="prefixes"/>.</summary>
    public static Predicate InnerDstIp(params IpPrefix[] prefixes) => new(PredicateKind.InnerDstIp, prefixes: NonEmpty(prefixes));

    /// <summary>Inner IP protocol is one of <paramref name="protocols"/>.</summary>
    public static Predicate InnerIpProtocol(params byte[] protocols) =>
        new(PredicateKind.InnerIpProtocol, values: Array.ConvertAll(NonEmpty(protocols), p => (ushort)p));

    /// <summary>TCP/UDP source port equals <paramref name="port"/>.</summary>
    public static Predicate InnerSrcPort(ushort port) => new(PredicateKind.InnerSrcPort, values: [port, port]);

    /// <summary>TCP/UDP destination port equals <paramref name="port"/>.</summary>
    public static Predicate InnerDstPort(ushort port) => new(PredicateKind.InnerDstPort, values: [port, port]);

    /// <summary>TCP/UDP source port lies in one of the inclusive ranges (pairs lo, hi).</summary>
    public static Predicate InnerSrcPortRanges(params (ushort Low, ushort High)[] ranges) => new(PredicateKind.InnerSrcPort, values: Ranges(ranges));

    /// <summary>TCP/UDP destination port lies in one of the inclusive ranges (pairs lo, hi).</summary>
    public static Predicate InnerDstPortRanges(params (ushort Low, ushort High)[] ranges) => new(PredicateKind.InnerDstPort, values: Ranges(ranges));

    /// <summary>ICMP type lies in one of the inclusive ranges.</summary>
    public static Predicate IcmpType(params (byte Low, byte High)[] ranges) => new(PredicateKind.IcmpType, values: Ranges(ranges));

    /// <summary>ICMP code lies in one of the inclusive ranges.</summary>
    public static Predicate IcmpCode(params (byte Low, byte High)[] ranges) => new(PredicateKind.IcmpCode, values: Ranges(ranges));

    /// <summary>ICMPv6 type lies in one of the inclusive ranges.</summary>
    public static Predicate Icmp6Type(params (byte Low, byte High)[] ranges) => new(PredicateKind.Icmp6Type, values: Ranges(ranges));

    /// <summary>ICMPv6 code lies in one of the inclusive ranges.</summary>
    public static Predicate Icmp6Code(params (byte Low, byte High)[] ranges) => new(PredicateKind.Icmp6Code, values: Ranges(ranges));

    /// <summary><paramref name="inner"/> does not hold.</summary>
    public static Predicate Not(Predicate inner) => new(PredicateKind.Not, children: [inner ?? throw new ArgumentNullException(nameof(inner))]);

    /// <summary>At least one of <paramref name="inner"/> holds.</summary>
    public static Predicate Any(params Predicate[] inner) => new(PredicateKind.Any, children: NonEmpty(inner));

    /// <summary>Every one of <paramref name="inner"/> holds.</summary>
    public static Predicate All(params Predicate[] inner) => new(PredicateKind.All, children: NonEmpty(inner));

    /// <summary>Pipeline metadata key equals value exactly (ids from the port's <see cref="Metadata.MetadataInterner"/>).</summary>
    public static Predicate Meta(ushort key, ushort value) => new(PredicateKind.Meta, metaKey: key, metaValue: value);

    /// <summary>Evaluates the predicate. Allocation-free; never throws.</summary>
    public bool Matches(in ParsedPacket f, in Metadata.PacketMetadata meta)
    {
        switch (Kind)
        {
            case PredicateKind.InnerEtherType:
                return ContainsValue(_values, f.EtherType);
            case PredicateKind.InnerEtherDst:
                return MatchesMac(_macs, f.EtherDst.Value);
            case PredicateKind.InnerEtherSrc:
                return MatchesMac(_macs, f.EtherSrc.Value);
            case PredicateKind.InnerSrcIp:
                return f.IpVersion != 0 && MatchesPrefix(f.SrcIp);
            case PredicateKind.InnerDstIp:
                return f.IpVersion != 0 && MatchesPrefix(f.DstIp);
            case PredicateKind.InnerIpProtocol:
                return f.IpVersion != 0 && ContainsValue(_values, (ushort)f.Protocol);
            case PredicateKind.InnerSrcPort:
                return HasPorts(in f) && InRanges(_values, f.SrcPort);
            case PredicateKind.InnerDstPort:
                return HasPorts(in f) && InRanges(_values, f.DstPort);
            case PredicateKind.IcmpType:
                return f.HasUlp && f.Protocol == IpProtocol.Icmp && InRanges(_values, f.IcmpType);
            case PredicateKind.IcmpCode:
                return f.HasUlp && f.Protocol == IpProtocol.Icmp && InRanges(_values, f.IcmpCode);
            case PredicateKind.Icmp6Type:
                return f.HasUlp && f.Protocol == IpProtocol.Icmpv6 && InRanges(_values, f.IcmpType);
            case PredicateKind.Icmp6Code:
                return f.HasUlp && f.Protocol == IpProtocol.Icmpv6 && InRanges(_values, f.IcmpCode);
            case PredicateKind.Not:
                return !_children[0].Matches(in f, in meta);
            case PredicateKind.Any:
                foreach (Predicate child in _children)
                {
                    if (child.Matches(in f, in meta))
                    {
                        return true;
                    }
                }

                return false;
            case PredicateKind.All:
                foreach (Predicate child in _children)
                {
                    if (!child.Matches(in f, in meta))
                    {
                        return false;
                    }
                }

                return true;
            case PredicateKind.Meta:
                return meta.Has(MetaKey, MetaValue);
            default:
                return false;
        }
    }

    /// <summary>True when the packet has a TCP or UDP header (port predicates apply to those only).</summary>
    public static bool HasPorts(in ParsedPacket f) => f.HasUlp && f.Protocol is IpProtocol.Tcp or IpProtocol.Udp;

    private bool MatchesPrefix(IpAddr address)
    {
        IpPrefix[] prefixes = _prefixes;
        for (int i = 0; i < prefixes.Length; i++)
        {
            if (prefixes[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsValue(ushort[] values, ushort value)
    {
        foreach (ushort v in values)
        {
            if (v == value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRanges(ushort[] pairs, ushort value)
    {
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            if (value >= pairs[i] && value <= pairs[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesMac(ulong[] macs, ulong mac)
    {
        foreach (ulong m in macs)
        {
            // The group bit is the least significant bit of the first octet (bit 40 of the 48-bit value).
            if (m == MulticastMac ? (mac & 0x0100_0000_0000UL) != 0 : m == mac)
            {
                return true;
            }
        }

        return false;
    }

    private static T[] NonEmpty<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length == 0)
        {
            throw new ArgumentException("a predicate needs at least one value", nameof(items));
        }

        return (T[])items.Clone();
    }

    private static ushort[] Ranges((ushort Low, ushort High)[] ranges)
    {
        NonEmpty(ranges);
        var values = new ushort[ranges.Length * 2];
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Low > ranges[i].High)
            {
                throw new ArgumentException($"range {ranges[i].Low}-{ranges[i].High} is empty", nameof(ranges));
            }

            values[2 * i] = ranges[i].Low;
            values[(2 * i) + 1] = ranges[i].High;
        }

        return values;
    }

    private static ushort[] Ranges((byte Low, byte High)[] ranges) =>
        Ranges(Array.ConvertAll(NonEmpty(ranges), r => ((ushort)r.Low, (ushort)r.High)));

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Kind);
        switch (Kind)
        {
            case PredicateKind.Not:
            case PredicateKind.Any:
            case PredicateKind.All:
                text.Append('(').AppendJoin(", ", _children.Select(c => c.ToString())).Append(')');
                break;
            case PredicateKind.InnerSrcIp:
            case PredicateKind.InnerDstIp:
                text.Append('=').AppendJoin('|', _prefixes);
                break;
            case PredicateKind.InnerEtherDst:
            case PredicateKind.InnerEtherSrc:
                text.Append('=').AppendJoin('|', _macs.Select(m => m == MulticastMac ? "multicast" : m.ToString("X12")));
                break;
            case PredicateKind.Meta:
                text.Append('(').Append(MetaKey).Append('=').Append(MetaValue).Append(')');
                break;
            case PredicateKind.InnerEtherType:
            case PredicateKind.InnerIpProtocol:
                text.Append('=').AppendJoin('|', _values);
                break;
            default:
                text.Append('=');
                for (int i = 0; i + 1 < _values.Length; i += 2)
                {
                    text.Append(i == 0 ? "" : "|").Append(_values[i]);
                    if (_values[i + 1] != _values[i])
                    {
                        text.Append('-').Append(_values[i + 1]);
                    }
                }

                break;
        }

        return text.ToString();
    }
}
