using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>The inbound TCP life cycle to a floating IP: handshake, data, passive close, and the flow's removal.</summary>
public class InboundLifecycleScenarioTests
{
    private static readonly IPAddress s_floating = IPAddress.Parse("203.0.113.30");
    private static readonly byte[] s_boundaryMac = [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77];

    private static byte[] In(byte flags, uint seq, uint ack) => OverlayFrames.Geneve(
        OverlayFrames.TcpV4(s_boundaryMac, TestFrames.GuestMac, VpcScenario.InternetHost, s_floating, 50000, 80, flags, seq, ack),
        99, IPAddress.Parse("fd00:99::1"), IPAddress.Parse("fd00:aaaa::1"), external: true);

    private static byte[] Out(byte flags, uint seq, uint ack)
        => OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, 80, 50000, flags, seq, ack);

    [Fact]
    public void Remote_opens_and_closes_a_connection_to_the_floating_ip()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(null, null, [VpcScenario.FloatingIp])).WithStandardRoutes();
        s.Port.SetFirewallRules([new FirewallRule(Api.Direction.In, new Filters(new FirewallAddress.Any(), new ProtocolFilter.Tcp(), new Ports.PortList([80])), FirewallAction.Allow, 100)]);
        string State() => Assert.Single(PortDumps.DumpTcpFlows(s.Port.Port).Flows).State;

        var (syn, delivered) = s.Inbound(In(OverlayFrames.Syn, 5000, 0));
        Assert.Equal(ProcessOutcome.Modified, syn.Outcome);
        Assert.Equal(TestFrames.PrivateIpv4, ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered)).Extract<IPv4Packet>().DestinationAddress);
        Assert.Equal("Listen", State());

        var (synAck, wire) = s.Outbound(Out(OverlayFrames.Syn | OverlayFrames.Ack, 9000, 5001));
        Assert.Equal(ProcessOutcome.Modified, synAck.Outcome);
        var inner = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, new UnderlayFrame(wire).Inner);
        Assert.Equal(s_floating, inner.Extract<IPv4Packet>().SourceAddress); // the reply leaves from the floating IP
        Assert.Equal("SynRcvd", State());

        Assert.Equal(ProcessOutcome.Modified, s.Inbound(In(OverlayFrames.Ack, 5001, 9001)).Result.Outcome);
        Assert.Equal("Established", State());
        Assert.Equal(ProcessOutcome.Modified, s.Inbound(In(OverlayFrames.Fin | OverlayFrames.Ack, 5001, 9001)).Result.Outcome);
        Assert.Equal("CloseWait", State());
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(Out(OverlayFrames.Fin | OverlayFrames.Ack, 9001, 5002)).Result.Outcome);
        Assert.Equal("LastAck", State());

        // The last ACK closes the flow: its TCP entry and UFT pair go at once, the packet still passes.
        var (last, _) = s.Inbound(In(OverlayFrames.Ack, 5002, 9002));
        Assert.Equal(ProcessOutcome.Modified, last.Outcome);
        Assert.Equal(0, s.Port.Port.TcpFlows.Count);

        // The nat and firewall LFT entries expire after their 60 s TTL.
        s.Port.Port.ExpireFlows(s.Now.AddSeconds(61));
        Assert.Equal(0, s.Port.Port.FindLayer("nat")!.Flows.Count);
        Assert.Equal(0, s.Port.Port.FindLayer("firewall")!.Flows.Count);
    }
}
