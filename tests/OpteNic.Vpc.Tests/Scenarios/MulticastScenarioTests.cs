using System.Net;
using OpteNic.Api.Net;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>Multicast: M2P underlay groups, VNI 77, the Multicast option, TCP denied.</summary>
public class MulticastScenarioTests
{
    private static readonly IPAddress s_group = IPAddress.Parse("239.1.2.3");
    private static readonly byte[] s_groupMac = [0x01, 0x00, 0x5E, 0x01, 0x02, 0x03];
    private readonly VpcScenario _s = new VpcScenario().WithStandardRoutes();

    [Fact]
    public void Udp_to_group_goes_to_underlay_group_with_multicast_option()
    {
        Assert.True(_s.Network.Mcast2Phys.TrySet(IpAddr.Parse("239.1.2.3"), Ipv6Addr.Parse("ff04::e001:203"), out _));
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, s_groupMac, TestFrames.PrivateIpv4, s_group, 5000, 6000);
        var (result, output) = _s.Outbound(frame);

        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        var encap = new UnderlayFrame(output);
        Assert.Equal(IPAddress.Parse("ff04::e001:203"), encap.OuterDst);
        Assert.Equal(77u, encap.Vni);
        var (type, body) = Assert.Single(encap.OxideOptions());
        Assert.Equal(1, type);
        Assert.Equal(1, body[0] >> 6); // replication: Underlay
        Assert.Equal(s_groupMac, encap.Inner[..6]);
        PcapFile.Write("scenario-multicast", frame, output);
    }

    [Fact]
    public void Group_without_m2p_is_denied_by_overlay()
    {
        byte[] frame = OverlayFrames.UdpV4(TestFrames.GuestMac, s_groupMac, TestFrames.PrivateIpv4, s_group, 5000, 6000);
        var (result, _) = _s.Outbound(frame);
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal("overlay", result.LayerName);
        Assert.Equal(1, _s.Port.Overlay.MissingMcast2Phys);
    }

    [Fact]
    public void Tcp_to_group_is_denied()
    {
        Assert.True(_s.Network.Mcast2Phys.TrySet(IpAddr.Parse("239.1.2.3"), Ipv6Addr.Parse("ff04::e001:203"), out _));
        byte[] frame = OverlayFrames.TcpV4(TestFrames.GuestMac, s_groupMac, TestFrames.PrivateIpv4, s_group, 5000, 6000, OverlayFrames.Syn);
        var (result, _) = _s.Outbound(frame);
        Assert.Equal(ProcessOutcome.Drop, result.Outcome);
        Assert.Equal("overlay", result.LayerName);
        Assert.Equal(1, _s.Port.Overlay.TcpToMulticast);
    }
}
