using System.Buffers.Binary;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;

namespace OpteNic.Packets.Tests.Transforms;

/// <summary>
/// Inner rewrites compiled against their flow (checksum deltas precomputed) against the generic per-packet rewrite, on
/// the corner cases random scenarios rarely reach: a field set to the value it already has, a UDP datagram without a
/// checksum, both families, TCP and UDP, with and without inner L4 checksum offload.
/// </summary>
public class CompiledInnerForFlowTests
{
    public static TheoryData<bool, bool, bool, bool, bool> Cases()
    {
        var data = new TheoryData<bool, bool, bool, bool, bool>();
        foreach (bool v6 in new[] { false, true })
        {
            foreach (bool tcp in new[] { false, true })
            {
                foreach (bool sameSource in new[] { false, true })
                {
                    foreach (bool zeroUdpChecksum in new[] { false, true })
                    {
                        foreach (bool offload in new[] { false, true })
                        {
                            if (!(tcp && zeroUdpChecksum))
                            {
                                data.Add(v6, tcp, sameSource, zeroUdpChecksum, offload);
                            }
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Precomputed_rewrite_writes_the_generic_bytes(bool v6, bool tcp, bool sameSource, bool zeroUdpChecksum, bool offload)
    {
        byte[] frame = tcp ? TestFrames.Tcp(v6, 12, srcPort: 40000, dstPort: 443) : TestFrames.Udp(v6, 12, srcPort: 5353, dstPort: 53);
        Assert.True(PacketParser.TryParse(frame, ParseMode.Outbound, out ParsedPacket original, out _));
        if (zeroUdpChecksum)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(original.UlpOffset + 6), 0);
        }

        IpAddr newSource = sameSource ? original.SrcIp : TestFrames.Ip(v6 ? System.Net.IPAddress.Parse("fd00::77") : System.Net.IPAddress.Parse("192.0.2.77"));
        var transform = new HeaderTransform
        {
            InnerEther = EtherTransform.Modify(src: new MacAddress(0x02_00_00_00_00_77)),
            InnerIp = IpTransform.Modify(src: newSource, dst: original.DstIp),
            InnerUlp = UlpTransform.Modify(srcPort: sameSource ? original.SrcPort : (ushort)61000, dstPort: original.DstPort),
        };
        ChecksumOffload checksumOffload = offload ? ChecksumOffload.InnerL4 : ChecksumOffload.None;

        Assert.True(CompiledInner.TryCompile(in transform, out CompiledInner generic));
        (PacketBuffer genericBuffer, ParsedPacket genericPacket) = Load(frame);
        Assert.Equal(TransformError.None, generic.Apply(genericBuffer, ref genericPacket, checksumOffload));

        (PacketBuffer flowBuffer, ParsedPacket flowPacket) = Load(frame);
        InnerFlowId flow = flowPacket.FlowId;
        Assert.True(CompiledInner.TryCompile(in transform, in flow, out CompiledInner forFlow));
        Assert.True(forFlow.HasPrecomputedChecksums);
        Assert.Equal(TransformError.None, forFlow.Apply(flowBuffer, ref flowPacket, checksumOffload));

        Assert.Equal(genericBuffer.Frame.ToArray(), flowBuffer.Frame.ToArray());
        Assert.Equal(genericPacket, flowPacket);
        if (!offload)
        {
            TestFrames.AssertChecksumsValid(flowBuffer.Frame);
        }

        if (zeroUdpChecksum)
        {
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(flowBuffer.Frame[(flowPacket.UlpOffset + 6)..]));
        }
    }

    /// <summary>
    /// The IPv4 header checksum is recomputed on both forms: from the whole header when it has options, and from the
    /// per-packet fields plus the flow's rewritten addresses when it has none — also when the checksum that came in was
    /// wrong (a recomputation does not carry an error forward as an incremental update would).
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Precomputed_rewrite_recomputes_the_ipv4_header_checksum(bool options, bool wrongChecksum)
    {
        byte[] frame = TestFrames.Udp(false, 12);
        if (options)
        {
            frame = TestFrames.WithIpv4Option(frame);
        }

        if (wrongChecksum)
        {
            frame[24] ^= 0x5A;
        }

        Assert.True(PacketParser.TryParse(frame, ParseMode.Outbound, out ParsedPacket original, out _));
        var transform = new HeaderTransform
        {
            InnerIp = IpTransform.Modify(src: TestFrames.Ip(System.Net.IPAddress.Parse("192.0.2.77")), dst: original.DstIp),
            InnerUlp = UlpTransform.Modify(srcPort: 61000, dstPort: original.DstPort),
        };
        Assert.True(CompiledInner.TryCompile(in transform, out CompiledInner generic));
        (PacketBuffer genericBuffer, ParsedPacket genericPacket) = Load(frame);
        Assert.Equal(TransformError.None, generic.Apply(genericBuffer, ref genericPacket));

        (PacketBuffer flowBuffer, ParsedPacket flowPacket) = Load(frame);
        InnerFlowId flow = flowPacket.FlowId;
        Assert.True(CompiledInner.TryCompile(in transform, in flow, out CompiledInner forFlow));
        Assert.True(forFlow.HasPrecomputedChecksums);
        Assert.Equal(TransformError.None, forFlow.Apply(flowBuffer, ref flowPacket));

        Assert.Equal(genericBuffer.Frame.ToArray(), flowBuffer.Frame.ToArray());
        // A header whose checksum is right sums to zero once complemented.
        Assert.Equal(0, InternetChecksum.Compute(flowBuffer.Frame.Slice(14, options ? 24 : 20)));
        TestFrames.AssertChecksumsValid(flowBuffer.Frame);
    }

    [Fact]
    public void Tcp_flag_rewrites_and_icmp_flows_keep_the_generic_rewrite()
    {
        byte[] tcp = TestFrames.Tcp(v6: false);
        Assert.True(PacketParser.TryParse(tcp, ParseMode.Outbound, out ParsedPacket tcpPacket, out _));
        InnerFlowId tcpFlow = tcpPacket.FlowId;
        var flags = new HeaderTransform { InnerIp = IpTransform.Modify(src: tcpPacket.DstIp), InnerUlp = UlpTransform.Modify(tcpFlags: OpteNic.Packets.Headers.TcpFlags.Ack) };
        Assert.True(CompiledInner.TryCompile(in flags, in tcpFlow, out CompiledInner withFlags));
        Assert.False(withFlags.HasPrecomputedChecksums);

        byte[] echo = TestFrames.IcmpEcho(v6: false);
        Assert.True(PacketParser.TryParse(echo, ParseMode.Outbound, out ParsedPacket echoPacket, out _));
        InnerFlowId echoFlow = echoPacket.FlowId;
        var nat = new HeaderTransform { InnerIp = IpTransform.Modify(src: echoPacket.DstIp) };
        Assert.True(CompiledInner.TryCompile(in nat, in echoFlow, out CompiledInner icmp));
        Assert.False(icmp.HasPrecomputedChecksums);
    }

    private static (PacketBuffer Buffer, ParsedPacket Packet) Load(byte[] frame)
    {
        var buffer = new PacketBuffer(2048);
        Assert.True(buffer.TryLoad(frame));
        Assert.True(PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket packet, out ParseError error), error.ToString());
        return (buffer, packet);
    }
}
