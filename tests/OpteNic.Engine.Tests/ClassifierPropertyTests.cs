using CsCheck;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Tests;

/// <summary>
/// The tuple-space classifier returns exactly the rule a plain ordered scan returns (OPTE's semantics), over random
/// rule sets drawn from a small domain so that overlaps, ties and complex predicates are common.
/// </summary>
public sealed class ClassifierPropertyTests
{
    private static readonly ushort MetaKey = 1;

    [Fact]
    public void Tuple_space_first_match_equals_linear_scan()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var entries = new List<RuleEntry>();
            int count = random.Next(1, 120);
            for (int i = 0; i < count; i++)
            {
                entries.Add(new RuleEntry((ulong)i, RandomRule(random)));
            }

            var classifier = new RuleClassifier(entries, linearThreshold: 0);
            var buffer = new byte[256];
            for (int p = 0; p < 60; p++)
            {
                ParsedPacket packet = RandomPacket(random, buffer, out int length);
                var meta = default(PacketMetadata);
                if (random.Next(2) == 0)
                {
                    meta.TrySet(MetaKey, (ushort)random.Next(1, 3));
                }

                RuleEntry? fast = classifier.Match(in packet, in meta, buffer.AsSpan(0, length));
                RuleEntry? slow = classifier.MatchLinear(in packet, in meta, buffer.AsSpan(0, length));
                if (!ReferenceEquals(fast, slow))
                {
                    throw new InvalidOperationException(
                        $"seed {seed}: classifier chose {fast?.ToString() ?? "none"}, linear chose {slow?.ToString() ?? "none"}");
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Order_is_priority_then_deny_then_newest()
    {
        var allowOld = new RuleEntry(0, Rule.MatchAny(5, RuleAction.Allow));
        var allowNew = new RuleEntry(1, Rule.MatchAny(5, RuleAction.Allow));
        var denyOld = new RuleEntry(2, Rule.MatchAny(5, RuleAction.Deny));
        var denyNew = new RuleEntry(3, Rule.MatchAny(5, RuleAction.Deny));
        var earlier = new RuleEntry(4, Rule.MatchAny(4, RuleAction.StatefulAllow));
        var classifier = new RuleClassifier([allowOld, allowNew, denyOld, denyNew, earlier]);
        Assert.Equal([earlier, denyNew, denyOld, allowNew, allowOld], classifier.Rules.ToArray());
    }

    private static Rule RandomRule(Random random)
    {
        var predicates = new List<Predicate>();
        if (random.Next(3) == 0)
        {
            predicates.Add(Predicate.InnerIpProtocol(random.Next(2) == 0 ? [(byte)IpProtocol.Tcp] : [(byte)IpProtocol.Tcp, (byte)IpProtocol.Udp]));
        }

        if (random.Next(3) == 0)
        {
            predicates.Add(random.Next(3) == 0
                ? Predicate.InnerDstPortRanges(((ushort)random.Next(1, 4), (ushort)random.Next(4, 8)))
                : Predicate.InnerDstPort((ushort)random.Next(1, 6)));
        }

        if (random.Next(4) == 0)
        {
            predicates.Add(Predicate.InnerSrcPortRanges((0, (ushort)random.Next(0, 40000))));
        }

        if (random.Next(3) == 0)
        {
            predicates.Add(Predicate.InnerSrcIp(RandomPrefix(random)));
        }

        if (random.Next(3) == 0)
        {
            predicates.Add(Predicate.InnerDstIp(RandomPrefix(random), RandomPrefix(random)));
        }

        if (random.Next(8) == 0)
        {
            predicates.Add(Predicate.InnerEtherType((ushort)EtherType.Ipv4));
        }

        if (random.Next(10) == 0)
        {
            predicates.Add(Predicate.Not(Predicate.InnerDstPort((ushort)random.Next(1, 6))));
        }

        if (random.Next(10) == 0)
        {
            predicates.Add(Predicate.Any(Predicate.InnerSrcPort((ushort)random.Next(1, 6)), Predicate.InnerIpProtocol((byte)IpProtocol.Udp)));
        }

        if (random.Next(8) == 0)
        {
            predicates.Add(Predicate.Meta(MetaKey, (ushort)random.Next(1, 3)));
        }

        RuleAction action = random.Next(3) switch
        {
            0 => RuleAction.Deny,
            1 => RuleAction.Allow,
            _ => RuleAction.StatefulAllow,
        };
        return new Rule((ushort)random.Next(0, 6), action, predicates);
    }

    private static IpPrefix RandomPrefix(Random random)
    {
        if (random.Next(6) == 0)
        {
            return new IpPrefix(IpAddr.Parse($"fd00::{random.Next(1, 4)}"), random.Next(2) == 0 ? 128 : 64);
        }

        int length = random.Next(4) switch
        {
            0 => 32,
            1 => 24,
            2 => 16,
            _ => 0,
        };
        return new IpPrefix(IpAddr.FromIpv4(0x0A000000u | ((uint)random.Next(0, 3) << 8) | (uint)random.Next(1, 4)), length);
    }

    private static ParsedPacket RandomPacket(Random random, byte[] buffer, out int length)
    {
        bool v6 = random.Next(6) == 0;
        IpAddr src = v6 ? IpAddr.Parse($"fd00::{random.Next(1, 4)}") : IpAddr.FromIpv4(0x0A000000u | ((uint)random.Next(0, 3) << 8) | (uint)random.Next(1, 4));
        IpAddr dst = v6 ? IpAddr.Parse($"fd00::{random.Next(1, 4)}") : IpAddr.FromIpv4(0x0A000000u | ((uint)random.Next(0, 3) << 8) | (uint)random.Next(1, 4));
        var b = new FrameBuilder(buffer);
        b.Ethernet(new EthernetHeader(new MacAddress(2), new MacAddress(4), v6 ? (ushort)EtherType.Ipv6 : (ushort)EtherType.Ipv4));
        IpProtocol protocol = random.Next(5) switch
        {
            0 => IpProtocol.Udp,
            1 => v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp,
            _ => IpProtocol.Tcp,
        };
        if (v6)
        {
            b.Ipv6(new Ipv6Header(src, dst, protocol, 0));
        }
        else
        {
            b.Ipv4(new Ipv4Header(src, dst, protocol, 0));
        }

        ushort sport = (ushort)(random.Next(2) == 0 ? random.Next(1, 6) : random.Next(1, 60000));
        ushort dport = (ushort)random.Next(1, 8);
        switch (protocol)
        {
            case IpProtocol.Tcp:
                b.Tcp(new TcpHeader(sport, dport, 1, 0, TcpFlags.Syn, 1000));
                break;
            case IpProtocol.Udp:
                b.Udp(sport, dport);
                break;
            default:
                b.Icmp(IcmpHeader.Echo(v6 ? (byte)128 : (byte)8, 7, 1));
                break;
        }

        if (!b.TryFinish(out length) || !PacketParser.TryParse(buffer.AsSpan(0, length), ParseMode.Outbound, out ParsedPacket packet, out _))
        {
            throw new InvalidOperationException("test frame did not build");
        }

        return packet;
    }
}
