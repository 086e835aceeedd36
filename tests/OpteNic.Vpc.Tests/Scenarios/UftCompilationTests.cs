using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>VPC flows end up with compiled UFT entries (the fast path), not replayed transformation lists.</summary>
public class UftCompilationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Guest_to_guest_and_snat_internet_flows_are_compiled(bool internet)
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, [])).WithStandardRoutes();
        var destination = internet ? VpcScenario.InternetHost : VpcScenario.PeerIpv4;
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, destination, 5000, 53);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(frame).Result.Outcome);
        var entry = Assert.Single(PortDumps.DumpUft(s.Port.Port).Outbound);
        Assert.StartsWith("Compiled", entry.Transforms, StringComparison.OrdinalIgnoreCase);
    }
}
