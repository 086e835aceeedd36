using OpteNic.Engine.Actions;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// A firewall-like inbound rule table of <see cref="RuleCount"/> rules in four shapes (peer subnet + port, port only,
/// host + port, peer /16) and 64 parsed packets, half matching some rule and half matching none (a linear scan's
/// worst case).
/// </summary>
public sealed class RuleWorkload
{
    public RuleWorkload(int ruleCount)
    {
        RuleCount = ruleCount;
        var random = new Random(ruleCount);
        var entries = new List<RuleEntry>(ruleCount);
        for (int i = 0; i < ruleCount; i++)
        {
            uint peer = 0xC0A80000u + ((uint)i << 8);
            ushort port = (ushort)(1000 + (i % 50000));
            Predicate[] predicates = (i % 4) switch
            {
                0 => [Predicate.InnerIpProtocol((byte)IpProtocol.Tcp), Predicate.InnerSrcIp(new IpPrefix(IpAddr.FromIpv4(peer), 24)), Predicate.InnerDstPort(port)],
                1 => [Predicate.InnerIpProtocol((byte)IpProtocol.Tcp, (byte)IpProtocol.Udp), Predicate.InnerDstPort(port)],
                2 => [Predicate.InnerIpProtocol((byte)IpProtocol.Tcp), Predicate.InnerDstIp(IpPrefix.Exact(IpAddr.FromIpv4(0x0A000005))), Predicate.InnerDstPort(port)],
                _ => [Predicate.InnerSrcIp(new IpPrefix(IpAddr.FromIpv4(0xAC100000u + ((uint)i << 16)), 16))],
            };
            entries.Add(new RuleEntry((ulong)i, new Rule((ushort)(100 + (i % 200)), i % 7 == 0 ? RuleAction.Deny : RuleAction.StatefulAllow, predicates)));
        }

        Classifier = new RuleClassifier(entries);
        Packets = new ParsedPacket[64];
        FrameBytes = new byte[64][];
        for (int p = 0; p < Packets.Length; p++)
        {
            int target = random.Next(ruleCount);
            bool hit = p % 2 == 0;
            uint src = hit ? 0xC0A80000u + ((uint)target << 8) + 9 : 0x0B000000u + (uint)random.Next(1 << 20);
            ushort port = hit ? (ushort)(1000 + (target % 50000)) : (ushort)(60000 + random.Next(5000));
            byte[] frame = new byte[128];
            var b = new FrameBuilder(frame);
            b.Ethernet(new EthernetHeader(new MacAddress(2), new MacAddress(4), (ushort)EtherType.Ipv4));
            b.Ipv4(new Ipv4Header(IpAddr.FromIpv4(src), IpAddr.FromIpv4(0x0A000005), IpProtocol.Tcp, 0));
            b.Tcp(new TcpHeader(40000, port, 1, 0, TcpFlags.Syn, 1000));
            b.TryFinish(out int length);
            FrameBytes[p] = frame[..length];
            PacketParser.TryParse(FrameBytes[p], ParseMode.Outbound, out Packets[p], out _);
        }
    }

    public int RuleCount { get; }
    public RuleClassifier Classifier { get; }
    public ParsedPacket[] Packets { get; }
    public byte[][] FrameBytes { get; }
}
