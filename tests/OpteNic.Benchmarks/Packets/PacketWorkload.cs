using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Transforms;

namespace OpteNic.Benchmarks.Packets;

/// <summary>
/// Frames and transformations for the packet-level benchmarks: <see cref="FrameCount"/> distinct 64-byte guest
/// IPv4/TCP frames (one per flow), their Geneve-encapsulated inbound counterparts, and the per-layer transformations
/// an outbound (SNAT + MAC rewrite + encapsulation) and an inbound (decapsulation + reverse SNAT + MAC rewrite) UFT
/// entry would hold, compiled once as the engine does at UFT insert.
/// </summary>
public sealed class PacketWorkload
{
    /// <summary>Distinct flows cycled through (a power of two, so the loops mask instead of dividing).</summary>
    public const int FrameCount = 64;

    /// <summary>Wire length of each outbound frame: the 64-byte minimum Ethernet frame without FCS.</summary>
    public const int OutboundFrameLength = 64;

    private static readonly MacAddress GuestMac = MacAddress.Parse("a8:40:25:00:00:01");
    private static readonly MacAddress GatewayMac = MacAddress.Parse("a8:40:25:ff:77:77");
    private static readonly IpAddr GuestIp = IpAddr.Parse("10.0.0.5");
    private static readonly IpAddr RemoteIp = IpAddr.Parse("93.184.216.34");
    private static readonly IpAddr ExternalIp = IpAddr.Parse("203.0.113.7");
    private static readonly IpAddr UnderlaySrc = IpAddr.Parse("fd00:1122:3344:101::1");
    private static readonly IpAddr UnderlayDst = IpAddr.Parse("fd00:1122:3344:1::1");

    private readonly byte[][] _outbound = new byte[FrameCount][];
    private readonly byte[][] _inbound = new byte[FrameCount][];

    public PacketWorkload()
    {
        Span<byte> scratch = stackalloc byte[512];
        for (int i = 0; i < FrameCount; i++)
        {
            var builder = new FrameBuilder(scratch);
            builder.Ethernet(new EthernetHeader(GatewayMac, GuestMac, (ushort)EtherType.Ipv4));
            builder.Ipv4(new Ipv4Header(GuestIp, RemoteIp, IpProtocol.Tcp, 0) { Ttl = 64, Flags = Ipv4Header.DontFragment });
            builder.Tcp(new TcpHeader((ushort)(40000 + i), 443, 1000u * (uint)i, 2000, TcpFlags.Ack, 65000));
            builder.Payload(OutboundFrameLength - builder.Length).Fill((byte)i);
            if (!builder.TryFinish(out int length) || length != OutboundFrameLength)
            {
                throw new InvalidOperationException("benchmark frame did not build");
            }

            _outbound[i] = scratch.Slice(0, length).ToArray();

            // The reply as the underlay delivers it: Geneve over UDP 6081 over IPv6 around the remote's 64-byte frame.
            builder = new FrameBuilder(scratch.Slice(OuterLength));
            builder.Ethernet(new EthernetHeader(GuestMac, GatewayMac, (ushort)EtherType.Ipv4));
            builder.Ipv4(new Ipv4Header(RemoteIp, ExternalIp, IpProtocol.Tcp, 0) { Ttl = 60 });
            builder.Tcp(new TcpHeader(443, (ushort)(1024 + i), 2000, 1000u * (uint)i, TcpFlags.Ack, 65000));
            builder.Payload(OutboundFrameLength - builder.Length).Fill((byte)i);
            if (!builder.TryFinish(out int innerLength))
            {
                throw new InvalidOperationException("benchmark frame did not build");
            }

            int total = WriteOuter(scratch, innerLength, (ushort)(50000 + i));
            _inbound[i] = scratch.Slice(0, total).ToArray();
        }

        Outbound =
        [
            new HeaderTransform { InnerEther = EtherTransform.Modify(dst: GatewayMac) },
            new HeaderTransform { InnerIp = IpTransform.Modify(src: ExternalIp), InnerUlp = UlpTransform.Modify(srcPort: 1024) },
            HeaderTransform.Encapsulate(
                EtherTransform.Push(MacAddress.Zero, MacAddress.Zero, (ushort)EtherType.Ipv6),
                IpTransform.PushIpv6(UnderlaySrc, UnderlayDst, IpProtocol.Udp),
                EncapTransform.Push(0x77_7777)),
        ];
        Inbound =
        [
            HeaderTransform.Decapsulate,
            new HeaderTransform { InnerIp = IpTransform.Modify(dst: GuestIp), InnerUlp = UlpTransform.Modify(dstPort: 40000) },
            new HeaderTransform { InnerEther = EtherTransform.Modify(src: GatewayMac, dst: GuestMac) },
        ];
        if (!CompiledTransform.TryCompile(Outbound, out OutboundCompiled[0]) || !CompiledTransform.TryCompile(Inbound, out InboundCompiled[0]))
        {
            throw new InvalidOperationException("benchmark transformations did not compile");
        }
    }

    private const int OuterLength = EthernetHeader.BaseLength + Ipv6Header.Length + UdpHeader.Length + GeneveHeader.BaseLength;

    /// <summary>The buffer every loop loads frames into (one, as a data-path core reuses its receive buffer).</summary>
    public PacketBuffer Buffer { get; } = new(2048);

    /// <summary>The outbound UFT entry's per-layer list (replayed by <see cref="PacketLoops.ReplayOutbound"/>).</summary>
    public HeaderTransform[] Outbound { get; }

    /// <summary>The inbound UFT entry's per-layer list.</summary>
    public HeaderTransform[] Inbound { get; }

    /// <summary>The compiled outbound entry, in an array so it is applied in place like a UFT slot.</summary>
    public CompiledTransform[] OutboundCompiled { get; } = new CompiledTransform[1];

    /// <summary>The compiled inbound entry, in an array so it is applied in place like a UFT slot.</summary>
    public CompiledTransform[] InboundCompiled { get; } = new CompiledTransform[1];

    /// <summary>The guest's 64-byte outbound frame of flow <paramref name="index"/>.</summary>
    public byte[] OutboundFrame(int index) => _outbound[index];

    /// <summary>The encapsulated inbound frame of flow <paramref name="index"/>.</summary>
    public byte[] InboundFrame(int index) => _inbound[index];

    private static int WriteOuter(Span<byte> frame, int innerLength, ushort entropy)
    {
        int total = OuterLength + innerLength;
        int position = new EthernetHeader(GatewayMac, MacAddress.Parse("a8:40:25:00:00:99"), (ushort)EtherType.Ipv6).WriteTo(frame);
        position += new Ipv6Header(UnderlayDst, UnderlaySrc, IpProtocol.Udp, (ushort)(total - position - Ipv6Header.Length)) { HopLimit = 64 }
            .WriteTo(frame.Slice(position));
        position += new UdpHeader(entropy, 6081, (ushort)(total - position)).WriteTo(frame.Slice(position));
        position += new GeneveHeader(0x77_7777, GeneveOptions.None).WriteTo(frame.Slice(position));
        return position + innerLength;
    }
}
