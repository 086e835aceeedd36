using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Packets.Tests.Transforms;

/// <summary>A random packet and the per-layer transformations a UFT entry would hold for it, built from a seed.</summary>
internal sealed record TransformScenario(int Seed, byte[] Frame, ParseMode Mode, HeaderTransform[] Layers, bool Ipv6Inner)
{
    public override string ToString() => $"seed {Seed}: {Mode} {Frame.Length} bytes, layers [{string.Join(" | ", Layers.Select(l => l.ToString()))}]";

    public static TransformScenario Create(int seed)
    {
        var random = new Random(seed);
        bool v6 = random.Next(2) == 0;
        int kind = random.Next(3);
        int payload = random.Next(4) == 0 ? 0 : random.Next(1, 120);
        byte[] frame = kind switch
        {
            0 => TestFrames.Tcp(v6, payload, (ushort)random.Next(1, 65536), (ushort)random.Next(1, 65536), syn: random.Next(2) == 0),
            1 => TestFrames.Udp(v6, payload, (ushort)random.Next(1, 65536), (ushort)random.Next(1, 65536)),
            _ => TestFrames.IcmpEcho(v6, (ushort)random.Next(65536), (ushort)random.Next(65536), payload),
        };
        if (random.Next(4) == 0)
        {
            frame = TestFrames.WithVlan(frame, (ushort)random.Next(4096));
        }

        if (random.Next(3) == 0)
        {
            frame = TestFrames.Padded(frame, 60 + random.Next(20));
        }

        bool inbound = random.Next(2) == 0;
        if (inbound)
        {
            frame = TestFrames.Encapsulate(frame, vni: (uint)random.Next(1 << 24), entropy: (ushort)random.Next(65536));
        }

        int layerCount = random.Next(1, 6);
        var layers = new HeaderTransform[layerCount];
        int outerLayer = random.Next(layerCount);
        for (int i = 0; i < layerCount; i++)
        {
            layers[i] = new HeaderTransform
            {
                InnerEther = random.Next(3) == 0 ? EtherTransform.Modify(Maybe(random, RandomMac), Maybe(random, RandomMac)) : EtherTransform.Ignore,
                InnerIp = random.Next(2) == 0 ? IpTransform.Modify(Maybe(random, r => RandomIp(r, v6)), Maybe(random, r => RandomIp(r, v6))) : IpTransform.Ignore,
                InnerUlp = random.Next(2) == 0
                    ? UlpTransform.Modify(Maybe(random, r => (ushort)r.Next(65536)), Maybe(random, r => (ushort)r.Next(65536)),
                        Maybe(random, r => (TcpFlags)r.Next(256)), Maybe(random, r => (ushort)r.Next(65536)))
                    : UlpTransform.Ignore,
            };
            if (!inbound && i == outerLayer)
            {
                bool outerV4 = random.Next(5) == 0;
                var options = new GeneveOptions
                {
                    External = random.Next(2) == 0,
                    HasMulticast = random.Next(3) == 0,
                    Replication = (MulticastReplication)random.Next(3),
                    HasMss = random.Next(2) == 0,
                    Mss = (uint)random.Next(536, 9000),
                };
                layers[i] = layers[i] with
                {
                    OuterEther = EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, outerV4 ? (ushort)EtherType.Ipv4 : (ushort)EtherType.Ipv6),
                    OuterIp = outerV4
                        ? IpTransform.PushIpv4(RandomIp(random, false), RandomIp(random, false), IpProtocol.Udp, Ipv4Header.DontFragment)
                        : IpTransform.PushIpv6(RandomIp(random, true), RandomIp(random, true), IpProtocol.Udp),
                    OuterEncap = EncapTransform.Push((uint)random.Next(1 << 24), random.Next(2) == 0 ? (ushort)0 : (ushort)random.Next(1, 65536), options),
                };
            }
            else if (inbound && i == outerLayer)
            {
                layers[i] = layers[i] with { OuterEther = EtherTransform.Pop, OuterIp = IpTransform.Pop, OuterEncap = EncapTransform.Pop };
            }
            else if (inbound && i < outerLayer && random.Next(3) == 0)
            {
                layers[i] = layers[i] with { OuterEncap = EncapTransform.ModifyVni((uint)random.Next(1 << 24)) };
            }
        }

        return new TransformScenario(seed, frame, inbound ? ParseMode.Inbound : ParseMode.Outbound, layers, v6);
    }

    private static T? Maybe<T>(Random random, Func<Random, T> make)
        where T : struct => random.Next(2) == 0 ? make(random) : null;

    private static MacAddress RandomMac(Random random) => new((ulong)random.NextInt64(1L << 48));

    private static IpAddr RandomIp(Random random, bool v6) =>
        v6 ? new IpAddr(0xFD00_0000_0000_0000UL | (ulong)random.NextInt64(1L << 48), (ulong)random.NextInt64()) : IpAddr.FromIpv4((uint)random.Next(1, int.MaxValue));
}
