using System.Buffers.Binary;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Packets.Tests.Transforms;

/// <summary>
/// The corners the fast-path layout introduced: the right-aligned template copy when the buffer has less than the
/// template's worth of headroom, IPv4 headers with options and with a wrong incoming checksum (recomputed, not
/// updated), and the flow hash's two-chain construction.
/// </summary>
public class CompiledFastPathTests
{
    private static readonly HeaderTransform Snat = new()
    {
        InnerIp = IpTransform.Modify(src: IpAddr.Parse("203.0.113.7")),
        InnerUlp = UlpTransform.Modify(srcPort: 40001),
    };

    private static readonly HeaderTransform Encap = HeaderTransform.Encapsulate(
        EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
        IpTransform.PushIpv6(IpAddr.Parse("fd77::1"), IpAddr.Parse("fd77::2"), IpProtocol.Udp),
        EncapTransform.Push(77, 0, new GeneveOptions { External = true, HasMss = true, Mss = 1400 }));

    private static (PacketBuffer Buffer, ParsedPacket Packet) Load(byte[] frame, ParseMode mode, int headroom)
    {
        var buffer = new PacketBuffer(2048, headroom);
        Assert.True(buffer.TryLoad(frame));
        Assert.True(PacketParser.TryParse(buffer.Frame, mode, out ParsedPacket packet, out ParseError error), error.ToString());
        return (buffer, packet);
    }

    /// <summary>A guest IPv4/UDP frame with four bytes of IPv4 options (NOP NOP NOP EOL) and a correct header checksum.</summary>
    private static byte[] Ipv4WithOptions()
    {
        byte[] plain = TestFrames.Udp(false, payloadLength: 12);
        var frame = new byte[plain.Length + 4];
        plain.AsSpan(0, 34).CopyTo(frame);
        frame[34] = 1;
        frame[35] = 1;
        frame[36] = 1;
        frame[37] = 0;
        plain.AsSpan(34).CopyTo(frame.AsSpan(38));
        frame[14] = 0x46;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)(frame.Length - 14));
        InternetChecksum.WriteIpv4HeaderChecksum(frame.AsSpan(14, 24));
        return frame;
    }

    [Theory]
    [InlineData(82)]  // exactly the outer stack (14 + 40 + 8 + 8 + 4 + 8)
    [InlineData(100)] // room for the stack but not for the whole 128-byte template block
    [InlineData(PacketBuffer.DefaultHeadroom)]
    [InlineData(512)]
    public void Compiled_push_equals_replay_whatever_the_headroom(int headroom)
    {
        HeaderTransform[] layers = [Snat, Encap];
        Assert.True(CompiledTransform.TryCompile(layers, out CompiledTransform compiled));
        Assert.Equal(82, compiled.OuterLength);
        foreach (byte[] frame in new[] { TestFrames.Tcp(false, 30), TestFrames.Udp(false, 0), TestFrames.Padded(TestFrames.Udp(false, 2), 60) })
        {
            (PacketBuffer replayBuffer, ParsedPacket replayPacket) = Load(frame, ParseMode.Outbound, headroom);
            uint hash = replayPacket.FlowId.Hash();
            Assert.Equal(TransformError.None, HeaderTransformer.ApplyAll(replayBuffer, ref replayPacket, layers, hash));

            (PacketBuffer buffer, ParsedPacket packet) = Load(frame, ParseMode.Outbound, headroom);
            Assert.Equal(TransformError.None, compiled.Apply(buffer, ref packet, hash));
            Assert.Equal(replayBuffer.Frame.ToArray(), buffer.Frame.ToArray());
            Assert.Equal(replayPacket, packet);
            Assert.Equal(headroom - 82, buffer.Start);
            TestFrames.AssertChecksumsValid(buffer.Frame);
        }
    }

    [Fact]
    public void Compiled_push_without_room_for_the_stack_changes_nothing()
    {
        Assert.True(CompiledTransform.TryCompile([Snat, Encap], out CompiledTransform compiled));
        byte[] frame = TestFrames.Tcp(false, 30);
        (PacketBuffer buffer, ParsedPacket packet) = Load(frame, ParseMode.Outbound, 81);
        ParsedPacket before = packet;
        Assert.Equal(TransformError.NoHeadroom, compiled.Apply(buffer, ref packet, 1));
        Assert.Equal(frame, buffer.Frame.ToArray());
        Assert.Equal(before, packet);
    }

    [Fact]
    public void Ipv4_header_with_options_gets_valid_checksums_after_snat_compiled_and_replayed()
    {
        byte[] frame = Ipv4WithOptions();
        TestFrames.AssertChecksumsValid(frame);
        Assert.True(CompiledTransform.TryCompile([Snat], out CompiledTransform compiled));

        (PacketBuffer replayBuffer, ParsedPacket replayPacket) = Load(frame, ParseMode.Outbound, PacketBuffer.DefaultHeadroom);
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(replayBuffer, ref replayPacket, Snat));
        (PacketBuffer buffer, ParsedPacket packet) = Load(frame, ParseMode.Outbound, PacketBuffer.DefaultHeadroom);
        Assert.Equal(TransformError.None, compiled.Apply(buffer, ref packet));

        Assert.Equal(replayBuffer.Frame.ToArray(), buffer.Frame.ToArray());
        Assert.Equal(24, packet.IpHeaderLength);
        Assert.Equal(IpAddr.Parse("203.0.113.7"), packet.SrcIp);
        TestFrames.AssertChecksumsValid(buffer.Frame);
    }

    [Fact]
    public void Ipv4_header_checksum_is_recomputed_not_carried_over_when_addresses_change()
    {
        // Behaviour §2: the IPv4 header checksum is recomputed. A wrong incoming value must not survive a rewrite (an
        // incremental update would carry the error over).
        byte[] frame = TestFrames.Tcp(false, 10);
        frame[14 + 10] ^= 0x33;
        Assert.True(CompiledTransform.TryCompile([Snat], out CompiledTransform compiled));
        (PacketBuffer buffer, ParsedPacket packet) = Load(frame, ParseMode.Outbound, PacketBuffer.DefaultHeadroom);
        Assert.Equal(TransformError.None, compiled.Apply(buffer, ref packet));
        byte[] header = buffer.Frame.Slice(14, 20).ToArray();
        Assert.Equal(0, InternetChecksum.Compute(header));
        TestFrames.AssertChecksumsValid(buffer.Frame);
    }

    [Fact]
    public void A_transformation_applied_to_a_packet_not_parsed_from_the_frame_is_refused()
    {
        // The rewrite stores without per-field bounds checks; the only guard is that the view fits the frame.
        Assert.True(CompiledTransform.TryCompile([Snat], out CompiledTransform compiled));
        (_, ParsedPacket packet) = Load(TestFrames.Tcp(false, 200), ParseMode.Outbound, PacketBuffer.DefaultHeadroom);
        var small = new PacketBuffer(512);
        Assert.True(small.TryLoad(TestFrames.Udp(false, 0)));
        byte[] before = small.Frame.ToArray();
        Assert.Equal(TransformError.MissingHeader, compiled.Apply(small, ref packet));
        Assert.Equal(TransformError.MissingHeader, HeaderTransformer.Apply(small, ref packet, Snat));
        ParsedPacket empty = default;
        Assert.Equal(TransformError.MissingHeader, compiled.Apply(small, ref empty));
        Assert.Equal(before, small.Frame.ToArray());
    }

    [Fact]
    public void Flow_hash_separates_mirrored_and_prefix_sharing_flows()
    {
        // The hash runs the two addresses through separate chains: make sure swapping them, or flows that differ only
        // in the upper half of an IPv6 address, still land apart.
        var seen = new HashSet<uint>();
        int flows = 0;
        for (int i = 0; i < 4096; i++)
        {
            var a = new IpAddr(0xFD00_0000_0000_0000UL | (uint)i, 1);
            var b = new IpAddr(0xFD00_0000_0000_0000UL | (uint)(i + 1), 1);
            var flow = InnerFlowId.ForPorts(IpProtocol.Udp, a, b, 5000, 5000);
            seen.Add(flow.Hash());
            seen.Add(flow.Mirror().Hash());
            flows += 2;
            Assert.NotEqual(flow.Hash(), flow.Mirror().Hash());
        }

        Assert.True(seen.Count >= flows - 2, $"{flows - seen.Count} collisions among {flows} flows");
    }
}
