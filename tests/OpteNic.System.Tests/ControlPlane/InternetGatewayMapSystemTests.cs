using System.Net;
using OpteNic.Client.Device;
using OpteNic.Client.Frames;
using OpteNic.Client.Queues;
using OpteNic.System.Tests.Infrastructure;
using static OpteNic.System.Tests.ControlPlane.TwoGuestVpc;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// <c>opteadm set-external-ips … --inet-gw IP=UUID</c> against the simulator process: the map reaches the VPC port, so
/// the internet gateway the router picks decides which floating IP a guest flow leaves with (checked on the underlay
/// frames in the wire pcap), and a later set-external-ips without a map lets either floating IP serve either gateway.
/// </summary>
public sealed class InternetGatewayMapSystemTests
{
    private const string GatewayA = "6d2c2f33-35a4-4c0e-9a3e-4b4e6b0c7a11";
    private const string GatewayB = "0b9c7f1e-2222-4d3c-8e5f-1a2b3c4d5e6f";
    private const string FloatingA = "203.0.113.31";
    private const string FloatingB = "203.0.113.32";
    private static readonly IPAddress s_viaA = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_viaB = IPAddress.Parse("198.51.100.77");

    [Fact]
    public void The_gateway_map_given_to_opteadm_decides_the_floating_ip_of_each_flow()
    {
        using var temp = new TempDirectory("opte-nic-igw");
        var wireOut = temp.File("wire-out.pcap");
        using var simulator = SimulatorProcess.Start(temp.File("card"), "--wire-out", wireOut);
        var opteadm = new OpteAdmSession(simulator.StateDirectory);
        opteadm.Change("create-xde", PortA, "--private-mac", MacAText, "--vni", "1234", "--src-underlay-addr", UnderlayA,
            "--private-ipv4", IpA.ToString(), "--vpc-subnet-ipv4", Subnet);
        opteadm.Change("set-v2b", "0.0.0.0/0", DefaultBoundary1);
        opteadm.Change("add-router-entry", "-p", PortA, "0.0.0.0/0", $"ig={GatewayA}");
        opteadm.Change("add-router-entry", "-p", PortA, "198.51.100.0/24", $"ig={GatewayB}", "--class", "custom");
        Assert.Empty(opteadm.OkWithInput("dir=out action=allow priority=65535\n", "set-fw-rules", "-p", PortA));
        opteadm.Change("set-external-ips", "-p", PortA, "--floating-ipv4", FloatingA, "--floating-ipv4", FloatingB,
            "--inet-gw", $"{FloatingA}={GatewayA}", "--inet-gw", $"{FloatingB}={GatewayB}");

        using var device = OpteDevice.Open(simulator.StateDirectory);
        var sent = 0;
        HashSet<string> Sources(IPAddress destination, ushort firstPort)
        {
            var frames = Enumerable.Range(0, 12)
                .Select(i => GuestFrames.Udp(GatewayMac, MacA, IpA, destination, (ushort)(firstPort + i), 53, "q"u8))
                .ToList();
            using (var pair = device.OpenQueuePair(0, new QueuePairOptions { Directions = QueueDirections.Transmit }))
            {
                var report = FramePump.Send(new FrameList(frames), pair.Tx, TimeSpan.FromSeconds(10));
                Assert.True(report.CompletedOk == frames.Count && !report.Stalled, $"{report}\n{simulator.Log}");
            }

            sent += frames.Count;
            var onWire = PcapFile.WaitForFrames(wireOut, sent).Skip(sent - frames.Count);
            return [.. onWire.Select(f =>
            {
                var ip = GuestFrames.Ipv4Packet(UnderlayFrame.Parse(f).Inner);
                Assert.Equal(destination.GetAddressBytes(), ip.Slice(16, 4).ToArray());
                return new IPAddress(ip.Slice(12, 4)).ToString();
            })];
        }

        Assert.Equal([FloatingA], Sources(s_viaA, 10000));
        Assert.Equal([FloatingB], Sources(s_viaB, 20000));

        // Without a map, each gateway may use either floating IP (chosen by flow hash).
        opteadm.Change("set-external-ips", "-p", PortA, "--floating-ipv4", FloatingA, "--floating-ipv4", FloatingB);
        Assert.Equal([FloatingA, FloatingB], Sources(s_viaB, 30000).Order());
        Assert.Equal(0, simulator.Terminate());
    }
}
