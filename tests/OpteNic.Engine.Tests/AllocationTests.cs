using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>
/// The data path allocates nothing in steady state: fast path, slow path (pooled entries) and hairpins. Each test
/// measures three windows of thousands of packets and requires one window with zero bytes: a per-packet allocation
/// shows in every window, while the runtime's one-off background work (tier-up under load) may touch one.
/// </summary>
public sealed class AllocationTests
{
    private static long QuietestWindow(Action window)
    {
        long best = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }

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

        void Send(int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer.TryLoad(template.AsSpan(0, length));
                net.Port.Process(Direction.Outbound, buffer, T0.AddNanoseconds(i));
            }
        }

        Send(2000);
        Assert.Equal(0, QuietestWindow(() => Send(5000)));
        Assert.Equal(17000, net.Port.Outbound.UftHit);
    }

    [Fact]
    public void Slow_path_with_pooled_entries_allocates_nothing()
    {
        var net = new SampleNetwork(new PortOptions { UftLimit = 16384, TcpLimit = 1024 }, snatPorts: 16384, lftLimit: 16384);
        // 9500 distinct flows: every packet is a first packet (UFT miss, every layer walked, pairs made).
        var buffer = new PacketBuffer(2048);

        void Send(int first, int count)
        {
            for (int i = first; i < first + count; i++)
            {
                Frames.Udp(buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(1024 + i), 53, payload: 10);
                net.Port.Process(Direction.Outbound, buffer, T0);
            }
        }

        Send(0, 500);
        int next = 500;
        Assert.Equal(0, QuietestWindow(() =>
        {
            Send(next, 3000);
            next += 3000;
        }));
        Assert.Equal(9500, net.Port.Outbound.UftMiss);
        Assert.Equal(9500, net.Port.Outbound.Modified);
    }

    [Fact]
    public void Hairpins_allocate_nothing()
    {
        var net = new SampleNetwork();
        var buffer = new PacketBuffer(2048);

        void Send(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Frames.ArpRequest(buffer, GuestMac, GuestIp, GatewayIp);
                net.Port.Process(Direction.Outbound, buffer, T0);
            }
        }

        Send(500);
        Assert.Equal(0, QuietestWindow(() => Send(5000)));
        Assert.Equal(15500, net.Port.Outbound.Hairpin);
    }
}
