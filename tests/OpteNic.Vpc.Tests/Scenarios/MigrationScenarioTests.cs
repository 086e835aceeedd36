using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>Beyond OPTE: a port's SNAT translations move with it to another card, so its connections survive.</summary>
public class MigrationScenarioTests
{
    private static ExternalIpCfg<Ipv4Addr> Snat => new(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, []);

    private static byte[] Tcp(ushort sourcePort, byte flags)
        => OverlayFrames.TcpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, sourcePort, 443, flags);

    private static int ExternalPort(byte[] output)
        => ((EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, new UnderlayFrame(output).Inner)).Extract<TcpPacket>().SourcePort;

    [Fact]
    public void Exported_snat_assignments_keep_their_external_ports_on_the_new_card()
    {
        var cardA = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(65535, ExternalPort(cardA.Outbound(Tcp(40000, OverlayFrames.Syn)).Output));
        Assert.Equal(65534, ExternalPort(cardA.Outbound(Tcp(40001, OverlayFrames.Syn)).Output));

        var exported = cardA.Port.ExportNatAssignments();
        Assert.Equal(2, exported.Count);
        Assert.All(exported, a => Assert.Equal(OpteNic.Packets.IpAddr.Parse("203.0.113.10"), a.ExternalIp));

        var cardB = new VpcScenario(Snat).WithStandardRoutes();
        Assert.Equal(2, cardB.Port.ImportNatAssignments(exported));
        Assert.Equal(2, cardB.Port.Nat.Current.SnatV4!.Tcp.InUse);

        // Both moved flows continue mid-stream (ACK) with their old external ports; a new flow gets the next free one.
        Assert.Equal(65534, ExternalPort(cardB.Outbound(Tcp(40001, OverlayFrames.Ack)).Output));
        Assert.Equal(65535, ExternalPort(cardB.Outbound(Tcp(40000, OverlayFrames.Ack)).Output));
        Assert.Equal(65533, ExternalPort(cardB.Outbound(Tcp(40002, OverlayFrames.Syn)).Output));
        Assert.Equal(0, cardB.Port.Nat.PendingReservations);
        Assert.Equal(3, cardB.Port.Nat.Current.SnatV4!.Tcp.InUse);
    }

    [Fact]
    public void Assignments_for_another_snat_ip_or_a_taken_port_are_refused()
    {
        var cardA = new VpcScenario(Snat).WithStandardRoutes();
        cardA.Outbound(Tcp(40000, OverlayFrames.Syn));
        var exported = cardA.Port.ExportNatAssignments();

        var otherIp = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.99"), 1024, 65535), null, [])).WithStandardRoutes();
        Assert.Equal(0, otherIp.Port.ImportNatAssignments(exported));

        var busy = new VpcScenario(Snat).WithStandardRoutes();
        busy.Outbound(Tcp(50000, OverlayFrames.Syn)); // takes 65535 first
        Assert.Equal(0, busy.Port.ImportNatAssignments(exported));
    }
}
