using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;
using PacketDotNet;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>ICMP errors through 1:1 NAT carry their quoted packet translated back to the private address.</summary>
public class IcmpErrorScenarioTests
{
    [Fact]
    public void Port_unreachable_to_floating_ip_quotes_the_private_address_with_valid_checksums()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(null, null, [VpcScenario.FloatingIp])).WithStandardRoutes().AllowInbound();
        var floating = IPAddress.Parse("203.0.113.30");
        // What the guest's datagram looked like on the internet (after 1:1 NAT), as the remote host quotes it.
        byte[] quotedDatagram = TestFrames.Ipv4(floating, VpcScenario.InternetHost, 17, TestFrames.Udp(33434, 33435, new byte[12]));
        byte[] icmp = [3, 3, 0, 0, 0, 0, 0, 0, .. quotedDatagram];
        byte[] error = TestFrames.Ethernet(TestFrames.GuestMac, [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77], 0x0800,
            TestFrames.Ipv4(VpcScenario.InternetHost, floating, 1, icmp));
        byte[] wire = OverlayFrames.Geneve(error, 99, IPAddress.Parse("fd00:99::1"), IPAddress.Parse("fd00:aaaa::1"), external: true);

        var (result, delivered) = s.Inbound(wire);

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, delivered);
        var ip = ethernet.Extract<IPv4Packet>();
        Assert.Equal(TestFrames.PrivateIpv4, ip.DestinationAddress);
        Assert.True(ip.ValidIPChecksum);
        var message = ethernet.Extract<IcmpV4Packet>();
        Assert.Equal(IcmpV4TypeCode.UnreachablePort, message.TypeCode);
        Assert.True(message.ValidIcmpChecksum);

        string pcap = PcapFile.Write("scenario-icmp-error-1to1", wire, delivered);
        var decoded = Tshark.DecodeSingleReply(pcap, 1, "ip.src", "ip.checksum.status", "icmp.checksum.status", "udp.checksum.status");
        Assert.Equal("198.51.100.77,172.30.0.5", decoded["ip.src"]); // outer source, then the quoted (translated) source
        Assert.Equal("1,1", decoded["ip.checksum.status"]);
        Assert.Equal("1", decoded["icmp.checksum.status"]);
        Assert.Equal("1", decoded["udp.checksum.status"]);
    }
}
