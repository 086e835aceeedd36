using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Dumps;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Tcp;
using OpteNic.Packets;
using IpAddr = OpteNic.Packets.IpAddr;
using OpteNic.Vpc.State;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>
/// Beyond OPTE: a port's whole flow state (NAT assignments, stateful firewall flows in either originating direction,
/// TCP states) moves to another card through a <see cref="PortStateBlob"/>, and its connections continue there — the
/// next packet either way is a UFT hit with the same external address and port.
/// </summary>
public class StateTransferScenarioTests
{
    private static readonly IPAddress s_boundary = IPAddress.Parse("fd00:99::1");
    private static readonly byte[] s_boundaryMac = [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77];
    private static readonly IPAddress s_snat = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress s_floating = IPAddress.Parse("203.0.113.30");

    private static ExternalIpCfg<Ipv4Addr> Snat => new(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, []);

    private static ExternalIpCfg<Ipv4Addr> Floating => new(null, null, [VpcScenario.FloatingIp]);

    private static byte[] GuestTcp(ushort sourcePort, ushort destinationPort, byte flags, uint seq, uint ack)
        => OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, sourcePort, destinationPort, flags, seq, ack);

    private static byte[] InternetTcp(IPAddress external, ushort sourcePort, ushort destinationPort, byte flags, uint seq, uint ack)
        => OverlayFrames.Geneve(OverlayFrames.TcpV4(s_boundaryMac, TestFrames.GuestMac, VpcScenario.InternetHost, external, sourcePort, destinationPort, flags, seq, ack),
            99, s_boundary, IPAddress.Parse("fd00:aaaa::1"), external: true);

    private static (IPv4Packet Ip, TcpPacket Tcp) DecodeOutbound(byte[] output)
    {
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, new UnderlayFrame(output).Inner);
        return (ethernet.Extract<IPv4Packet>(), ethernet.Extract<TcpPacket>());
    }

    private static (IPv4Packet Ip, TcpPacket Tcp) DecodeInbound(byte[] output)
    {
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, output);
        Assert.Equal(TestFrames.GuestMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        return (ethernet.Extract<IPv4Packet>(), ethernet.Extract<TcpPacket>());
    }

    private static TcpFlowDump SingleTcpFlow(VpcScenario s) => Assert.Single(PortDumps.DumpTcpFlows(s.Port.Port).Flows);

    /// <summary>Card A: guest 40000 → internet 443 through SNAT, handshake done, some data both ways.</summary>
    private static VpcScenario EstablishedSnatConnection()
    {
        var a = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(GuestTcp(40000, 443, OverlayFrames.Syn, 1000, 0)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, a.Inbound(InternetTcp(s_snat, 443, 65535, OverlayFrames.Syn | OverlayFrames.Ack, 9000, 1001)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(GuestTcp(40000, 443, OverlayFrames.Ack, 1001, 9001)).Result.Outcome);
        Assert.Equal("Established", SingleTcpFlow(a).State);
        return a;
    }

    /// <summary>Card A: internet 50000 → floating IP port 80, accepted by the guest (inbound-initiated).</summary>
    private static VpcScenario EstablishedInboundToFloatingIp()
    {
        var a = new VpcScenario(Floating).WithStandardRoutes().AllowInbound();
        Assert.Equal(ProcessOutcome.Modified, a.Inbound(InternetTcp(s_floating, 50000, 80, OverlayFrames.Syn, 7000, 0)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(GuestTcp(80, 50000, OverlayFrames.Syn | OverlayFrames.Ack, 3000, 7001)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, a.Inbound(InternetTcp(s_floating, 50000, 80, OverlayFrames.Ack, 7001, 3001)).Result.Outcome);
        Assert.Equal("Established", SingleTcpFlow(a).State);
        return a;
    }

    [Fact]
    public void Established_outbound_snat_connection_continues_on_the_new_card_with_the_same_external_port()
    {
        VpcScenario a = EstablishedSnatConnection();
        FlowState exported = Assert.Single(a.Port.ExportFlows());
        Assert.Equal(Direction.Outbound, exported.Origin);
        Assert.Equal(FlowNatKind.Snat, exported.Nat);
        Assert.Equal(65535, exported.ExternalPort);
        Assert.Equal(TcpState.Established, exported.Tcp!.Value.State);
        byte[] blob = a.Port.ExportState();

        var b = new VpcScenario(Snat).WithStandardRoutes();
        Assert.True(b.Port.TryImportState(blob, b.Now, out PortStateImportResult? result, out PortStateError? error), error?.ToString());
        Assert.Equal(1, result.Restored);
        Assert.Empty(result.Errors);
        TcpFlowDump dumped = SingleTcpFlow(b);
        Assert.Equal("Established", dumped.State);
        Assert.Equal(1001u, dumped.GuestSeq);
        Assert.Equal(9001u, dumped.GuestAck);
        Assert.Equal(1, b.Port.Nat.Current.SnatV4!.Tcp.InUse);
        Assert.Equal(0, b.Port.Nat.PendingReservations);

        // Next guest segment: fast path at once, same SNAT address and port.
        var (outResult, output) = b.AssertDeltas(() => b.Outbound(GuestTcp(40000, 443, OverlayFrames.Ack | OverlayFrames.Psh, 1001, 9001)),
            ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, outResult.Outcome);
        var (ip, tcp) = DecodeOutbound(output);
        Assert.Equal(s_snat, ip.SourceAddress);
        Assert.Equal(65535, tcp.SourcePort);
        Assert.True(tcp.ValidTcpChecksum);

        // Next remote segment: fast path too, back to the guest's port.
        var (inResult, delivered) = b.AssertDeltas(() => b.Inbound(InternetTcp(s_snat, 443, 65535, OverlayFrames.Ack, 9001, 1001)),
            ("in_modified", 1), ("in_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, inResult.Outcome);
        (ip, tcp) = DecodeInbound(delivered);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.Equal(40000, tcp.DestinationPort);
        Assert.Equal("Established", SingleTcpFlow(b).State);

        // A new flow on the new card does not collide with the moved one.
        var (_, fresh) = b.Outbound(GuestTcp(40001, 443, OverlayFrames.Syn, 1, 0));
        Assert.Equal(65534, DecodeOutbound(fresh).Tcp.SourcePort);
    }

    [Fact]
    public void Established_inbound_connection_to_a_floating_ip_continues_and_its_first_packet_after_the_move_may_be_inbound()
    {
        VpcScenario a = EstablishedInboundToFloatingIp();
        FlowState exported = Assert.Single(a.Port.ExportFlows());
        Assert.Equal(Direction.Inbound, exported.Origin);
        Assert.True(exported.OriginKnown);
        Assert.Equal(FlowNatKind.OneToOne, exported.Nat);
        Assert.Equal(OpteNic.Packets.IpAddr.From(s_floating), exported.ExternalIp);

        var b = new VpcScenario(Floating).WithStandardRoutes().AllowInbound();
        Assert.True(b.Port.TryImportState(a.Port.ExportState(), b.Now, out PortStateImportResult? result, out PortStateError? error), error?.ToString());
        Assert.Equal(1, result.Restored);
        Assert.Equal("Established", SingleTcpFlow(b).State);

        // The remote speaks first after the move: a UFT hit, delivered to the guest's port 80.
        var (inResult, delivered) = b.AssertDeltas(() => b.Inbound(InternetTcp(s_floating, 50000, 80, OverlayFrames.Ack | OverlayFrames.Psh, 7001, 3001)),
            ("in_modified", 1), ("in_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, inResult.Outcome);
        var (ip, tcp) = DecodeInbound(delivered);
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.Equal(80, tcp.DestinationPort);

        // The guest answers: a UFT hit, leaving from the floating IP.
        var (outResult, output) = b.AssertDeltas(() => b.Outbound(GuestTcp(80, 50000, OverlayFrames.Ack, 3001, 7001)),
            ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, outResult.Outcome);
        Assert.Equal(s_floating, DecodeOutbound(output).Ip.SourceAddress);
        Assert.Equal("Established", SingleTcpFlow(b).State);
    }

    [Fact]
    public void Tcp_state_other_than_established_moves_too()
    {
        VpcScenario a = EstablishedSnatConnection();
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(GuestTcp(40000, 443, OverlayFrames.Fin | OverlayFrames.Ack, 1001, 9001)).Result.Outcome);
        Assert.Equal("FinWait1", SingleTcpFlow(a).State);

        var b = new VpcScenario(Snat).WithStandardRoutes();
        Assert.True(b.Port.TryImportState(a.Port.ExportState(), b.Now, out PortStateImportResult? result, out _));
        Assert.Equal(1, result.Restored);
        Assert.Equal("FinWait1", SingleTcpFlow(b).State);
        // The remote's FIN+ACK of the guest's FIN completes the close exactly as on the old card.
        Assert.Equal(ProcessOutcome.Modified, b.Inbound(InternetTcp(s_snat, 443, 65535, OverlayFrames.Fin | OverlayFrames.Ack, 9001, 1002)).Result.Outcome);
        Assert.Equal("TimeWait", SingleTcpFlow(b).State);
    }

    [Fact]
    public void Snat_ping_keeps_its_echo_identifier_and_the_reply_may_come_first()
    {
        var a = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(TestFrames.PingV4(VpcScenario.InternetHost, 0x1234, 1, new byte[16])).Result.Outcome);
        FlowState exported = Assert.Single(a.Port.ExportFlows());
        Assert.Equal(FlowNatKind.Snat, exported.Nat);
        Assert.Equal(65535, exported.ExternalPort);

        var b = new VpcScenario(Snat).WithStandardRoutes();
        Assert.True(b.Port.TryImportState(a.Port.ExportState(), b.Now, out PortStateImportResult? result, out _));
        Assert.Equal(1, result.Restored);

        // The echo reply (to the SNAT address and identifier) arrives first: a UFT hit, back to the guest's identifier.
        byte[] reply = OverlayFrames.Geneve(TestFrames.Ethernet(TestFrames.GuestMac, s_boundaryMac, 0x0800,
            TestFrames.Ipv4(VpcScenario.InternetHost, s_snat, 1, TestFrames.IcmpEcho(0, 65535, 1, new byte[16]))), 99, s_boundary, IPAddress.Parse("fd00:aaaa::1"), external: true);
        var (inResult, delivered) = b.AssertDeltas(() => b.Inbound(reply), ("in_modified", 1), ("in_uft_hit", 1));
        Assert.Equal(ProcessOutcome.Modified, inResult.Outcome);
        var echo = ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered)).Extract<IcmpV4Packet>();
        Assert.Equal(0x1234, echo.Id);
        Assert.True(echo.ValidIcmpChecksum);

        var (_, output) = b.AssertDeltas(() => b.Outbound(TestFrames.PingV4(VpcScenario.InternetHost, 0x1234, 2, new byte[16])), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(65535, ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, new UnderlayFrame(output).Inner)).Extract<IcmpV4Packet>().Id);
    }

    [Fact]
    public void Udp_flow_between_guests_started_by_the_peer_is_rebuilt_inbound()
    {
        var a = new VpcScenario().WithStandardRoutes().AllowInbound();
        byte[] fromPeer = OverlayFrames.Geneve(OverlayFrames.UdpV4(VpcScenario.PeerMac, TestFrames.GuestMac, VpcScenario.PeerIpv4, TestFrames.PrivateIpv4, 6000, 53),
            VpcScenario.OwnVni.Value, IPAddress.Parse("fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"));
        byte[] reply = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 53, 6000);
        Assert.Equal(ProcessOutcome.Modified, a.Inbound(fromPeer).Result.Outcome);
        a.Now = a.Now.AddNanoseconds(1_000_000);
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(reply).Result.Outcome);
        FlowState exported = Assert.Single(a.Port.ExportFlows());
        Assert.Equal(Direction.Inbound, exported.Origin);
        Assert.False(exported.OriginKnown);
        Assert.Null(exported.Tcp);

        var b = new VpcScenario().WithStandardRoutes().AllowInbound();
        Assert.True(b.Port.TryImportState(a.Port.ExportState(), b.Now, out PortStateImportResult? result, out _));
        Assert.Equal(1, result.Restored);
        b.AssertDeltas(() => b.Outbound(reply), ("out_modified", 1), ("out_uft_hit", 1));
        b.AssertDeltas(() => b.Inbound(fromPeer), ("in_modified", 1), ("in_uft_hit", 1));
    }

    [Fact]
    public void Flows_the_new_card_cannot_take_are_reported_one_by_one()
    {
        // Two flows: an inbound one to a floating IP (the new card's firewall does not allow inbound) and an outbound one.
        var a = new VpcScenario(Floating).WithStandardRoutes().AllowInbound();
        Assert.Equal(ProcessOutcome.Modified, a.Inbound(InternetTcp(s_floating, 50000, 80, OverlayFrames.Syn, 7000, 0)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(GuestTcp(80, 50000, OverlayFrames.Syn | OverlayFrames.Ack, 3000, 7001)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, a.Outbound(GuestTcp(41000, 443, OverlayFrames.Syn, 1000, 0)).Result.Outcome);

        var b = new VpcScenario(Floating).WithStandardRoutes();
        Assert.True(b.Port.TryImportState(a.Port.ExportState(), b.Now, out PortStateImportResult? result, out _));
        Assert.Equal(1, result.Restored);
        FlowRestoreError refused = Assert.Single(result.Errors);
        Assert.Equal(FlowRestoreErrorKind.Denied, refused.Kind);
        Assert.Contains("firewall", refused.Message);
        Assert.Equal(80, refused.GuestFlow.SrcPort);
        Assert.Equal("SynSent", SingleTcpFlow(b).State);

        // A SNAT port already taken on the new card.
        VpcScenario snatA = EstablishedSnatConnection();
        var busy = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(ProcessOutcome.Modified, busy.Outbound(GuestTcp(50000, 443, OverlayFrames.Syn, 1, 0)).Result.Outcome); // takes 65535
        Assert.True(busy.Port.TryImportState(snatA.Port.ExportState(), busy.Now, out result, out _));
        Assert.Equal(0, result.Restored);
        Assert.Equal(FlowRestoreErrorKind.NatPortUnavailable, Assert.Single(result.Errors).Kind);
        Assert.Equal(1, busy.Port.Nat.Current.SnatV4!.Tcp.InUse);
    }

    [Fact]
    public void A_flow_rebuilt_with_another_translation_is_reported_and_gives_its_snat_port_back()
    {
        // Card B also has an ephemeral IP, which outranks SNAT: the rebuilt flow leaves by it, not by the moved port.
        VpcScenario a = EstablishedSnatConnection();
        var b = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), VpcScenario.EphemeralIp, []))
            .WithStandardRoutes();
        Assert.True(b.Port.TryImportState(a.Port.ExportState(), b.Now, out PortStateImportResult? result, out _));

        Assert.Equal(0, result.Restored);
        Assert.Equal(FlowRestoreErrorKind.ExternalAddressChanged, Assert.Single(result.Errors).Kind);
        Assert.Equal(0, b.Port.Nat.Current.SnatV4!.Tcp.InUse);
        Assert.Equal(0, b.Port.Nat.PendingReservations);
    }

    [Fact]
    public void Damaged_blobs_are_refused_whole_and_change_nothing()
    {
        byte[] blob = EstablishedSnatConnection().Port.ExportState();
        var b = new VpcScenario(Snat).WithStandardRoutes();
        var before = b.Counters();

        // Truncated at every byte offset.
        for (int length = 0; length < blob.Length; length++)
        {
            Assert.False(b.Port.TryImportState(blob.AsSpan(0, length), b.Now, out _, out PortStateError? error));
            Assert.True(error!.Kind is PortStateErrorKind.Truncated or PortStateErrorKind.BadMagic, $"length {length}: {error}");
        }

        // Every single-bit flip is caught (by the checksum, or earlier by the header checks).
        for (int bit = 0; bit < blob.Length * 8; bit++)
        {
            byte[] corrupt = (byte[])blob.Clone();
            corrupt[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(b.Port.TryImportState(corrupt, b.Now, out _, out PortStateError? error), $"bit {bit} flipped was accepted");
            Assert.NotEqual(PortStateErrorKind.OtherPort, error!.Kind);
        }

        byte[] longer = [.. blob, 0];
        Assert.False(b.Port.TryImportState(longer, b.Now, out _, out PortStateError? trailing));
        Assert.Equal(PortStateErrorKind.TrailingBytes, trailing!.Kind);

        byte[] checksumFlip = (byte[])blob.Clone();
        checksumFlip[PortStateBlob.HeaderLength + 10] ^= 0x01;
        Assert.False(b.Port.TryImportState(checksumFlip, b.Now, out _, out PortStateError? mismatch));
        Assert.Equal(PortStateErrorKind.ChecksumMismatch, mismatch!.Kind);

        byte[] version = (byte[])blob.Clone();
        version[5] = 9;
        Assert.False(b.Port.TryImportState(version, b.Now, out _, out PortStateError? unsupported));
        Assert.Equal(PortStateErrorKind.UnsupportedVersion, unsupported!.Kind);
        Assert.Contains("version 9", unsupported.Message);

        Assert.Equal(before, b.Counters());
        Assert.Equal(0, b.Port.Port.TcpFlows.Count);
        Assert.Equal(0, b.Port.Nat.Current.SnatV4!.Tcp.InUse);
        Assert.Equal(0, b.Port.Nat.PendingReservations);
    }

    [Fact]
    public void Well_formed_blobs_with_bad_fields_or_from_another_guest_are_refused_with_the_reason()
    {
        VpcScenario a = EstablishedSnatConnection();
        List<FlowState> flows = a.Port.ExportFlows();
        var b = new VpcScenario(Snat).WithStandardRoutes();

        byte[] otherGuest = PortStateBlob.Write(new MacAddress(0xA8_40_25_F0_00_99), VpcScenario.OwnVni.Value, flows);
        Assert.False(b.Port.TryImportState(otherGuest, b.Now, out _, out PortStateError? error));
        Assert.Equal(PortStateErrorKind.OtherPort, error!.Kind);

        FlowState udpWithTcp = flows[0] with { GuestFlow = new InnerFlowId(IpProtocol.Udp, flows[0].GuestFlow.Src, flows[0].GuestFlow.Dst, 1, 2) };
        byte[] inconsistent = PortStateBlob.Write(new MacAddress(0xA8_40_25_F0_00_05), VpcScenario.OwnVni.Value, [flows[0], udpWithTcp]);
        Assert.False(b.Port.TryImportState(inconsistent, b.Now, out _, out error));
        Assert.Equal(PortStateErrorKind.BadRecord, error!.Kind);
        Assert.StartsWith("record 1 ", error.Message);
        Assert.Equal(0, b.Port.Port.TcpFlows.Count); // record 0 was valid, but nothing is applied from a refused blob

        b.Port.Port.Pause();
        Assert.False(b.Port.TryImportState(a.Port.ExportState(), b.Now, out _, out error));
        Assert.Equal(PortStateErrorKind.PortNotRunning, error!.Kind);
    }

    [Fact]
    public void Blob_round_trips_every_field()
    {
        FlowState[] flows =
        [
            new(InnerFlowId.ForPorts(IpProtocol.Tcp, IpAddr.Parse("172.30.0.5"), IpAddr.Parse("198.51.100.77"), 40000, 443), Direction.Outbound, true, true,
                FlowNatKind.Snat, IpAddr.Parse("203.0.113.10"), 65535, new TcpConnectionState(TcpState.FinWait2, 1, 2, 3, 4, 5, true)),
            new(InnerFlowId.ForPorts(IpProtocol.Udp, IpAddr.Parse("fd00:1122:3344:101::5"), IpAddr.Parse("fd00:1122:3344:101::6"), 53, 6000), Direction.Inbound, false, false,
                FlowNatKind.None, default, 0, null),
            new(InnerFlowId.ForIcmp(IpProtocol.Icmp, IpAddr.Parse("172.30.0.5"), IpAddr.Parse("198.51.100.77"), 0, 0, 77), Direction.Inbound, true, true,
                FlowNatKind.OneToOne, IpAddr.Parse("203.0.113.30"), 0, null),
        ];
        byte[] blob = PortStateBlob.Write(new MacAddress(0xA8_40_25_F0_00_05), 7777, flows);
        Assert.Equal(PortStateBlob.HeaderLength + (3 * PortStateBlob.RecordLength) + PortStateBlob.TrailerLength, blob.Length);
        Assert.True(PortStateBlob.TryRead(blob, out MacAddress mac, out uint vni, out List<FlowState>? read, out _));
        Assert.Equal(0xA8_40_25_F0_00_05UL, mac.Value);
        Assert.Equal(7777u, vni);
        Assert.Equal(flows, read);
    }
}
