using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>TCP life cycle through SNAT with expiry, flow-table exhaustion, and guest ↔ guest across two cards.</summary>
public class LifecycleScenarioTests
{
    private static readonly IPAddress s_boundary = IPAddress.Parse("fd00:99::1");
    private static readonly byte[] s_boundaryMac = [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77];

    private static byte[] Out(ushort sport, byte flags, uint seq, uint ack)
        => OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, sport, 443, flags, seq, ack);

    private static byte[] In(ushort dport, byte flags, uint seq, uint ack)
        => OverlayFrames.Geneve(OverlayFrames.TcpV4(s_boundaryMac, TestFrames.GuestMac, VpcScenario.InternetHost, IPAddress.Parse("203.0.113.10"), 443, dport, flags, seq, ack),
            99, s_boundary, IPAddress.Parse("fd00:aaaa::1"), external: true);

    private static string TcpState(VpcScenario s) => Assert.Single(PortDumps.DumpTcpFlows(s.Port.Port).Flows).State;

    [Fact]
    public void Outbound_tcp_life_cycle_through_snat_then_expiry_returns_the_port()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, [])).WithStandardRoutes();
        var pool = s.Port.Nat.Current.SnatV4!.Tcp;
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(Out(40000, OverlayFrames.Syn, 100, 0)).Result.Outcome);
        Assert.Equal("SynSent", TcpState(s));
        Assert.Equal(1, pool.InUse);
        Assert.Equal(ProcessOutcome.Modified, s.Inbound(In(65535, OverlayFrames.Syn | OverlayFrames.Ack, 900, 101)).Result.Outcome);
        Assert.Equal("Established", TcpState(s));
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(Out(40000, OverlayFrames.Ack, 101, 901)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(Out(40000, OverlayFrames.Fin | OverlayFrames.Ack, 101, 901)).Result.Outcome);
        Assert.Equal("FinWait1", TcpState(s));
        Assert.Equal(ProcessOutcome.Modified, s.Inbound(In(65535, OverlayFrames.Fin | OverlayFrames.Ack, 901, 102)).Result.Outcome);
        Assert.Equal("TimeWait", TcpState(s));
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(Out(40000, OverlayFrames.Ack, 102, 902)).Result.Outcome);

        // TimeWait lasts 120 s; after it and the 60 s flow TTLs the NAT flow is gone and its port is free again.
        s.Port.Port.ExpireFlows(s.Now.AddSeconds(121));
        s.Port.Port.ExpireFlows(s.Now.AddSeconds(200));
        Assert.Equal(0, s.Port.Port.TcpFlows.Count);
        Assert.Equal(0, s.Port.Port.UftOut.Count);
        Assert.Equal(0, s.Port.Port.FindLayer("nat")!.Flows.Count);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public void Full_nat_flow_table_is_a_counted_drop_not_a_crash()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, []),
            options: new VpcPortOptions { LayerFlowLimit = 4 }).WithStandardRoutes();
        int modified = 0;
        int dropped = 0;
        for (ushort port = 40000; port < 40008; port++)
        {
            var (result, _) = s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, port, 53));
            if (result.Outcome == ProcessOutcome.Modified)
            {
                modified++;
            }
            else
            {
                Assert.Equal(ProcessOutcome.Drop, result.Outcome);
                dropped++;
            }
        }

        Assert.Equal(4, modified);
        Assert.Equal(4, dropped);
        Assert.Equal(4, s.Port.Port.Outbound.Drop);
    }

    [Fact]
    public void Guest_to_guest_across_two_cards()
    {
        // Card A hosts the guest .5, card B hosts the peer .6; both cards know both guests through their V2P.
        var cardA = new VpcScenario().WithStandardRoutes();
        var networkB = new VpcNetwork(64);
        var peerConfig = VpcScenario.StandardConfig() with
        {
            GuestMac = MacAddr.FromBytes(VpcScenario.PeerMac),
            PhysIp = VpcScenario.PeerPhys,
            IpCfg = PeerIpCfg(),
        };
        Assert.True(VpcPort.TryCreate("xde1", peerConfig, VpcScenario.StandardDhcp, networkB, null, out VpcPort? peer, out var error), error?.ToString());
        Assert.Equal(PortOperationResult.Ok, peer.Port.Start());
        peer.SetFirewallRules([new FirewallRule(Api.Direction.In, new Filters(new FirewallAddress.Any(), new ProtocolFilter.Any(), new Ports.Any()), FirewallAction.Allow, 100)]);

        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, 7000);
        var (sent, wire) = cardA.Outbound(frame);
        Assert.Equal(ProcessOutcome.Modified, sent.Outcome);

        var buffer = new Packets.PacketBuffer(4096);
        Assert.True(buffer.TryLoad(wire));
        ProcessResult received = peer.Port.Process(Direction.Inbound, buffer, cardA.Now);
        Assert.Equal(ProcessOutcome.Modified, received.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, buffer.Frame.ToArray());
        Assert.Equal(VpcScenario.PeerMac, ethernet.DestinationHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.GatewayMac, ethernet.SourceHardwareAddress.GetAddressBytes());
        Assert.Equal(TestFrames.PrivateIpv4, ethernet.Extract<IPv4Packet>().SourceAddress);
        Assert.Equal(VpcScenario.PeerIpv4, ethernet.Extract<IPv4Packet>().DestinationAddress);
        Assert.True(ethernet.Extract<UdpPacket>().ValidUdpChecksum);
        PcapFile.Write("scenario-two-cards", frame, wire, buffer.Frame.ToArray());
    }

    private static IpCfg PeerIpCfg()
    {
        var dual = (IpCfg.DualStack)VpcScenario.StandardConfig().IpCfg;
        return new IpCfg.DualStack(dual.V4 with { PrivateIp = Ipv4Addr.Parse("172.30.0.6") }, dual.V6 with { PrivateIp = Ipv6Addr.Parse("fd00:1122:3344:101::6") });
    }
}
