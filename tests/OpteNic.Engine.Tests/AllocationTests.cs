using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>The data path allocates nothing in steady state: fast path, slow path (pooled entries) and hairpins.</summary>
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

        void Send(int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer.TryLoad(template.AsSpan(0, length));
                net.Port.Process(Direction.Outbound, buffer, T0.AddNanoseconds(i));
            }
        }

        Send(2000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Send(5000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(7000, net.Port.Outbound.UftHit);
    }

    [Fact]
    public void Slow_path_with_pooled_entries_allocates_nothing()
    {
        var net = new SampleNetwork(new PortOptions { UftLimit = 16384, TcpLimit = 1024 }, snatPorts: 16384, lftLimit: 16384);
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
        long before = GC.GetAllocatedBytesForCurrentThread();
        Send(500, 4000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(4500, net.Port.Outbound.UftMiss);
        Assert.Equal(4500, net.Port.Outbound.Modified);
        Assert.Equal(0, allocated);
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
        long before = GC.GetAllocatedBytesForCurrentThread();
        Send(5000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5500, net.Port.Outbound.Hairpin);
        Assert.Equal(0, allocated);
    }
}
