using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>
/// V2P/V2B changes reach established flows: the overlay stamps each flow with the stripe of the mapping it read, a
/// change bumps that stripe, and exactly the affected flows leave the fast path and re-resolve — a guest that moved to
/// another sled is followed at once, while every other flow keeps its UFT entry.
/// </summary>
public class MappingChangeScenarioTests
{
    private static readonly IPAddress s_secondPeer = IPAddress.Parse("172.30.0.7");
    private static readonly byte[] s_secondPeerMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x07];
    private static readonly Ipv6Addr s_secondPeerPhys = Ipv6Addr.Parse("fd00:cccc::1");
    private static readonly Ipv6Addr s_movedPhys = Ipv6Addr.Parse("fd00:dddd::1");

    private static byte[] ToPeer(IPAddress peer) => OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, peer, 5000, 53);

    private static byte[] ToInternet => OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, 5000, 53);

    private static long Stale(VpcScenario s) => PortStatistics.Snapshot(s.Port.Port)["out_uft_dependency_stale"];

    private static VpcScenario ThreeEstablishedFlows()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, [])).WithStandardRoutes();
        Assert.True(s.Network.Virt2Phys.TrySet(VpcScenario.OwnVni, OpteNic.Packets.IpAddr.From(s_secondPeer),
            new GuestPhysAddr(MacAddr.FromBytes(s_secondPeerMac), s_secondPeerPhys)));
        foreach (byte[] frame in new[] { ToPeer(VpcScenario.PeerIpv4), ToPeer(s_secondPeer), ToInternet })
        {
            Assert.Equal(ProcessOutcome.Modified, s.Outbound(frame).Result.Outcome);
            s.AssertDeltas(() => s.Outbound(frame), ("out_modified", 1), ("out_uft_hit", 1));
        }

        return s;
    }

    [Fact]
    public void Moving_one_peer_sends_only_its_flows_back_to_the_slow_path_and_they_follow_it()
    {
        VpcScenario s = ThreeEstablishedFlows();
        Assert.True(s.Network.Virt2Phys.TrySet(VpcScenario.OwnVni, OpteNic.Packets.IpAddr.From(VpcScenario.PeerIpv4),
            new GuestPhysAddr(MacAddr.FromBytes(VpcScenario.PeerMac), s_movedPhys)));

        // The moved peer's flow re-resolves (UFT miss) and goes to the new sled.
        var (result, output) = s.AssertDeltas(() => s.Outbound(ToPeer(VpcScenario.PeerIpv4)), ("out_modified", 1), ("out_uft_miss", 1));
        Assert.Equal(ProcessOutcome.Modified, result.Outcome);
        Assert.Equal(IPAddress.Parse("fd00:dddd::1"), new UnderlayFrame(output).OuterDst);
        Assert.Equal(1, Stale(s));
        // ... and is on the fast path again with its new destination.
        (_, output) = s.AssertDeltas(() => s.Outbound(ToPeer(VpcScenario.PeerIpv4)), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(IPAddress.Parse("fd00:dddd::1"), new UnderlayFrame(output).OuterDst);

        // The other peer's flow and the internet flow never left the fast path.
        (_, output) = s.AssertDeltas(() => s.Outbound(ToPeer(s_secondPeer)), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(IPAddress.Parse("fd00:cccc::1"), new UnderlayFrame(output).OuterDst);
        s.AssertDeltas(() => s.Outbound(ToInternet), ("out_modified", 1), ("out_uft_hit", 1));
        Assert.Equal(1, Stale(s));
    }

    [Fact]
    public void Removing_a_mapping_stops_its_established_flow_at_once()
    {
        VpcScenario s = ThreeEstablishedFlows();
        Assert.True(s.Network.Virt2Phys.Remove(VpcScenario.OwnVni, OpteNic.Packets.IpAddr.From(s_secondPeer)));

        var (result, _) = s.AssertDeltas(() => s.Outbound(ToPeer(s_secondPeer)),
            ("out_drop", 1), ("out_drop_layer", 1), ("out_uft_miss", 1), ("overlay.out_deny", 1), ("uft_out_flows", -1));
        Assert.Equal("overlay", result.LayerName);
        Assert.Equal(1, s.Port.Overlay.MissingVirt2Phys);
        s.AssertDeltas(() => s.Outbound(ToPeer(VpcScenario.PeerIpv4)), ("out_modified", 1), ("out_uft_hit", 1));
    }

    [Fact]
    public void Boundary_change_re_resolves_internet_flows_only()
    {
        VpcScenario s = ThreeEstablishedFlows();
        var newBoundary = new TunnelEndpoint(Ipv6Addr.Parse("fd00:98::1"), new Vni(99));
        Assert.True(s.Network.Virt2Boundary.Clear(IpCidr.Parse("0.0.0.0/0"), [VpcScenario.Boundary]));
        s.Network.Virt2Boundary.Set(IpCidr.Parse("0.0.0.0/0"), [newBoundary]);

        var (_, output) = s.AssertDeltas(() => s.Outbound(ToInternet), ("out_modified", 1), ("out_uft_miss", 1));
        Assert.Equal(IPAddress.Parse("fd00:98::1"), new UnderlayFrame(output).OuterDst);
        s.AssertDeltas(() => s.Outbound(ToPeer(VpcScenario.PeerIpv4)), ("out_modified", 1), ("out_uft_hit", 1));
        s.AssertDeltas(() => s.Outbound(ToPeer(s_secondPeer)), ("out_modified", 1), ("out_uft_hit", 1));
        // The SNAT flow kept its external port through the re-resolution (its nat LFT pair does not depend on V2B).
        Assert.Equal(1, s.Port.Nat.Current.SnatV4!.Udp.InUse);
    }

    [Fact]
    public void Unrelated_mapping_changes_leave_established_flows_on_the_fast_path()
    {
        VpcScenario s = ThreeEstablishedFlows();
        for (int i = 0; i < 200; i++)
        {
            Assert.True(s.Network.Virt2Phys.TrySet(VpcScenario.OwnVni, OpteNic.Packets.IpAddr.Parse($"172.30.1.{i}"),
                new GuestPhysAddr(MacAddr.FromBytes(s_secondPeerMac), s_movedPhys)));
        }

        // 200 unrelated keys over the network's ≥ 1024 stripes: each of the two peer flows shares a stripe with one of
        // them with probability < 20 %; which flows may collide is fixed by the stable hash, so assert the exact count.
        int missed = 0;
        foreach (IPAddress peer in new[] { VpcScenario.PeerIpv4, s_secondPeer })
        {
            long misses = s.Port.Port.Outbound.UftMiss;
            Assert.Equal(ProcessOutcome.Modified, s.Outbound(ToPeer(peer)).Result.Outcome);
            missed += (int)(s.Port.Port.Outbound.UftMiss - misses);
        }

        Assert.Equal(ExpectedCollisions(s), missed);
        s.AssertDeltas(() => s.Outbound(ToInternet), ("out_modified", 1), ("out_uft_hit", 1));
    }

    /// <summary>How many of the two peer flows share a stripe with one of the 200 changed keys (computed independently).</summary>
    private static int ExpectedCollisions(VpcScenario s)
    {
        var dependencies = s.Network.Dependencies;
        var changed = Enumerable.Range(0, 200)
            .Select(i => OpteNic.Vpc.Tables.Virt2PhysTable.StripeOf(dependencies, VpcScenario.OwnVni, OpteNic.Packets.IpAddr.Parse($"172.30.1.{i}")))
            .ToHashSet();
        return new[] { VpcScenario.PeerIpv4, s_secondPeer }
            .Count(peer => changed.Contains(OpteNic.Vpc.Tables.Virt2PhysTable.StripeOf(dependencies, VpcScenario.OwnVni, OpteNic.Packets.IpAddr.From(peer))));
    }
}
