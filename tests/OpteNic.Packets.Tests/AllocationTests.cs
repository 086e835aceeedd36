using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using OpteNic.Packets.Transforms;
using OpteNic.Tests.Shared;

namespace OpteNic.Packets.Tests;

/// <summary>The data path allocates nothing: parse, flow id, replay, compiled apply and hairpin building over thousands of packets.</summary>
public class AllocationTests
{
    private const int Packets = 5000;

    private static readonly HeaderTransform Snat = new()
    {
        InnerIp = IpTransform.Modify(src: IpAddr.Parse("203.0.113.7")),
        InnerUlp = UlpTransform.Modify(srcPort: 40001),
    };

    private static readonly HeaderTransform Encap = HeaderTransform.Encapsulate(
        EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
        IpTransform.PushIpv6(IpAddr.Parse("fd77::1"), IpAddr.Parse("fd77::2"), IpProtocol.Udp),
        EncapTransform.Push(77, 0, new GeneveOptions { HasMss = true, Mss = 1400 }));

    /// <summary>Bytes one window of <see cref="Packets"/> calls allocates once the JIT has settled.</summary>
    private static long Measure(Action<int> perPacket, Action? prepare = null) => SteadyState.AllocatedBytes(
        () =>
        {
            for (int i = 0; i < Packets; i++)
            {
                perPacket(i);
            }
        },
        prepare);

    [Fact]
    public void Outbound_parse_and_compiled_encap_allocate_nothing()
    {
        byte[] frame = TestFrames.Tcp(false, 64);
        var buffer = new PacketBuffer(2048);
        var drops = new ParseDropCounters();
        HeaderTransform[] layers = [Snat, Encap];
        Assert.True(CompiledTransform.TryCompile(layers, out CompiledTransform compiled));
        var holder = new CompiledTransform[] { compiled };
        long allocated = Measure(_ =>
        {
            buffer.TryLoad(frame);
            PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, drops, out ParsedPacket packet);
            InnerFlowId flow = packet.FlowId;
            holder[0].Apply(buffer, ref packet, flow.Hash());
        });
        Assert.Equal(0, allocated);
        Assert.Equal(0, drops.Total);
    }

    [Fact]
    public void Replay_and_inbound_decap_allocate_nothing()
    {
        byte[] outbound = TestFrames.Udp(true, 100);
        byte[] inbound = TestFrames.Encapsulate(TestFrames.Tcp(false, 10));
        var buffer = new PacketBuffer(2048);
        HeaderTransform[] layers = [Snat with { InnerIp = IpTransform.Modify(src: IpAddr.Parse("fd00::99")) }, Encap];
        HeaderTransform[] inboundLayers = [HeaderTransform.Decapsulate, new HeaderTransform { InnerIp = IpTransform.Modify(dst: IpAddr.Parse("10.0.0.99")) }];
        long allocated = Measure(i =>
        {
            if ((i & 1) == 0)
            {
                buffer.TryLoad(outbound);
                PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket packet, out _);
                HeaderTransformer.ApplyAll(buffer, ref packet, layers, packet.FlowId.Hash(), ChecksumOffload.None);
            }
            else
            {
                buffer.TryLoad(inbound);
                PacketParser.TryParse(buffer.Frame, ParseMode.Inbound, out ParsedPacket packet, out _);
                HeaderTransformer.ApplyAll(buffer, ref packet, inboundLayers);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Compiled_decap_and_compiled_push_with_little_headroom_allocate_nothing()
    {
        // The two compiled paths the outbound test does not take: pop (inbound) and the exact-length template copy
        // used when the buffer has less headroom than the template block.
        byte[] inbound = TestFrames.Encapsulate(TestFrames.Tcp(false, 10));
        byte[] outbound = TestFrames.Udp(false, 20);
        var buffer = new PacketBuffer(2048);
        var tight = new PacketBuffer(2048, headroom: 96);
        HeaderTransform[] decap = [HeaderTransform.Decapsulate, new HeaderTransform { InnerIp = IpTransform.Modify(dst: IpAddr.Parse("10.0.0.99")) }];
        HeaderTransform[] encap = [Snat, Encap];
        var entries = new CompiledTransform[2];
        Assert.True(CompiledTransform.TryCompile(decap, out entries[0]));
        Assert.True(CompiledTransform.TryCompile(encap, out entries[1]));
        int applied = 0;
        long allocated = Measure(i =>
        {
            bool isInbound = (i & 1) == 0;
            PacketBuffer target = isInbound ? buffer : tight;
            target.TryLoad(isInbound ? inbound : outbound);
            if (PacketParser.TryParse(target.Frame, isInbound ? ParseMode.Inbound : ParseMode.Outbound, out ParsedPacket packet, out _) &&
                entries[isInbound ? 0 : 1].Apply(target, ref packet, packet.FlowId.Hash()) == TransformError.None)
            {
                applied++;
            }
        }, prepare: () => applied = 0);
        Assert.Equal(0, allocated);
        Assert.Equal(Packets, applied);
    }

    [Fact]
    public void Malformed_frames_and_hairpin_building_allocate_nothing()
    {
        byte[] frame = TestFrames.Tcp(true, 10);
        var drops = new ParseDropCounters();
        var spare = new PacketBuffer(512);
        long allocated = Measure(i =>
        {
            PacketParser.TryParse(frame.AsSpan(0, i % frame.Length), ParseMode.Inbound, drops, out _);
            spare.Reset();
            var builder = new FrameBuilder(spare.WritableFromStart);
            builder.Ethernet(new EthernetHeader(MacAddress.Broadcast, MacAddress.Zero, (ushort)EtherType.Ipv4));
            builder.Ipv4(new Ipv4Header(IpAddr.FromIpv4(1), IpAddr.FromIpv4(2), IpProtocol.Udp, 0));
            builder.Udp(67, 68);
            builder.Payload(240).Clear();
            if (builder.TryFinish(out int length))
            {
                spare.TrySetLength(length);
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(drops.Total > 0);
    }
}
