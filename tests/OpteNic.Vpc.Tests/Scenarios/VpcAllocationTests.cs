using System.Net;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Scenarios;

/// <summary>The VPC port's fast and slow paths allocate nothing in steady state.</summary>
public class VpcAllocationTests
{
    [Fact]
    public void Fast_path_guest_to_guest_and_internet_allocates_nothing()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, [])).WithStandardRoutes();
        byte[] toPeer = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 5000, 53);
        byte[] toInternet = OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, 5000, 53);
        byte[] toPeer6 = OverlayFrames.UdpV6(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv6, VpcScenario.PeerIpv6, 5000, 53);
        byte[][] frames = [toPeer, toInternet, toPeer6];
        foreach (byte[] frame in frames)
        {
            Assert.Equal(ProcessOutcome.Modified, s.Outbound(frame).Result.Outcome);
        }

        int modified = 0;
        long allocated = Allocations.QuietestWindow(window =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                foreach (byte[] frame in frames)
                {
                    s.Buffer.TryLoad(frame);
                    modified += s.Port.Port.Process(Direction.Outbound, s.Buffer, s.Now).Outcome == ProcessOutcome.Modified ? 1 : 0;
                }
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(45_000, modified);
    }

    [Fact]
    public void Slow_path_through_all_five_layers_allocates_nothing()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, []),
            options: new VpcPortOptions { UftLimit = 16384, LayerFlowLimit = 16384 }).WithStandardRoutes();
        // Prebuild distinct flows (new source ports) so every packet is a first packet: UFT miss, all layers, SNAT.
        byte[][] internet = [.. Enumerable.Range(0, 6000).Select(i =>
            OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, (ushort)(10000 + i), 53))];
        byte[][] peer = [.. Enumerable.Range(0, 6000).Select(i =>
            OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, (ushort)(10000 + i), 53))];
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.InternetHost, 9, 53)).Result.Outcome);
        Assert.Equal(ProcessOutcome.Modified, s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4, VpcScenario.PeerIpv4, 9, 53)).Result.Outcome);

        long misses = s.Port.Port.Outbound.UftMiss;
        int modified = 0;
        long allocated = Allocations.QuietestWindow(window =>
        {
            for (int i = window * 2000; i < (window + 1) * 2000; i++)
            {
                s.Buffer.TryLoad(internet[i]);
                modified += s.Port.Port.Process(Direction.Outbound, s.Buffer, s.Now).Outcome == ProcessOutcome.Modified ? 1 : 0;
                s.Buffer.TryLoad(peer[i]);
                modified += s.Port.Port.Process(Direction.Outbound, s.Buffer, s.Now).Outcome == ProcessOutcome.Modified ? 1 : 0;
            }
        });

        Assert.Equal(12_000, modified);
        Assert.Equal(misses + 12_000, s.Port.Port.Outbound.UftMiss);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Hairpins_through_the_port_allocate_nothing()
    {
        var s = new VpcScenario();
        byte[][] requests = [.. GatewayScenarioTests.Hairpins.Select(row => GatewayScenarioTests.Request((string)row[0]))];
        foreach (byte[] request in requests)
        {
            Assert.Equal(ProcessOutcome.Hairpin, s.Outbound(request).Result.Outcome);
        }

        long allocated = Allocations.QuietestWindow(window =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                foreach (byte[] request in requests)
                {
                    s.Buffer.TryLoad(request);
                    s.Port.Port.Process(Direction.Outbound, s.Buffer, s.Now);
                }
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Inbound_decapsulation_fast_path_allocates_nothing()
    {
        var s = new VpcScenario().WithStandardRoutes().AllowInbound();
        byte[] wire = OverlayFrames.Geneve(OverlayFrames.UdpV4(VpcScenario.PeerMac, TestFrames.GuestMac, VpcScenario.PeerIpv4, TestFrames.PrivateIpv4, 53, 5000),
            7777, IPAddress.Parse("fd00:bbbb::1"), IPAddress.Parse("fd00:aaaa::1"));
        Assert.Equal(ProcessOutcome.Modified, s.Inbound(wire).Result.Outcome);
        long allocated = Allocations.QuietestWindow(window =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                s.Buffer.TryLoad(wire);
                s.Port.Port.Process(Direction.Inbound, s.Buffer, s.Now);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Icmp_errors_translated_through_snat_allocate_nothing()
    {
        var s = new VpcScenario(new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(VpcScenario.SnatIp, 1024, 65535), null, [])).WithStandardRoutes().AllowInbound();
        // Two SNAT flows; the remote's port-unreachable errors about both share one error flow (same ICMP type/code),
        // so after the first error every one is a UFT hit whose quoted packet is still translated per packet.
        byte[][] errors = new byte[2][];
        for (int flow = 0; flow < errors.Length; flow++)
        {
            var (sent, output) = s.Outbound(OverlayFrames.UdpV4(TestFrames.GuestMac, TestFrames.GatewayMac, TestFrames.PrivateIpv4,
                VpcScenario.InternetHost, (ushort)(40000 + flow), 33434, new byte[12]));
            Assert.Equal(ProcessOutcome.Modified, sent.Outcome);
            byte[] quoted = new UnderlayFrame(output).Inner[14..];
            byte[] error = TestFrames.Ethernet(TestFrames.GuestMac, [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77], 0x0800,
                TestFrames.Ipv4(VpcScenario.InternetHost, IPAddress.Parse("203.0.113.10"), 1, [3, 3, 0, 0, 0, 0, 0, 0, .. quoted]));
            errors[flow] = OverlayFrames.Geneve(error, 99, IPAddress.Parse("fd00:99::1"), IPAddress.Parse("fd00:aaaa::1"), external: true);
        }

        Assert.Equal(ProcessOutcome.Modified, s.Inbound(errors[0]).Result.Outcome);
        int modified = 0;
        long allocated = Allocations.QuietestWindow(window =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                s.Buffer.TryLoad(errors[i & 1]);
                modified += s.Port.Port.Process(Direction.Inbound, s.Buffer, s.Now).Outcome == ProcessOutcome.Modified ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(15_000, modified);
        Assert.Equal(0, s.Port.Nat.IcmpErrorsUntranslated);
    }
}
