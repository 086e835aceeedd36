using CsCheck;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Packets.Tests.Transforms;

/// <summary>
/// Property tests over random packets and random per-layer transformation lists: the compiled entry gives the same
/// bytes as replaying each layer; every emitted frame has valid checksums per PacketDotNet; emitting then parsing
/// again gives back what <see cref="ParsedPacket"/> was kept at.
/// </summary>
public class CompiledTransformPropertyTests
{
    private static (PacketBuffer Buffer, ParsedPacket Packet) Load(TransformScenario scenario)
    {
        var buffer = new PacketBuffer(2048);
        Assert.True(buffer.TryLoad(scenario.Frame));
        Assert.True(PacketParser.TryParse(buffer.Frame, scenario.Mode, out ParsedPacket packet, out ParseError error), error.ToString());
        return (buffer, packet);
    }

    /// <summary>The shared outer half of a split entry: the composed transformation without its inner slots, compiled.</summary>
    private static CompiledTransform OuterHalf(in HeaderTransform composed)
    {
        HeaderTransform outerHalf = composed with { InnerEther = default, InnerIp = default, InnerUlp = default };
        Assert.True(CompiledTransform.TryCompile([outerHalf], out CompiledTransform outer));
        return outer;
    }

    [Fact]
    public void Compiled_equals_replay()
    {
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(CompiledTransform.TryCompile(scenario.Layers, out CompiledTransform compiled), scenario.ToString());

            (PacketBuffer replayBuffer, ParsedPacket replayPacket) = Load(scenario);
            uint flowHash = replayPacket.FlowId.Hash();
            Assert.Equal(TransformError.None, HeaderTransformer.ApplyAll(replayBuffer, ref replayPacket, scenario.Layers, flowHash));

            (PacketBuffer compiledBuffer, ParsedPacket compiledPacket) = Load(scenario);
            Assert.Equal(TransformError.None, compiled.Apply(compiledBuffer, ref compiledPacket, flowHash));

            Assert.Equal(replayBuffer.Frame.ToArray(), compiledBuffer.Frame.ToArray());
            Assert.Equal(replayPacket, compiledPacket);
        }, iter: 1500, print: s => TransformScenario.Create(s).ToString());
    }

    [Fact]
    public void Split_shared_outer_plus_per_flow_inner_equals_the_whole()
    {
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(CompiledTransform.TryCompile(scenario.Layers, out CompiledTransform whole), scenario.ToString());
            Assert.True(HeaderTransform.TryCompose(scenario.Layers, out HeaderTransform composed));
            Assert.True(CompiledInner.TryCompile(in composed, out CompiledInner inner));
            CompiledTransform outer = OuterHalf(in composed);

            (PacketBuffer wholeBuffer, ParsedPacket wholePacket) = Load(scenario);
            uint flowHash = wholePacket.FlowId.Hash();
            Assert.Equal(TransformError.None, whole.Apply(wholeBuffer, ref wholePacket, flowHash));

            (PacketBuffer splitBuffer, ParsedPacket splitPacket) = Load(scenario);
            TransformError error = outer.Outer == CompiledOuter.None
                ? inner.Apply(splitBuffer, ref splitPacket)
                : outer.Apply(splitBuffer, ref splitPacket, in inner, flowHash, ChecksumOffload.None);
            Assert.Equal(TransformError.None, error);
            Assert.Equal(wholeBuffer.Frame.ToArray(), splitBuffer.Frame.ToArray());
            Assert.Equal(wholePacket, splitPacket);
        }, iter: 1000, print: s => TransformScenario.Create(s).ToString());
    }

    [Fact]
    public void Inner_compiled_for_its_flow_equals_the_generic_inner()
    {
        int precomputed = 0;
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(HeaderTransform.TryCompose(scenario.Layers, out HeaderTransform composed));
            Assert.True(CompiledInner.TryCompile(in composed, out CompiledInner generic));
            CompiledTransform outer = OuterHalf(in composed);

            foreach (ChecksumOffload offload in new[] { ChecksumOffload.None, ChecksumOffload.InnerL4 })
            {
                (PacketBuffer genericBuffer, ParsedPacket genericPacket) = Load(scenario);
                InnerFlowId flow = genericPacket.FlowId;
                uint flowHash = flow.Hash();
                Assert.True(CompiledInner.TryCompile(in composed, in flow, out CompiledInner forFlow));
                precomputed += forFlow.HasPrecomputedChecksums ? 1 : 0;
                TransformError genericError = outer.Outer == CompiledOuter.None
                    ? generic.Apply(genericBuffer, ref genericPacket, offload)
                    : outer.Apply(genericBuffer, ref genericPacket, in generic, flowHash, offload);

                (PacketBuffer flowBuffer, ParsedPacket flowPacket) = Load(scenario);
                TransformError flowError = outer.Outer == CompiledOuter.None
                    ? forFlow.Apply(flowBuffer, ref flowPacket, offload)
                    : outer.Apply(flowBuffer, ref flowPacket, in forFlow, flowHash, offload);
                Assert.Equal(genericError, flowError);
                Assert.Equal(genericBuffer.Frame.ToArray(), flowBuffer.Frame.ToArray());
                Assert.Equal(genericPacket, flowPacket);
            }
        }, iter: 1500, threads: 1, print: s => TransformScenario.Create(s).ToString());

        // The property must exercise the precomputed form, not only its fallback.
        Assert.True(precomputed > 300, $"{precomputed} precomputed");
    }

    [Fact]
    public void Flow_headers_apply_equals_the_full_apply()
    {
        int lean = 0;
        int narrowed = 0;
        int wide = 0;
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(HeaderTransform.TryCompose(scenario.Layers, out HeaderTransform composed));
            CompiledTransform outer = OuterHalf(in composed);
            foreach (ChecksumOffload offload in new[] { ChecksumOffload.None, ChecksumOffload.InnerL4 })
            {
                (PacketBuffer fullBuffer, ParsedPacket fullPacket) = Load(scenario);
                InnerFlowId flow = fullPacket.FlowId;
                uint flowHash = flow.Hash();
                Assert.True(CompiledInner.TryCompile(in composed, in flow, out CompiledInner forFlow));
                TransformError fullError = outer.Outer == CompiledOuter.None
                    ? forFlow.Apply(fullBuffer, ref fullPacket, offload)
                    : outer.Apply(fullBuffer, ref fullPacket, in forFlow, flowHash, offload);

                (PacketBuffer leanBuffer, _) = Load(scenario);
                byte[] before = leanBuffer.Frame.ToArray();
                if (!PacketParser.TryParseFlow(leanBuffer.Frame, scenario.Mode, out FlowHeaders headers))
                {
                    continue;
                }

                bool applied = outer.Outer == CompiledOuter.None
                    ? forFlow.TryApplyFlow(leanBuffer, in headers, offload)
                    : outer.TryApplyFlow(leanBuffer, in headers, in forFlow, headers.Hash, offload);
                if (FlowRewrite.TryCreate(in forFlow, out FlowRewrite narrow))
                {
                    // The UFT slot's narrow form decides and writes exactly as the compiled inner it came from, read as the
                    // table reads it: the per-flow fields and the shared MACs apart, through a view.
                    Assert.True(narrow.IsValid);
                    (PacketBuffer narrowBuffer, _) = Load(scenario);
                    FlowRewriteFields fields = narrow.Fields;
                    FlowRewriteMacs macs = narrow.Macs;
                    var view = new FlowRewriteView(in fields, in macs);
                    bool narrowApplied = outer.Outer == CompiledOuter.None
                        ? view.TryApplyFlow(narrowBuffer, in headers, offload)
                        : outer.TryApplyFlow(narrowBuffer, in headers, in view, headers.Hash, offload);
                    Assert.Equal(applied, narrowApplied);
                    Assert.Equal(leanBuffer.Frame.ToArray(), narrowBuffer.Frame.ToArray());
                    narrowed += narrowApplied ? 1 : 0;
                }
                else
                {
                    wide++;
                }

                if (!applied)
                {
                    // Declined: untouched, and the full form is what runs instead.
                    Assert.Equal(before, leanBuffer.Frame.ToArray());
                    continue;
                }

                lean++;
                Assert.Equal(TransformError.None, fullError);
                Assert.Equal(fullBuffer.Frame.ToArray(), leanBuffer.Frame.ToArray());
            }
        }, iter: 1500, threads: 1, print: s => TransformScenario.Create(s).ToString());

        // The property must exercise the lean form, not only its refusals, and the narrow form both ways.
        Assert.True(lean > 300, $"{lean} lean applies");
        Assert.True(narrowed > 300, $"{narrowed} narrow applies");
        Assert.True(wide > 0, "no rewrite without a narrow form was generated");
    }

    [Fact]
    public void Flow_headers_apply_declines_what_the_full_apply_would_refuse()
    {
        byte[] frame = TestFrames.Udp(false);
        var transform = HeaderTransform.Identity with
        {
            OuterEther = EtherTransform.Push(new MacAddress(0x02_00_00_00_00_01), new MacAddress(0x02_00_00_00_00_02), (ushort)EtherType.Ipv6),
            OuterIp = IpTransform.PushIpv6(TestFrames.Ip(TestFrames.UnderlaySrc), TestFrames.Ip(TestFrames.UnderlayDst), IpProtocol.Udp),
            OuterEncap = EncapTransform.Push(77, 0),
        };
        Assert.True(CompiledTransform.TryCompile([transform], out CompiledTransform push));
        HeaderTransform identity = HeaderTransform.Identity;
        Assert.True(CompiledInner.TryCompile(in identity, out CompiledInner none));

        var cramped = new PacketBuffer(frame.Length + 16, headroom: 16);
        Assert.True(cramped.TryLoad(frame));
        Assert.True(PacketParser.TryParseFlow(cramped.Frame, ParseMode.Outbound, out FlowHeaders headers));
        Assert.False(push.TryApplyFlow(cramped, in headers, in none, headers.Hash, ChecksumOffload.None));
        Assert.Equal(frame, cramped.Frame.ToArray());

        byte[] encapsulated = TestFrames.Encapsulate(frame);
        var buffer = new PacketBuffer(2048);
        Assert.True(buffer.TryLoad(encapsulated));
        Assert.True(PacketParser.TryParseFlow(buffer.Frame, ParseMode.Inbound, out FlowHeaders inbound));
        Assert.False(push.TryApplyFlow(buffer, in inbound, in none, inbound.Hash, ChecksumOffload.None));
        Assert.Equal(encapsulated, buffer.Frame.ToArray());

        // A pop needs outer headers: a plain frame (read in the unencapsulated inbound mode) is declined untouched.
        var popTransform = HeaderTransform.Identity with { OuterEther = EtherTransform.Pop, OuterIp = IpTransform.Pop, OuterEncap = EncapTransform.Pop };
        Assert.True(CompiledTransform.TryCompile([popTransform], out CompiledTransform pop));
        var plain = new PacketBuffer(2048);
        Assert.True(plain.TryLoad(frame));
        Assert.True(PacketParser.TryParseFlow(plain.Frame, ParseMode.InboundUnencapsulated, out FlowHeaders unencapsulated));
        Assert.False(pop.TryApplyFlow(plain, in unencapsulated, in none, unencapsulated.Hash, ChecksumOffload.None));
        Assert.Equal(frame, plain.Frame.ToArray());

        // A default (never compiled) transformation is declined too.
        Assert.False(default(CompiledTransform).TryApplyFlow(plain, in unencapsulated, in none, unencapsulated.Hash, ChecksumOffload.None));
        Assert.Equal(frame, plain.Frame.ToArray());
    }

    [Fact]
    public void Folding_skips_identity_steps_without_changing_the_result()
    {
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            var withIdentities = new List<HeaderTransform> { HeaderTransform.Identity };
            foreach (HeaderTransform layer in scenario.Layers)
            {
                withIdentities.Add(layer);
                withIdentities.Add(HeaderTransform.Identity);
            }

            // Reference: the plain pairwise fold from the identity, every step included.
            HeaderTransform expected = HeaderTransform.Identity;
            foreach (HeaderTransform step in withIdentities)
            {
                Assert.True(HeaderTransform.TryCompose(expected, step, out HeaderTransform next));
                expected = next;
            }

            Assert.True(HeaderTransform.TryCompose(withIdentities.ToArray(), out HeaderTransform folded));
            Assert.Equal(expected, folded);
        }, iter: 1000, print: s => TransformScenario.Create(s).ToString());
    }

    [Fact]
    public void Split_apply_without_headroom_changes_nothing()
    {
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(HeaderTransform.TryCompose(scenario.Layers, out HeaderTransform composed));
            Assert.True(CompiledInner.TryCompile(in composed, out CompiledInner inner));
            CompiledTransform outer = OuterHalf(in composed);
            if (outer.Outer != CompiledOuter.PushAll)
            {
                return;
            }

            var buffer = new PacketBuffer(2048, headroom: outer.OuterLength - 1);
            Assert.True(buffer.TryLoad(scenario.Frame));
            Assert.True(PacketParser.TryParse(buffer.Frame, scenario.Mode, out ParsedPacket packet, out _));
            ParsedPacket before = packet;
            Assert.Equal(TransformError.NoHeadroom, outer.Apply(buffer, ref packet, in inner, 7, ChecksumOffload.None));
            Assert.Equal(scenario.Frame, buffer.Frame.ToArray());
            Assert.Equal(before, packet);
        }, iter: 300, print: s => TransformScenario.Create(s).ToString());
    }

    [Fact]
    public void Emitted_frames_have_valid_checksums_and_reparse_to_the_kept_state()
    {
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(CompiledTransform.TryCompile(scenario.Layers, out CompiledTransform compiled));
            (PacketBuffer buffer, ParsedPacket packet) = Load(scenario);
            Assert.Equal(TransformError.None, compiled.Apply(buffer, ref packet, packet.FlowId.Hash()));

            TestFrames.AssertChecksumsValid(buffer.Frame);
            if (packet.OuterIpVersion == 4)
            {
                return; // the inbound parser accepts only an IPv6 underlay (behaviour §2); checksums were checked above
            }

            ParseMode mode = packet.IsEncapsulated ? ParseMode.Inbound : ParseMode.Outbound;
            Assert.True(PacketParser.TryParse(buffer.Frame, mode, out ParsedPacket reparsed, out ParseError error), error.ToString());
            AssertSameView(packet, reparsed);
        }, iter: 800, print: s => TransformScenario.Create(s).ToString());
    }

    [Fact]
    public void Checksum_offload_changes_only_the_inner_l4_checksum()
    {
        Gen.Int.Sample(seed =>
        {
            TransformScenario scenario = TransformScenario.Create(seed);
            Assert.True(CompiledTransform.TryCompile(scenario.Layers, out CompiledTransform compiled));
            (PacketBuffer full, ParsedPacket fullPacket) = Load(scenario);
            (PacketBuffer offloaded, ParsedPacket offloadedPacket) = Load(scenario);
            byte[] before = offloaded.Frame.ToArray();
            int checksumOffsetBefore = ChecksumOffset(offloadedPacket);
            ushort originalChecksum = (ushort)((before[checksumOffsetBefore] << 8) | before[checksumOffsetBefore + 1]);
            Assert.Equal(TransformError.None, compiled.Apply(full, ref fullPacket, 1));
            Assert.Equal(TransformError.None, compiled.Apply(offloaded, ref offloadedPacket, 1, ChecksumOffload.InnerL4));
            byte[] a = full.Frame.ToArray();
            byte[] b = offloaded.Frame.ToArray();
            int at = ChecksumOffset(fullPacket);
            Assert.Equal(originalChecksum, (ushort)((b[at] << 8) | b[at + 1]));
            a[at] = b[at];
            a[at + 1] = b[at + 1];
            Assert.Equal(a, b);
        }, iter: 300, print: s => TransformScenario.Create(s).ToString());
    }

    private static int ChecksumOffset(in ParsedPacket packet) => packet.UlpOffset + packet.Protocol switch
    {
        IpProtocol.Tcp => 16,
        IpProtocol.Udp => 6,
        _ => 2,
    };

    private static void AssertSameView(in ParsedPacket kept, in ParsedPacket reparsed)
    {
        Assert.Equal(kept.IsEncapsulated, reparsed.IsEncapsulated);
        Assert.Equal(kept.Length, reparsed.Length);
        Assert.Equal((kept.OuterEtherSrc, kept.OuterEtherDst, kept.OuterIpOffset, kept.OuterIpLength, kept.OuterIpSrc, kept.OuterIpDst),
            (reparsed.OuterEtherSrc, reparsed.OuterEtherDst, reparsed.OuterIpOffset, reparsed.OuterIpLength, reparsed.OuterIpSrc, reparsed.OuterIpDst));
        Assert.Equal((kept.OuterUdpOffset, kept.OuterUdpSrcPort, kept.GeneveOffset, kept.GeneveLength, kept.GeneveVni, kept.GeneveOptions),
            (reparsed.OuterUdpOffset, reparsed.OuterUdpSrcPort, reparsed.GeneveOffset, reparsed.GeneveLength, reparsed.GeneveVni, reparsed.GeneveOptions));
        Assert.Equal((kept.EtherOffset, kept.EtherLength, kept.EtherSrc, kept.EtherDst, kept.EtherType),
            (reparsed.EtherOffset, reparsed.EtherLength, reparsed.EtherSrc, reparsed.EtherDst, reparsed.EtherType));
        Assert.Equal((kept.IpOffset, kept.IpHeaderLength, kept.SrcIp, kept.DstIp, kept.Protocol, kept.IpEnd),
            (reparsed.IpOffset, reparsed.IpHeaderLength, reparsed.SrcIp, reparsed.DstIp, reparsed.Protocol, reparsed.IpEnd));
        Assert.Equal((kept.UlpOffset, kept.SrcPort, kept.DstPort, kept.TcpFlags, kept.IcmpEchoId, kept.BodyOffset, kept.BodyLength),
            (reparsed.UlpOffset, reparsed.SrcPort, reparsed.DstPort, reparsed.TcpFlags, reparsed.IcmpEchoId, reparsed.BodyOffset, reparsed.BodyLength));
        Assert.Equal(kept.FlowId, reparsed.FlowId);
    }
}
