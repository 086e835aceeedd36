using OpteNic.Packets;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Fuzz;

/// <summary>
/// One fuzz input: byte 0 picks the parse mode and the transformations, the rest is the frame. Parses it; if it
/// parses, checks the parsed view stays inside the frame, then applies the chosen transformations both by replay and
/// compiled and demands identical bytes, and re-parses the result. Any exception or broken invariant is a crash
/// (an <see cref="InvalidOperationException"/>), which the fuzzer saves.
/// </summary>
public static class FuzzTarget
{
    private static readonly PacketBuffer s_replay = new(4096, 256);
    private static readonly PacketBuffer s_compiled = new(4096, 256);
    private static readonly ParseDropCounters s_drops = new();

    private static readonly HeaderTransform s_snat4 = new()
    {
        InnerIp = IpTransform.Modify(src: IpAddr.Parse("203.0.113.7")),
        InnerUlp = UlpTransform.Modify(srcPort: 40001, icmpEchoId: 77),
    };

    private static readonly HeaderTransform s_snat6 = new()
    {
        InnerIp = IpTransform.Modify(dst: IpAddr.Parse("fd00::99")),
        InnerUlp = UlpTransform.Modify(dstPort: 8080, tcpFlags: TcpFlags.Ack),
    };

    private static readonly HeaderTransform s_encap = HeaderTransform.Encapsulate(
        EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
        IpTransform.PushIpv6(IpAddr.Parse("fd77::1"), IpAddr.Parse("fd77::2"), IpProtocol.Udp),
        EncapTransform.Push(77, 0, new GeneveOptions { External = true, HasMss = true, Mss = 1400 }));

    private static readonly HeaderTransform s_vni = new() { OuterEncap = EncapTransform.ModifyVni(99), InnerEther = EtherTransform.Modify(src: MacAddress.Parse("a8:40:25:ff:77:77")) };

    /// <summary>Runs one input; throws only when the packet code misbehaves.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        byte selector = input[0];
        ReadOnlySpan<byte> frame = input.Slice(1);
        var mode = (ParseMode)(selector % 3);
        if (!PacketParser.TryParse(frame, mode, s_drops, out ParsedPacket parsed))
        {
            return;
        }

        CheckView(parsed, frame.Length);
        InnerFlowId flow = parsed.FlowId;
        if (flow.Mirror().Mirror() != flow)
        {
            throw new InvalidOperationException("mirror is not an involution");
        }

        if (frame.Length > s_replay.Capacity - s_replay.Headroom)
        {
            return;
        }

        HeaderTransform inner = parsed.IpVersion == 6 ? s_snat6 : s_snat4;
        ReadOnlySpan<HeaderTransform> layers = ((selector >> 2) & 3) switch
        {
            0 => [inner],
            1 => mode == ParseMode.Inbound ? [s_vni, HeaderTransform.Decapsulate, inner] : [inner, s_encap],
            2 => mode == ParseMode.Inbound ? [HeaderTransform.Decapsulate] : [s_encap],
            _ => [inner, inner],
        };
        var offload = (selector & 0x10) != 0 ? ChecksumOffload.InnerL4 : ChecksumOffload.None;

        s_replay.TryLoad(frame);
        ParsedPacket replayed = parsed;
        TransformError replayError = HeaderTransformer.ApplyAll(s_replay, ref replayed, layers, flow.Hash(), offload);

        if (!CompiledTransform.TryCompile(layers, out CompiledTransform compiled))
        {
            return;
        }

        s_compiled.TryLoad(frame);
        ParsedPacket compiledPacket = parsed;
        TransformError compiledError = compiled.Apply(s_compiled, ref compiledPacket, flow.Hash(), offload);
        if ((replayError == TransformError.None) != (compiledError == TransformError.None))
        {
            throw new InvalidOperationException($"replay {replayError} but compiled {compiledError}");
        }

        if (replayError != TransformError.None)
        {
            return;
        }

        if (!s_replay.Frame.SequenceEqual(s_compiled.Frame))
        {
            throw new InvalidOperationException("compiled bytes differ from replay");
        }

        CheckView(compiledPacket, s_compiled.Length);
        ParseMode again = compiledPacket.IsEncapsulated ? ParseMode.Inbound : ParseMode.Outbound;
        if (!PacketParser.TryParse(s_compiled.Frame, again, out ParsedPacket reparsed, out ParseError error))
        {
            throw new InvalidOperationException($"transformed frame does not parse: {error}");
        }

        if (reparsed.FlowId != compiledPacket.FlowId || reparsed.BodyLength != compiledPacket.BodyLength)
        {
            throw new InvalidOperationException("re-parse disagrees with the kept view");
        }
    }

    private static void CheckView(in ParsedPacket packet, int frameLength)
    {
        if (packet.Length > frameLength || packet.BodyOffset + packet.BodyLength > frameLength || packet.BodyLength < 0 ||
            packet.EtherOffset + packet.EtherLength > frameLength ||
            (packet.IpVersion != 0 && (packet.IpEnd > frameLength || packet.IpOffset + packet.IpHeaderLength > packet.IpEnd)) ||
            (packet.HasUlp && packet.UlpOffset + packet.UlpLength > packet.IpEnd))
        {
            throw new InvalidOperationException("parsed view points outside the frame");
        }
    }
}
