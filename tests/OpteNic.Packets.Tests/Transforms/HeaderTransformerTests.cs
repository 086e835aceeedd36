using System.Buffers.Binary;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Packets.Tests.Transforms;

public class HeaderTransformerTests
{
    private static readonly IpAddr ExternalIp = IpAddr.Parse("203.0.113.7");
    private static readonly IpAddr UnderlaySrc = IpAddr.Parse("fd77::10");
    private static readonly IpAddr UnderlayDst = IpAddr.Parse("fd77::20");

    private static (PacketBuffer, ParsedPacket) Load(byte[] frame, ParseMode mode, int headroom = PacketBuffer.DefaultHeadroom)
    {
        var buffer = new PacketBuffer(2048, headroom);
        Assert.True(buffer.TryLoad(frame));
        Assert.True(PacketParser.TryParse(buffer.Frame, mode, out ParsedPacket packet, out ParseError error), error.ToString());
        return (buffer, packet);
    }

    private static HeaderTransform Encap(uint vni = 1234, ushort entropy = 0, GeneveOptions options = default) => HeaderTransform.Encapsulate(
        EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
        IpTransform.PushIpv6(UnderlaySrc, UnderlayDst, IpProtocol.Udp),
        EncapTransform.Push(vni, entropy, options));

    [Fact]
    public void Snat_rewrites_address_and_port_with_valid_checksums()
    {
        (PacketBuffer buffer, ParsedPacket packet) = Load(TestFrames.Tcp(false, 40), ParseMode.Outbound);
        var snat = new HeaderTransform { InnerIp = IpTransform.Modify(src: ExternalIp), InnerUlp = UlpTransform.Modify(srcPort: 40001) };
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(buffer, ref packet, snat));
        Assert.Equal(ExternalIp, packet.SrcIp);
        Assert.Equal(40001, packet.SrcPort);
        TestFrames.AssertChecksumsValid(buffer.Frame);
        Assert.True(PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket again, out _));
        Assert.Equal(packet.FlowId, again.FlowId);
    }

    [Fact]
    public void Untouched_flow_keeps_its_checksums_even_when_wrong()
    {
        byte[] frame = TestFrames.Tcp(false, 10);
        frame[14 + 20 + 16] ^= 0x5A; // corrupt the TCP checksum: an untouched flow must pass it on as is
        (PacketBuffer buffer, ParsedPacket packet) = Load(frame, ParseMode.Outbound);
        var ether = new HeaderTransform { InnerEther = EtherTransform.Modify(dst: MacAddress.Parse("a8:40:25:77:77:77")) };
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(buffer, ref packet, ether));
        Assert.Equal(frame.AsSpan(6).ToArray(), buffer.Frame.Slice(6).ToArray());
        Assert.Equal(MacAddress.Parse("a8:40:25:77:77:77"), MacAddress.Read(buffer.Frame));
    }

    [Fact]
    public void Encapsulation_push_then_inbound_parse_sees_it()
    {
        byte[] inner = TestFrames.Padded(TestFrames.Udp(true, 4), 80);
        (PacketBuffer buffer, ParsedPacket packet) = Load(inner, ParseMode.Outbound);
        int innerLength = packet.Length;
        var options = new GeneveOptions { HasMss = true, Mss = 1400 };
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(buffer, ref packet, Encap(4242, 0, options), flowHash: 0x1234_5678));
        Assert.Equal(14 + 40 + 8 + 8 + 8 + innerLength, buffer.Length); // padding dropped
        Assert.True(PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, out ParsedPacket outer, out ParseError error), error.ToString());
        Assert.Equal(4242u, outer.GeneveVni);
        Assert.Equal(options, outer.GeneveOptions);
        Assert.Equal(InnerFlowId.EntropyFromHash(0x1234_5678), outer.OuterUdpSrcPort);
        Assert.Equal(UnderlaySrc, outer.OuterIpSrc);
        Assert.Equal(MacAddress.Zero, outer.OuterEtherSrc);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(buffer.Frame.Slice(outer.OuterUdpOffset + 6))); // UDP checksum 0
        Assert.Equal(inner.AsSpan(0, innerLength).ToArray(), buffer.Frame.Slice(outer.EtherOffset).ToArray());
        Assert.Equal(outer.EtherOffset, packet.EtherOffset);
    }

    [Fact]
    public void Decapsulation_pops_to_the_inner_frame()
    {
        byte[] inner = TestFrames.Tcp(false, 12);
        (PacketBuffer buffer, ParsedPacket packet) = Load(TestFrames.Encapsulate(inner, vni: 99), ParseMode.Inbound);
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(buffer, ref packet, HeaderTransform.Decapsulate));
        Assert.Equal(inner, buffer.Frame.ToArray());
        Assert.False(packet.IsEncapsulated);
        Assert.Equal(0, packet.EtherOffset);
        Assert.Equal(14, packet.IpOffset);
    }

    [Fact]
    public void Geneve_vni_modify_in_place()
    {
        (PacketBuffer buffer, ParsedPacket packet) = Load(TestFrames.Encapsulate(TestFrames.Udp(false), vni: 5), ParseMode.Inbound);
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(buffer, ref packet, new HeaderTransform { OuterEncap = EncapTransform.ModifyVni(0xFEDCBA) }));
        Assert.True(PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, out ParsedPacket again, out _));
        Assert.Equal(0xFEDCBAu, again.GeneveVni);
        Assert.Equal(0xFEDCBAu, packet.GeneveVni);
    }

    [Fact]
    public void Errors_leave_the_packet_untouched()
    {
        byte[] frame = TestFrames.Tcp(false);
        (PacketBuffer buffer, ParsedPacket packet) = Load(frame, ParseMode.Outbound);
        ParsedPacket before = packet;
        var cases = new (HeaderTransform Transform, TransformError Expected)[]
        {
            (new HeaderTransform { InnerIp = IpTransform.Modify(src: IpAddr.Parse("fd00::1")), InnerUlp = UlpTransform.Modify(srcPort: 1) }, TransformError.FamilyMismatch),
            (HeaderTransform.Decapsulate, TransformError.MissingHeader),
            (new HeaderTransform { OuterEncap = EncapTransform.ModifyVni(3), InnerUlp = UlpTransform.Modify(dstPort: 1) }, TransformError.MissingHeader),
            (new HeaderTransform { InnerEther = EtherTransform.Pop }, TransformError.Unsupported),
            (new HeaderTransform { InnerIp = IpTransform.PushIpv4(ExternalIp, ExternalIp, IpProtocol.Udp) }, TransformError.Unsupported),
        };
        foreach ((HeaderTransform transform, TransformError expected) in cases)
        {
            Assert.Equal(expected, HeaderTransformer.Apply(buffer, ref packet, transform));
            Assert.Equal(frame, buffer.Frame.ToArray());
            Assert.Equal(before, packet);
        }

        (PacketBuffer small, ParsedPacket smallPacket) = Load(frame, ParseMode.Outbound, headroom: 40);
        Assert.Equal(TransformError.NoHeadroom, HeaderTransformer.Apply(small, ref smallPacket, Encap()));
        Assert.Equal(frame, small.Frame.ToArray());
        Assert.True(CompiledTransform.TryCompile([Encap()], out CompiledTransform compiled));
        Assert.Equal(TransformError.NoHeadroom, compiled.Apply(small, ref smallPacket));
        Assert.Equal(frame, small.Frame.ToArray());

        (PacketBuffer encapsulated, ParsedPacket encapsulatedPacket) = Load(TestFrames.Encapsulate(frame), ParseMode.Inbound);
        Assert.Equal(TransformError.SlotOccupied, HeaderTransformer.Apply(encapsulated, ref encapsulatedPacket, Encap()));
        Assert.Equal(TransformError.SlotOccupied, compiled.Apply(encapsulated, ref encapsulatedPacket));
    }

    [Fact]
    public void Piecewise_outer_pushes_build_the_same_stack()
    {
        HeaderTransform all = Encap(entropy: 777);
        (PacketBuffer a, ParsedPacket pa) = Load(TestFrames.Udp(false), ParseMode.Outbound);
        (PacketBuffer b, ParsedPacket pb) = Load(TestFrames.Udp(false), ParseMode.Outbound);
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(a, ref pa, all));
        // Three layers each pushing one slot, innermost first: every push re-emits the outer stack.
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(b, ref pb, new HeaderTransform { OuterEncap = all.OuterEncap }));
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(b, ref pb, new HeaderTransform { OuterIp = all.OuterIp }));
        Assert.Equal(TransformError.None, HeaderTransformer.Apply(b, ref pb, new HeaderTransform { OuterEther = all.OuterEther }));
        Assert.Equal(a.Frame.ToArray(), b.Frame.ToArray());
        Assert.Equal(pa, pb);
    }

    [Fact]
    public void Composition_rules()
    {
        var modifyA = new HeaderTransform { InnerIp = IpTransform.Modify(src: ExternalIp), InnerUlp = UlpTransform.Modify(srcPort: 1, dstPort: 2) };
        var modifyB = new HeaderTransform { InnerIp = IpTransform.Modify(dst: ExternalIp), InnerUlp = UlpTransform.Modify(srcPort: 3) };
        Assert.True(HeaderTransform.TryCompose(modifyA, modifyB, out HeaderTransform merged));
        Assert.Equal(IpFields.Src | IpFields.Dst, merged.InnerIp.Set);
        Assert.Equal(3, merged.InnerUlp.SrcPort);
        Assert.Equal(2, merged.InnerUlp.DstPort);

        HeaderTransform encap = Encap(vni: 1);
        Assert.True(HeaderTransform.TryCompose(encap, new HeaderTransform { OuterEncap = EncapTransform.ModifyVni(9) }, out HeaderTransform pushModified));
        Assert.Equal(HeaderAction.Push, pushModified.OuterEncap.Action);
        Assert.Equal(9u, pushModified.OuterEncap.Vni);

        Assert.True(HeaderTransform.TryCompose(encap, HeaderTransform.Decapsulate, out HeaderTransform cancelled));
        Assert.True(cancelled.IsIdentity);
        Assert.False(HeaderTransform.TryCompose(HeaderTransform.Decapsulate, encap, out _));
        Assert.False(HeaderTransform.TryCompose(encap, encap, out _));
        Assert.True(HeaderTransform.TryCompose(new HeaderTransform { OuterEncap = EncapTransform.ModifyVni(3) }, HeaderTransform.Decapsulate, out HeaderTransform popped));
        Assert.Equal(HeaderTransform.Decapsulate, popped);
        Assert.True(HeaderTransform.TryCompose([modifyA, HeaderTransform.Identity, modifyB], out HeaderTransform folded));
        Assert.Equal(merged, folded);
    }

    [Fact]
    public void Compile_refuses_what_it_cannot_express()
    {
        Assert.False(CompiledTransform.TryCompile([Encap()], hasBodyTransform: true, out _));
        Assert.False(CompiledTransform.TryCompile([new HeaderTransform { OuterEncap = EncapTransform.ModifyVni(3) }], out _));
        Assert.False(CompiledTransform.TryCompile([new HeaderTransform { OuterEther = EtherTransform.Pop }], out _));
        HeaderTransform encap = Encap();
        Assert.False(CompiledTransform.TryCompile([new HeaderTransform { OuterIp = encap.OuterIp, OuterEncap = encap.OuterEncap }], out _));
        Assert.False(CompiledTransform.TryCompile([HeaderTransform.Decapsulate, encap], out _));
        Assert.True(CompiledTransform.TryCompile([new HeaderTransform { OuterEncap = encap.OuterEncap }, new HeaderTransform { OuterIp = encap.OuterIp, OuterEther = encap.OuterEther }], out CompiledTransform split));
        Assert.Equal(CompiledOuter.PushAll, split.Outer);
        Assert.Equal(70, split.OuterLength);
        Assert.True(CompiledTransform.TryCompile([], out CompiledTransform identity));
        Assert.Equal(CompiledOuter.None, identity.Outer);
        ParsedPacket none = default;
        Assert.Equal(TransformError.Unsupported, default(CompiledTransform).Apply(new PacketBuffer(256), ref none));
    }
}
