using OpteNic.Packets.Parsing;

namespace OpteNic.Packets.Tests.Parsing;

/// <summary>
/// Every parser, cut at every byte offset: each prefix must be a counted error (Truncated where the frame ends inside
/// a header, BadLength where a length field promises more than is present), never an exception.
/// </summary>
public class TruncationTests
{
    public static TheoryData<string, ParseMode> Frames()
    {
        var data = new TheoryData<string, ParseMode>();
        foreach (string name in Build(ParseMode.Outbound).Keys)
        {
            data.Add(name, ParseMode.Outbound);
        }

        foreach (string name in Build(ParseMode.Inbound).Keys)
        {
            data.Add(name, ParseMode.Inbound);
        }

        return data;
    }

    private static Dictionary<string, byte[]> Build(ParseMode mode)
    {
        var ext = new byte[16];
        ext[0] = 60; ext[1] = 0; ext[8] = 17; // hop-by-hop → destination options → UDP (a fragmented underlay is refused)
        var outbound = new Dictionary<string, byte[]>
        {
            ["tcp4"] = TestFrames.Tcp(false),
            ["tcp6"] = TestFrames.Tcp(true),
            ["udp4"] = TestFrames.Udp(false),
            ["udp6"] = TestFrames.Udp(true),
            ["icmp4"] = TestFrames.IcmpEcho(false),
            ["icmp6"] = TestFrames.IcmpEcho(true),
            ["arp"] = TestFrames.Arp(),
            ["vlan-tcp4"] = TestFrames.WithVlan(TestFrames.Tcp(false), 10),
            ["qinq-udp6"] = TestFrames.WithVlan(TestFrames.WithVlan(TestFrames.Udp(true), 10), 20, 0x88A8),
        };
        if (mode == ParseMode.Outbound)
        {
            return outbound;
        }

        byte[] options = [.. TestFrames.Option(0x0129, 0, []), .. TestFrames.Option(0x0129, 1, [0x40, 0, 0, 0]), .. TestFrames.Option(0x0129, 2, [0, 0, 5, 0xA8])];
        return new Dictionary<string, byte[]>
        {
            ["geneve-tcp4"] = TestFrames.Encapsulate(outbound["tcp4"]),
            ["geneve-opts-udp6"] = TestFrames.Encapsulate(outbound["udp6"], options: options),
            ["geneve-ext-icmp6"] = TestFrames.Encapsulate(outbound["icmp6"], ipv6Extensions: ext, firstExtension: 0),
            ["geneve-arp"] = TestFrames.Encapsulate(outbound["arp"]),
            ["geneve-vlan"] = TestFrames.Encapsulate(outbound["vlan-tcp4"]),
        };
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_prefix_is_a_counted_error(string name, ParseMode mode)
    {
        byte[] frame = Build(mode)[name];
        Assert.True(PacketParser.TryParse(frame, mode, out _, out _), "the whole frame parses");
        var drops = new ParseDropCounters();
        for (int length = 0; length < frame.Length; length++)
        {
            ReadOnlySpan<byte> prefix = frame.AsSpan(0, length);
            bool ok = PacketParser.TryParse(prefix, mode, out _, out ParseError error);
            Assert.False(ok, $"{name}: prefix of {length} bytes parsed");
            Assert.True(error is ParseError.Truncated or ParseError.BadLength, $"{name}: prefix of {length} bytes gave {error}");
            Assert.False(PacketParser.TryParse(prefix, mode, drops, out _));
            Assert.Equal(length + 1, drops.Total);
        }
    }

    [Fact]
    public void Prefix_inside_a_fixed_header_is_truncated_not_bad_length()
    {
        byte[] frame = TestFrames.Tcp(false);
        for (int length = 0; length < 14 + 20; length++)
        {
            Assert.False(PacketParser.TryParse(frame.AsSpan(0, length), ParseMode.Outbound, out _, out ParseError error));
            Assert.Equal(ParseError.Truncated, error);
        }

        Assert.False(PacketParser.TryParse(frame.AsSpan(0, 14 + 20), ParseMode.Outbound, out _, out ParseError afterIp));
        Assert.Equal(ParseError.BadLength, afterIp);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(1234);
        var buffer = new byte[200];
        var drops = new ParseDropCounters();
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer.AsSpan(0, length));
            // Bias towards interesting frames: sometimes make the types plausible.
            if (length > 14 && (i & 1) == 0)
            {
                buffer[12] = (i & 2) == 0 ? (byte)0x86 : (byte)0x08;
                buffer[13] = (i & 2) == 0 ? (byte)0xDD : (byte)0x00;
                buffer[14] = (i & 2) == 0 ? (byte)0x60 : (byte)0x45;
            }

            PacketParser.TryParse(buffer.AsSpan(0, length), (ParseMode)(i % 3), drops, out _);
        }

        Assert.True(drops.Total > 0);
    }
}
