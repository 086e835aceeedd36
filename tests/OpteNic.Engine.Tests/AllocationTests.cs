using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Tests.Shared;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>
/// The data path allocates nothing in steady state: fast path, burst path, slow path (pooled entries) and hairpins.
/// Each test warms the loop up, lets the JIT settle (<see cref="SteadyState"/>), then requires exactly zero bytes
/// allocated on this thread over one window of thousands of packets, and checks the window took the intended path.
/// </summary>
public sealed class AllocationTests
{
    private static readonly Moment T0 = Moment.FromSeconds(10);

    [Fact]
    public void Fast_path_allocates_nothing_over_thousands_of_packets()
    {
        var net = new SampleNetwork();
        var buffer = new PacketBuffer(2048);
        Frames.Tcp(buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 40000, 443, TcpFlags.Syn);
        Assert.Equal(ProcessOutcome.Modified, net.Port.Process(Direction.Outbound, buffer, T0).Outcome);
        var template = new byte[256];
        Frames.Tcp(buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 40000, 443, TcpFlags.Ack, seq: 101, payload: 18);
        int length = buffer.Length;
        buffer.Frame.CopyTo(template);
        long hitsBefore = 0;

        long allocated = SteadyState.AllocatedBytes(
            () =>
            {
                for (int i = 0; i < 5000; i++)
                {
                    buffer.TryLoad(template.AsSpan(0, length));
                    net.Port.Process(Direction.Outbound, buffer, T0.AddNanoseconds(i));
                }
            },
            () => hitsBefore = net.Port.Outbound.UftHit);

        Assert.Equal(0, allocated);
        Assert.Equal(5000, net.Port.Outbound.UftHit - hitsBefore);
    }

    [Fact]
    public void Burst_fast_path_allocates_nothing_over_thousands_of_packets()
    {
        var net = new SampleNetwork();
        var template = new PacketBuffer(2048);
        var frames = new byte[64][];
        for (int flow = 0; flow < frames.Length; flow++)
        {
            Frames.Udp(template, GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(2000 + flow), 53, payload: 10);
            frames[flow] = template.Frame.ToArray();
            Assert.Equal(ProcessOutcome.Modified, net.Port.Process(Direction.Outbound, template, T0).Outcome);
        }

        PacketBuffer[] burst = [.. Enumerable.Range(0, 32).Select(_ => new PacketBuffer(2048))];
        var results = new ProcessResult[burst.Length];
        long hitsBefore = 0;
        net.Port.StagedBurstMinimumFlows = 0;

        long allocated = SteadyState.AllocatedBytes(
            () =>
            {
                for (int round = 0; round < 200; round++)
                {
                    for (int i = 0; i < burst.Length; i++)
                    {
                        burst[i].TryLoad(frames[(round + i) % frames.Length]);
                    }

                    net.Port.ProcessBurst(Direction.Outbound, burst, results, T0);
                }
            },
            () => hitsBefore = net.Port.Outbound.UftHit);

        Assert.Equal(0, allocated);
        Assert.Equal(200 * 32, net.Port.Outbound.UftHit - hitsBefore);
    }

    [Fact]
    public void Slow_path_with_pooled_entries_allocates_nothing()
    {
        var net = new SampleNetwork(new PortOptions { UftLimit = 16384, TcpLimit = 1024 }, snatPorts: 16384, lftLimit: 16384);
        // 3000 distinct flows per window: every packet is a first packet (UFT miss, every layer walked, pairs made).
        // Between windows (unmeasured) the port is reset, which returns the SNAT ports to their pool.
        var buffer = new PacketBuffer(2048);
        long missesBefore = 0;
        long modifiedBefore = 0;

        long allocated = SteadyState.AllocatedBytes(
            () =>
            {
                for (int i = 0; i < 3000; i++)
                {
                    Frames.Udp(buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(1024 + i), 53, payload: 10);
                    net.Port.Process(Direction.Outbound, buffer, T0);
                }
            },
            () =>
            {
                net.Port.Reset();
                net.Port.Start();
                missesBefore = net.Port.Outbound.UftMiss;
                modifiedBefore = net.Port.Outbound.Modified;
            });

        Assert.Equal(0, allocated);
        Assert.Equal(3000, net.Port.Outbound.UftMiss - missesBefore);
        Assert.Equal(3000, net.Port.Outbound.Modified - modifiedBefore);
        Assert.Equal(3000, net.Port.UftOut.Count);
    }

    [Fact]
    public void Hairpins_allocate_nothing()
    {
        var net = new SampleNetwork();
        var buffer = new PacketBuffer(2048);
        long hairpinsBefore = 0;

        long allocated = SteadyState.AllocatedBytes(
            () =>
            {
                for (int i = 0; i < 5000; i++)
                {
                    Frames.ArpRequest(buffer, GuestMac, GuestIp, GatewayIp);
                    net.Port.Process(Direction.Outbound, buffer, T0);
                }
            },
            () => hairpinsBefore = net.Port.Outbound.Hairpin);

        Assert.Equal(0, allocated);
        Assert.Equal(5000, net.Port.Outbound.Hairpin - hairpinsBefore);
    }
}
