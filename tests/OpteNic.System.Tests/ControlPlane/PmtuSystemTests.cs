using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using OpteNic.Client.Device;
using OpteNic.Client.Frames;
using OpteNic.System.Tests.Infrastructure;
using static OpteNic.System.Tests.ControlPlane.TwoGuestVpc;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// The port MTU given to create-xde reaches the VPC port's packet size limit (beyond OPTE, PMTU): an oversized IPv4
/// packet with DF from the guest, pushed through the simulator's host queue, comes back on the same queue pair's RX ring
/// as the gateway's ICMP "fragmentation needed" with the port MTU as next-hop MTU, nothing reaches the wire, and
/// <c>opteadm stats</c> shows the engine's packet-size counters in its table and its JSON.
/// </summary>
public sealed class PmtuSystemTests
{
    private const int PortMtu = 1400;
    private static readonly string[] CounterColumns = ["COUNTER", "VALUE"];

    [Fact]
    public void An_oversized_DF_packet_from_the_guest_gets_frag_needed_on_host_RX_and_counts_in_stats()
    {
        using var temp = new TempDirectory("opte-nic-pmtu");
        using var simulator = SimulatorProcess.Start(temp.File("card"), "--wire-out", temp.File("wire-out.pcap"));
        var opteadm = new OpteAdmSession(simulator.StateDirectory);
        opteadm.Change("create-xde", PortA, "--private-mac", MacAText, "--vni", "1234", "--src-underlay-addr", UnderlayA,
            "--private-ipv4", IpA.ToString(), "--vpc-subnet-ipv4", Subnet, "--mtu", PortMtu.ToString(CultureInfo.InvariantCulture));
        opteadm.Change("set-v2p", IpB.ToString(), MacBText, UnderlayB, "1234");
        opteadm.Change("add-router-entry", "-p", PortA, Subnet, $"sub4={Subnet}");
        var before = opteadm.Json("stats", "-p", PortA);

        // IP total length 20 + 8 + 1400 = 1428 > 1400, DF set (GuestFrames sets it on every IPv4 packet).
        var oversized = GuestFrames.Udp(GatewayMac, MacA, IpA, IpB, 5000, 7777, new byte[PortMtu]);
        var fits = GuestFrames.Udp(GatewayMac, MacA, IpA, IpB, 5001, 7777, new byte[PortMtu - 28]);
        List<byte[]> hairpins;
        using (var device = OpteDevice.Open(simulator.StateDirectory))
        using (var pair = device.OpenQueuePair(0))
        {
            var report = FramePump.Send(new FrameList([oversized, fits]), pair.Tx, TimeSpan.FromSeconds(10));
            Assert.True(report.CompletedOk == 2 && !report.Stalled, $"{report}\n{simulator.Log}");
            var received = new FrameList();
            FramePump.Receive([pair.Rx], received, new ReceiveStop { MaxFrames = 1, Timeout = TimeSpan.FromSeconds(10) });
            hairpins = [.. received.Frames];
        }

        var reply = Assert.Single(hairpins);
        Assert.Equal(MacA, reply[..6]);
        Assert.Equal(GatewayMac, reply[6..12]);
        Assert.Equal(GuestFrames.EtherTypeIpv4, BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(12)));
        var ip = GuestFrames.Ipv4Packet(reply);
        Assert.Equal(0, GuestFrames.InternetChecksum(ip[..20]));
        Assert.Equal(1, ip[9]);                                                           // ICMP
        Assert.Equal(Gateway.GetAddressBytes(), ip.Slice(12, 4).ToArray());
        Assert.Equal(IpA.GetAddressBytes(), ip.Slice(16, 4).ToArray());
        var icmp = ip[20..];
        Assert.Equal(0, GuestFrames.InternetChecksum(icmp));
        Assert.Equal([3, 4], icmp[..2].ToArray());                                        // destination unreachable, fragmentation needed
        Assert.Equal(PortMtu, BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]));           // next-hop MTU = the port MTU
        Assert.Equal(GuestFrames.Ipv4Packet(oversized)[..28].ToArray(), icmp.Slice(8, 28).ToArray()); // the quoted packet

        var after = opteadm.Json("stats", "-p", PortA);
        long Delta(string name) => Counter(after, name) - Counter(before, name);
        Assert.Equal(1, Delta("out_too_big"));
        Assert.Equal(1, Delta("out_too_big_hairpin"));
        Assert.Equal(0, Delta("out_drop_too_big"));
        Assert.Equal(0, Delta("out_too_big_pass"));
        Assert.Equal(1, Delta("out_hairpin"));
        Assert.Equal(1, Delta("out_modified"));                                           // the packet that fits left encapsulated
        Assert.Equal(1, Delta("hairpin_reply_packet_too_big"));
        Assert.Equal(0, Delta("in_too_big"));
        foreach (var name in new[] { "in_too_big_hairpin", "in_drop_too_big", "in_too_big_pass" })
        {
            Assert.Equal(0, Counter(after, name));
        }

        var table = AlignedTable.Read(opteadm.Ok("stats", "-p", PortA), CounterColumns, after: $"Port {PortA}")
            .ToDictionary(r => r["COUNTER"], r => r["VALUE"]);
        foreach (var name in new[] { "out_too_big", "out_too_big_hairpin", "out_drop_too_big", "out_too_big_pass", "in_too_big", "in_too_big_hairpin", "in_drop_too_big", "in_too_big_pass" })
        {
            Assert.Equal(Counter(after, name).ToString(CultureInfo.InvariantCulture), table[name]);
        }

        Assert.Equal(0, simulator.Terminate());
    }

    private static long Counter(JsonElement stats, string name)
    {
        Assert.True(stats.GetProperty("port").TryGetProperty(name, out var value), $"stats --json has no port.{name}: {stats.GetProperty("port")}");
        return value.GetInt64();
    }
}
