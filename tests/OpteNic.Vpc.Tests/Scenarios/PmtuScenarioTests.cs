using System.Buffers.Binary;
using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Packets;
using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>
/// Beyond OPTE: a guest packet over the port MTU is answered by the gateway with ICMP "fragmentation needed" / ICMPv6
/// "packet too big" on the data path — for a flow's first packet (UFT miss) and for an established flow (UFT hit) —
/// instead of being dropped silently.
/// </summary>
public class PmtuScenarioTests
{
    private const int Mtu = 1500;

    private static ExternalIpCfg<Ipv4Addr> Snat => new(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, []);

    /// <summary>A guest → internet TCP segment whose IPv4 packet is <paramref name="ipLength"/> bytes.</summary>
    private static byte[] TcpToInternet(int ipLength, byte flags = OverlayFrames.Ack, bool dontFragment = true, ushort sourcePort = 40000)
        => OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, sourcePort, 443, flags,
            seq: 5000, ack: 7000, payload: Payload(ipLength - 40), dontFragment: dontFragment);

    /// <summary>A guest → peer UDP datagram whose IPv6 packet is <paramref name="ipLength"/> bytes.</summary>
    private static byte[] UdpToPeerV6(int ipLength)
        => OverlayFrames.UdpV6(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv6, VpcScenario.PeerIpv6, 5000, 9, Payload(ipLength - 48));

    private static byte[] Payload(int length)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 7);
        }

        return payload;
    }

    /// <summary>Checks an ICMPv4 fragmentation-needed hairpin field by field against the request that caused it.</summary>
    private static void AssertFragmentationNeeded(byte[] request, byte[] reply)
    {
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.Equal(TestFrames.GatewayIpv4, ip.SourceAddress);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.Equal(GatewayResponder.Ipv4Ttl, ip.TimeToLive);
        Assert.Equal(PacketDotNet.ProtocolType.Icmp, ip.Protocol);
        Assert.True(ip.ValidIPChecksum);
        Assert.Equal(GatewayResponder.IcmpV4ErrorLimit, ip.TotalLength);
        var icmp = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(IcmpV4TypeCode.UnreachableFragmentationNeeded, icmp.TypeCode);
        Assert.True(icmp.ValidIcmpChecksum);
        byte[] icmpBytes = icmp.Bytes;
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(icmpBytes.AsSpan(4)));
        Assert.Equal(Mtu, BinaryPrimitives.ReadUInt16BigEndian(icmpBytes.AsSpan(6)));

        // The quote is the guest's packet exactly as sent (private source, untranslated), cut at the 576-byte limit.
        int quoted = GatewayResponder.IcmpV4ErrorLimit - 20 - 8;
        Assert.Equal(request.AsSpan(14, quoted).ToArray(), icmpBytes.AsSpan(8, quoted).ToArray());
        var quote = new IPv4Packet(new PacketDotNet.Utils.ByteArraySegment(icmpBytes, 8, quoted));
        Assert.Equal(TestFrames.PrivateIpv4, quote.SourceAddress);
        Assert.Equal(VpcScenario.InternetHost, quote.DestinationAddress);
    }

    private static void AssertPacketTooBig(byte[] request, byte[] reply)
    {
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, reply);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        var ip = ethernet.Extract<IPv6Packet>();
        Assert.Equal(TestFrames.GatewayLinkLocal, ip.SourceAddress);
        Assert.Equal(TestFrames.PrivateIpv6, ip.DestinationAddress);
        Assert.Equal(GatewayResponder.IcmpV6ErrorLimit - 40, ip.PayloadLength);
        var icmp = ethernet.Extract<IcmpV6Packet>();
        Assert.Equal(IcmpV6Type.PacketTooBig, icmp.Type);
        Assert.Equal(0, icmp.Code);
        Assert.True(icmp.ValidIcmpChecksum);
        byte[] icmpBytes = icmp.Bytes;
        Assert.Equal((uint)Mtu, BinaryPrimitives.ReadUInt32BigEndian(icmpBytes.AsSpan(4)));
        int quoted = GatewayResponder.IcmpV6ErrorLimit - 40 - 8;
        Assert.Equal(request.AsSpan(14, quoted).ToArray(), icmpBytes.AsSpan(8, quoted).ToArray());
    }

    [Fact]
    public void First_oversized_ipv4_packet_with_dont_fragment_gets_fragmentation_needed()
    {
        var s = new VpcScenario(Snat).WithStandardRoutes();
        byte[] request = TcpToInternet(Mtu + 1, OverlayFrames.Syn);
        var (result, reply) = s.AssertDeltas(() => s.Outbound(request), ("out_hairpin", 1));

        Assert.Equal(ProcessOutcome.Hairpin, result.Outcome);
        AssertFragmentationNeeded(request, reply);
        PcapFile.Write("scenario-pmtu-first-packet-v4", request, reply);
        Assert.Equal(1, s.Port.Port.OutboundSize.TooBig);
        Assert.Equal(1, s.Port.Port.OutboundSize.Hairpinned);
        Assert.Equal(1, s.Port.Hairpins.Replies(GatewayHairpinKind.PacketTooBig));
        Assert.Equal(0, s.Port.Nat.Current.SnatV4!.Tcp.InUse); // nothing was set up for the refused packet
        Assert.Equal(0, s.Port.Port.TcpFlows.Count);
    }

    [Fact]
    public void Oversized_packet_on_an_established_flow_gets_fragmentation_needed_and_the_flow_keeps_its_fast_path()
    {
        var s = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpToInternet(40, OverlayFrames.Syn)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpToInternet(Mtu)).Result.Outcome); // exactly the MTU fits (UFT hit)

        byte[] request = TcpToInternet(Mtu + 1);
        var (result, reply) = s.AssertDeltas(() => s.Outbound(request), ("out_hairpin", 1));
        Assert.Equal(ProcessOutcome.Hairpin, result.Outcome);
        AssertFragmentationNeeded(request, reply);
        PcapFile.Write("scenario-pmtu-established-v4", request, reply);

        // The connection is untouched: the next segment that fits is still a UFT hit with the same SNAT port.
        var (next, output) = s.AssertDeltas(() => s.Outbound(TcpToInternet(1000)), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, next.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, new UnderlayFrame(output).Inner);
        Assert.Equal(65535, ethernet.Extract<TcpPacket>().SourcePort);
    }

    [Fact]
    public void Oversized_ipv6_gets_packet_too_big_on_first_packet_and_established_flow()
    {
        var s = new VpcScenario().WithStandardRoutes();
        byte[] first = UdpToPeerV6(Mtu + 100);
        var (result, reply) = s.AssertDeltas(() => s.Outbound(first), ("out_hairpin", 1));
        Assert.Equal(ProcessOutcome.Hairpin, result.Outcome);
        AssertPacketTooBig(first, reply);
        PcapFile.Write("scenario-pmtu-first-packet-v6", first, reply);

        Assert.Equal(ProcessOutcome.Modified, s.Outbound(UdpToPeerV6(200)).Result.Outcome);
        byte[] big = UdpToPeerV6(3000);
        (result, reply) = s.AssertDeltas(() => s.Outbound(big), ("out_hairpin", 1));
        Assert.Equal(ProcessOutcome.Hairpin, result.Outcome);
        AssertPacketTooBig(big, reply);
        s.AssertDeltas(() => s.Outbound(UdpToPeerV6(Mtu)), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(2, s.Port.Port.OutboundSize.Hairpinned);
    }

    [Fact]
    public void Oversized_ipv4_without_dont_fragment_is_a_counted_drop()
    {
        var s = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpToInternet(40, OverlayFrames.Syn)).Result.Outcome);
        var (result, _) = s.AssertDeltas(() => s.Outbound(TcpToInternet(Mtu + 1, dontFragment: false)), ("out_drop", 1));

        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal(DropReason.PacketTooBig, result.DropReason);
        Assert.Equal(1, s.Port.Port.OutboundSize.Dropped);
        Assert.Equal(1, s.Port.Hairpins.NoReply(HairpinVerdict.NotApplicable));
        var stats = PortStatistics.Snapshot(s.Port.Port);
        Assert.Equal(1, stats["out_too_big"]);
        Assert.Equal(1, stats["out_drop_too_big"]);
        Assert.Equal(0, stats["out_too_big_hairpin"]);
    }

    [Fact]
    public void Oversized_frame_from_another_mac_is_dropped_not_answered()
    {
        var s = new VpcScenario(Snat).WithStandardRoutes();
        byte[] spoofed = OverlayFrames.TcpV4([0xA8, 0x40, 0x25, 0xF0, 0x00, 0x99], TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost,
            40000, 443, OverlayFrames.Syn, payload: Payload(Mtu), dontFragment: true);
        var (result, _) = s.AssertDeltas(() => s.Outbound(spoofed), ("out_drop", 1));
        Assert.Equal(DropReason.PacketTooBig, result.DropReason);
    }

    [Fact]
    public void Burst_processing_answers_oversized_packets_like_single_processing()
    {
        var s = new VpcScenario(Snat).WithStandardRoutes();
        byte[][] frames = [TcpToInternet(40, OverlayFrames.Syn), TcpToInternet(Mtu + 1), TcpToInternet(500), UdpToPeerV6(Mtu + 1), TcpToInternet(Mtu + 1, dontFragment: false)];
        var buffers = frames.Select(f =>
        {
            var buffer = new PacketBuffer(4096);
            Assert.True(buffer.TryLoad(f));
            return buffer;
        }).ToArray();
        var results = new ProcessResult[frames.Length];
        s.Port.Port.ProcessBurst(Direction.Outbound, buffers, results, s.Now);

        Assert.Equal([ProcessOutcome.Modified, ProcessOutcome.Hairpin, ProcessOutcome.Modified, ProcessOutcome.Hairpin, ProcessOutcome.Drop],
            results.Select(r => r.Outcome).ToArray());
        AssertFragmentationNeeded(frames[1], buffers[1].Frame.ToArray());
        AssertPacketTooBig(frames[3], buffers[3].Frame.ToArray());
        Assert.Equal(1, s.Port.Port.Outbound.UftHit);
    }

    [Fact]
    public void Answering_oversized_packets_allocates_nothing()
    {
        var s = new VpcScenario(Snat).WithStandardRoutes();
        byte[] established = TcpToInternet(Mtu + 1);
        byte[] v6 = UdpToPeerV6(Mtu + 1);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpToInternet(40, OverlayFrames.Syn)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Hairpin, s.Outbound(established).Result.Outcome);
        Assert.Equal(ProcessOutcome.Hairpin, s.Outbound(v6).Result.Outcome);

        int hairpins = 0;
        long allocated = Allocations.QuietestWindow(_ =>
        {
            for (int i = 0; i < 3_000; i++)
            {
                s.Buffer.TryLoad(established);
                hairpins += s.Port.Port.Process(Direction.Outbound, s.Buffer, s.Now).Outcome == ProcessOutcome.Hairpin ? 1 : 0;
                s.Buffer.TryLoad(v6);
                hairpins += s.Port.Port.Process(Direction.Outbound, s.Buffer, s.Now).Outcome == ProcessOutcome.Hairpin ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(18_000, hairpins);
    }

    [Fact]
    public void Engine_without_a_responder_drops_and_counts_oversized_packets()
    {
        // The engine hook is general: a port with a limit and no responder drops with a reason, in both directions.
        var s = new VpcScenario(Snat).WithStandardRoutes();
        s.Port.Port.SetPacketSizeLimit(Direction.Outbound, 1000, responder: null);
        Assert.Equal(1000, s.Port.Port.PacketSizeLimit(Direction.Outbound));
        Assert.Null(s.Port.Port.PacketSizeLimit(Direction.Inbound));
        var (result, _) = s.AssertDeltas(() => s.Outbound(TcpToInternet(1001, OverlayFrames.Syn)), ("out_drop", 1));
        Assert.Equal(DropReason.PacketTooBig, result.DropReason);
        s.AssertDeltas(() => s.Outbound(TcpToInternet(1000, OverlayFrames.Syn)),
            ("out_modified", 1), ("out_uft_miss", 1), ("uft_out_flows", 1), ("firewall.flows", 1), ("nat.flows", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Port.Port.SetPacketSizeLimit(Direction.Inbound, 67, null));

        s.Port.Port.SetPacketSizeLimit(Direction.Outbound, null, null);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(TcpToInternet(3000, OverlayFrames.Ack, sourcePort: 40000)).Result.Outcome);
    }
}
