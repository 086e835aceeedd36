using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>ProcessBurst gives exactly the results, bytes and counters of processing each packet in turn.</summary>
public sealed class BurstTests
{
    [Fact]
    public void Burst_equals_packet_by_packet()
    {
        var one = new SampleNetwork();
        var burst = new SampleNetwork();
        burst.Port.StagedBurstMinimumFlows = 0;
        Moment now = Moment.FromSeconds(3);
        var singles = new PacketBuffer[40];
        var batch = new PacketBuffer[40];
        for (int i = 0; i < singles.Length; i++)
        {
            singles[i] = new PacketBuffer(2048);
            batch[i] = new PacketBuffer(2048);
            // Repeated flows (same port every 5 packets), a spoofed source, an ARP request and a truncated frame.
            switch (i % 8)
            {
                case 6:
                    Frames.ArpRequest(singles[i], GuestMac, GuestIp, GatewayIp);
                    break;
                case 7:
                    Frames.Udp(singles[i], GuestMac, GatewayMac, IpAddr.Parse("10.9.9.9"), RemoteIp, 7, 7);
                    break;
                default:
                    Frames.Tcp(singles[i], GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(3000 + (i % 5)), 443,
                        i < 5 ? TcpFlags.Syn : TcpFlags.Ack, seq: 1);
                    break;
            }

            if (i == 13)
            {
                singles[i].TryTruncate(20);
            }

            batch[i].TryLoad(singles[i].Frame);
        }

        var expected = new ProcessResult[singles.Length];
        for (int i = 0; i < singles.Length; i++)
        {
            expected[i] = one.Port.Process(Direction.Outbound, singles[i], now);
        }

        var actual = new ProcessResult[batch.Length];
        burst.Port.ProcessBurst(Direction.Outbound, batch, actual, now);
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.Equal(expected[i].ToString(), actual[i].ToString());
            Assert.Equal(singles[i].Frame.ToArray(), batch[i].Frame.ToArray());
        }

        Assert.Equal(PortStatistics.Snapshot(one.Port), PortStatistics.Snapshot(burst.Port));
        Assert.True(one.Port.Outbound.UftHit > 0);
        Assert.Equal(1, one.Port.Outbound.DropParse);
    }

    [Fact]
    public void Burst_equals_packet_by_packet_while_a_full_uft_recycles_slots_within_the_burst()
    {
        // Four UFT slots for nine TCP flows: entries are evicted and their slots reused by other flows inside one
        // burst, so the slot a packet's prefetch stage picked may belong to another flow by the time it is processed.
        var options = new PortOptions { UftLimit = 4, TcpLimit = 64 };
        var one = new SampleNetwork(options);
        var burst = new SampleNetwork(options);
        burst.Port.StagedBurstMinimumFlows = 0;
        Moment now = Moment.FromSeconds(3);
        var singles = new PacketBuffer[96];
        var batch = new PacketBuffer[96];
        var seen = new HashSet<int>();
        for (int i = 0; i < singles.Length; i++)
        {
            singles[i] = new PacketBuffer(2048);
            batch[i] = new PacketBuffer(2048);
            // Every other packet is one hot flow (hits); the rest cycle through eight others (evictions, reuse).
            int flow = i % 2 == 0 ? 0 : 1 + ((i / 2) % 8);
            Frames.Tcp(singles[i], GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(4000 + flow), 443,
                seen.Add(flow) ? TcpFlags.Syn : TcpFlags.Ack, seq: 1);
            batch[i].TryLoad(singles[i].Frame);
        }

        var expected = new ProcessResult[singles.Length];
        for (int i = 0; i < singles.Length; i++)
        {
            expected[i] = one.Port.Process(Direction.Outbound, singles[i], now);
        }

        var actual = new ProcessResult[batch.Length];
        burst.Port.ProcessBurst(Direction.Outbound, batch, actual, now);
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.Equal(expected[i].ToString(), actual[i].ToString());
            Assert.Equal(singles[i].Frame.ToArray(), batch[i].Frame.ToArray());
        }

        Assert.Equal(PortStatistics.Snapshot(one.Port), PortStatistics.Snapshot(burst.Port));
        Assert.True(one.Port.Outbound.UftEvictions > 0, $"evictions {one.Port.Outbound.UftEvictions}");
        Assert.True(one.Port.Outbound.UftHit > 0, $"hits {one.Port.Outbound.UftHit}");
    }
}
