using CsCheck;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Tests.Transforms;

namespace OpteNic.Packets.Tests.Parsing;

/// <summary>
/// <see cref="PacketParser.TryParseFlow"/> against the full parse: whenever it accepts a frame, the full parse accepts
/// it too and agrees on every value; it accepts the common stacks and declines the rest.
/// </summary>
public class FlowHeaderParseTests
{
    /// <summary>Asserts the agreement; returns whether the lean parse accepted the frame.</summary>
    private static bool AgreesWithFullParse(ReadOnlySpan<byte> frame, ParseMode mode, string label)
    {
        if (!PacketParser.TryParseFlow(frame, mode, out FlowHeaders headers))
        {
            return false;
        }

        Assert.True(PacketParser.TryParse(frame, mode, out ParsedPacket full, out ParseError error), $"{label}: lean parse accepted what the full parse refuses ({error})");
        Assert.Equal(full.FlowId, headers.Flow);
        Assert.Equal(full.FlowId.Hash(), headers.Hash);
        Assert.Equal(full.EtherOffset, headers.EtherOffset);
        Assert.Equal(full.IsEncapsulated, headers.IsEncapsulated);
        Assert.Equal(full.IpOffset, headers.IpOffset);
        Assert.Equal(full.IpHeaderLength, headers.IpHeaderLength);
        Assert.Equal(full.UlpOffset, headers.UlpOffset);
        Assert.Equal(full.Length, headers.Length);
        Assert.Equal(full.IpVersion, headers.IpVersion);
        Assert.Equal(full.IpEnd - full.IpOffset, headers.IpPacketLength);
        Assert.True(full.HasUlp && (full.IsTcp || full.IsUdp) && !full.IsFragment, label);
        Assert.Equal(full.IsTcp, headers.IsTcp);
        Assert.Equal(full.IsTcp ? full.TcpFlags : 0, headers.TcpFlags);
        Assert.Equal(full.IsTcp ? full.TcpSeq : 0, headers.TcpSeq);
        Assert.Equal(full.IsTcp ? full.TcpAck : 0, headers.TcpAck);
        return true;
    }

    public static TheoryData<string, bool> CommonStacks() => new()
    {
        { "tcp4", true }, { "tcp6", true }, { "udp4", true }, { "udp6", true },
        { "geneve-tcp4", true }, { "geneve-udp6", true }, { "padded-udp4", true },
        { "icmp4", false }, { "arp", false }, { "vlan-tcp4", false }, { "ipv4-options", false }, { "ipv4-fragment", false },
        { "ipv6-extension", false }, { "geneve-options", true }, { "geneve-bad-option", false }, { "geneve-vlan", false },
    };

    private static (byte[] Frame, ParseMode Mode) Stack(string name)
    {
        // External, multicast (replication 1) and MSS options, as the full parse knows them; then a truncated option.
        byte[] options = [.. TestFrames.Option(0x0129, 0, []), .. TestFrames.Option(0x0129, 1, [0x40, 0, 0, 0]), .. TestFrames.Option(0x0129, 2, [0, 0, 5, 0xA8])];
        byte[] badOption = [0x01, 0x29, 0x01, 0x02, 0x40, 0, 0, 0];
        byte[] ipv6Extension = new byte[8];
        ipv6Extension[0] = 17; // hop-by-hop → UDP
        return name switch
        {
            "tcp4" => (TestFrames.Tcp(false), ParseMode.Outbound),
            "tcp6" => (TestFrames.Tcp(true), ParseMode.Outbound),
            "udp4" => (TestFrames.Udp(false), ParseMode.Outbound),
            "udp6" => (TestFrames.Udp(true), ParseMode.Outbound),
            "geneve-tcp4" => (TestFrames.Encapsulate(TestFrames.Tcp(false)), ParseMode.Inbound),
            "geneve-udp6" => (TestFrames.Encapsulate(TestFrames.Udp(true)), ParseMode.Inbound),
            "padded-udp4" => (TestFrames.Padded(TestFrames.Udp(false, payloadLength: 2), 60), ParseMode.Outbound),
            "icmp4" => (TestFrames.IcmpEcho(false), ParseMode.Outbound),
            "arp" => (TestFrames.Arp(), ParseMode.Outbound),
            "vlan-tcp4" => (TestFrames.WithVlan(TestFrames.Tcp(false), 10), ParseMode.Outbound),
            "ipv4-options" => (TestFrames.WithIpv4Option(TestFrames.Udp(false)), ParseMode.Outbound),
            "ipv4-fragment" => (WithMoreFragments(TestFrames.Udp(false)), ParseMode.Outbound),
            "ipv6-extension" => (WithIpv6Extension(TestFrames.Udp(true), ipv6Extension), ParseMode.Outbound),
            "geneve-options" => (TestFrames.Encapsulate(TestFrames.Udp(false), options: options), ParseMode.Inbound),
            "geneve-bad-option" => (TestFrames.Encapsulate(TestFrames.Udp(false), options: badOption), ParseMode.Inbound),
            "geneve-vlan" => (TestFrames.Encapsulate(TestFrames.WithVlan(TestFrames.Tcp(false), 10)), ParseMode.Inbound),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(CommonStacks))]
    public void Accepts_the_common_stacks_and_declines_the_rest(string name, bool accepted)
    {
        (byte[] frame, ParseMode mode) = Stack(name);
        // Every stack here is a valid frame except the one with a malformed Geneve option, which both parses refuse.
        bool valid = name != "geneve-bad-option";
        Assert.True(valid == PacketParser.TryParse(frame, mode, out _, out ParseError error), $"{name}: full parse gave {error}");
        Assert.Equal(accepted, AgreesWithFullParse(frame, mode, name));
    }

    [Theory]
    [MemberData(nameof(CommonStacks))]
    public void Every_prefix_is_declined_or_agrees(string name, bool accepted)
    {
        _ = accepted;
        (byte[] frame, ParseMode mode) = Stack(name);
        for (int length = 0; length < frame.Length; length++)
        {
            // A prefix may still be a whole packet (Ethernet padding cut off); otherwise the full parse names the error.
            AgreesWithFullParse(frame.AsSpan(0, length), mode, $"{name} cut to {length}");
        }
    }

    [Fact]
    public void Random_scenario_frames_and_single_byte_damage_agree()
    {
        int accepted = 0;
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            byte[] frame = scenario.Frame;
            accepted += AgreesWithFullParse(frame, scenario.Mode, scenario.ToString()) ? 1 : 0;
            var random = new Random(seed);
            for (int i = 0; i < 24; i++)
            {
                byte[] damaged = (byte[])frame.Clone();
                int at = random.Next(Math.Min(damaged.Length, 140));
                damaged[at] = (byte)random.Next(256);
                AgreesWithFullParse(damaged, scenario.Mode, $"{scenario} with byte {at} = {damaged[at]}");
                AgreesWithFullParse(damaged, (ParseMode)(i % 3), $"{scenario} as {(ParseMode)(i % 3)} with byte {at} = {damaged[at]}");
            }
        }, iter: 1000, threads: 1, print: s => TransformScenario.Create(s).ToString());

        // The property must see accepted frames, not only declined ones.
        Assert.True(accepted > 300, $"{accepted} accepted");
    }

    private static byte[] WithMoreFragments(byte[] frame)
    {
        byte[] result = (byte[])frame.Clone();
        result[20] |= 0x20;
        return result;
    }

    private static byte[] WithIpv6Extension(byte[] frame, byte[] extension)
    {
        byte[] result = [.. frame.AsSpan(0, 54), .. extension, .. frame.AsSpan(54)];
        result[20] = (byte)IpProtocol.HopByHop;
        int payload = (result[18] << 8 | result[19]) + extension.Length;
        result[18] = (byte)(payload >> 8);
        result[19] = (byte)payload;
        return result;
    }
}
