using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using OpteNic.Firmware;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// The NIC core hands each port's frames of a burst to the engine together (<c>Port.ProcessBurst</c>, datasheet §5.3).
/// Two identical cards, one calling the engine per port group and one per frame, get the same mixed, interleaved
/// traffic: every completion, every frame on the wire and at the host, and every counter must be the same.
/// </summary>
public sealed class BurstEquivalenceTests
{
    private static CommandCard TwoPortCard(bool engineBurstCalls)
    {
        var card = new CommandCard(new FirmwareOptions
        {
            NicCores = 1,
            Virt2PhysCapacity = 4096,
            MaxPorts = 8,
            PortUftLimit = 256,
            PortTcpLimit = 256,
            PortLayerFlowLimit = 256,
            EngineBurstCalls = engineBurstCalls,
        });
        card.WithPeerRoute();
        card.Ok(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp)));
        var subnet = IpCidr.Parse("172.30.0.0/22");
        card.Ok(new AddRouterEntryReq(Port1, subnet, new RouterTarget.VpcSubnet(subnet), RouterClass.System));
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        card.Ok(new AddFwRuleReq(Port0, allowUdp));
        Assert.True(FirewallRuleText.TryParse("dir=out action=deny priority=5 protocol=udp port=7777", out var denyOut, out _));
        card.Ok(new AddFwRuleReq(Port1, denyOut));
        return card;
    }

    /// <summary>Guest frames of both ports, interleaved: new flows, repeated flows, a denied flow, ARP, a stranger and a runt.</summary>
    private static List<byte[]> GuestFrames()
    {
        var frames = new List<byte[]>();
        for (var i = 0; i < 30; i++)
        {
            frames.Add((i % 5) switch
            {
                0 => VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, (ushort)(5000 + (i % 3)), 6000, 40, (byte)i),
                1 => VpcFrames.Udp(OtherGuestMac, VpcCfg.DefaultGatewayMac, OtherPrivateIp, PeerIp, (ushort)(5100 + (i % 4)), 6000, 40, (byte)i),
                2 => VpcFrames.Udp(OtherGuestMac, VpcCfg.DefaultGatewayMac, OtherPrivateIp, PeerIp, 5200, 7777, 20, (byte)i),
                3 => i % 2 == 0 ? VpcFrames.ArpRequest(GuestMac, PrivateIp, GatewayIp) : VpcFrames.Udp(MacAddr.Parse("a8:40:25:00:00:77"), VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, 1, 2),
                _ => VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, (ushort)(5300 + i), 6001, 60, (byte)i),
            });
        }

        frames.Add(new byte[10]);
        return frames;
    }

    /// <summary>Wire frames for both ports, interleaved, plus one for nobody and one that does not parse.</summary>
    private static List<byte[]> WireFrames()
    {
        var frames = new List<byte[]>();
        for (var i = 0; i < 30; i++)
        {
            frames.Add((i % 3) switch
            {
                0 => VpcFrames.Geneve(VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6000, (ushort)(5000 + (i % 3)), 40, (byte)i), OwnVni, PeerPhys, OwnPhys),
                1 => VpcFrames.Geneve(VpcFrames.Udp(PeerMac, OtherGuestMac, PeerIp, OtherPrivateIp, 6000, (ushort)(5100 + i), 40, (byte)i), OwnVni, PeerPhys, OwnPhys),
                _ => VpcFrames.Geneve(VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6001, (ushort)(5300 + i), 30, (byte)i), OwnVni, PeerPhys, OwnPhys),
            });
        }

        frames.Add(VpcFrames.Geneve(VpcFrames.Udp(PeerMac, MacAddr.Parse("a8:40:25:00:00:78"), PeerIp, PrivateIp, 1, 2), OwnVni, PeerPhys, OwnPhys));
        frames.Add(TestFrames.Udp(1, 2));
        return frames;
    }

    private static List<string> Run(CommandCard card)
    {
        var observed = new List<string>();
        var tx = new HostQueue(card.Harness, 0, transmit: true, 64);
        var rx = new HostQueue(card.Harness, 0, transmit: false, 128);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());
        for (var i = 0; i < 100; i++)
        {
            rx.PostBuffer((ushort)i);
        }

        for (var round = 0; round < 2; round++)
        {
            var id = (ushort)0;
            foreach (var frame in GuestFrames())
            {
                tx.PostFrame(frame, id++);
            }

            foreach (var frame in WireFrames())
            {
                card.Harness.Wire.Send(frame);
            }

            for (var step = 0; step < 4; step++)
            {
                card.Harness.Step();
            }

            while (tx.TryTake(out var completion, out _))
            {
                observed.Add($"tx {completion}");
            }

            while (rx.Consumed < rx.Posted && rx.TryTake(out var completion, out var address))
            {
                var bytes = new byte[completion.Length];
                Assert.True(card.Harness.HostMemory.TryRead(address, bytes));
                observed.Add($"rx {completion} {Convert.ToHexString(bytes)}");
            }

            while (card.Harness.Wire.TryReceive(out var onWire))
            {
                observed.Add($"wire {Convert.ToHexString(onWire)}");
            }
        }

        foreach (var port in new string[] { Port0, Port1 })
        {
            var stats = card.Ok(new StatsReq(port));
            observed.AddRange(stats.Port.Select(c => $"{port} {c.Name}={c.Value}"));
            observed.AddRange(stats.Layers.SelectMany(l => l.Counters.Select(c => $"{port} {l.Layer}.{c.Name}={c.Value}")));
            var uft = card.Ok(new DumpUftReq(port));
            observed.Add($"{port} uft {uft.InCount}/{uft.OutCount}");
        }

        observed.AddRange(card.Ok(new StatsReq(null)).Card
            .Where(c => c.Name != "registry_generation")
            .Select(c => $"card {c.Name}={c.Value}"));
        foreach (var stat in Enum.GetValues<QueueStatIndex>())
        {
            observed.Add($"queue {stat}={card.Harness.QueueStat(0, stat)}");
        }

        return observed;
    }

    [Fact]
    public void Grouped_engine_calls_give_exactly_the_completions_frames_and_counters_of_per_frame_calls()
    {
        using var perFrame = TwoPortCard(engineBurstCalls: false);
        using var grouped = TwoPortCard(engineBurstCalls: true);

        var expected = Run(perFrame);
        var actual = Run(grouped);

        Assert.Equal(expected, actual);
        // The traffic really exercised both ports, drops, a hairpin and both directions.
        Assert.Contains(expected, line => line.StartsWith($"{Port1} out_drop_layer=", StringComparison.Ordinal) && !line.EndsWith("=0", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith($"{Port0} out_hairpin=", StringComparison.Ordinal) && !line.EndsWith("=0", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith($"{Port1} in_modified=", StringComparison.Ordinal) && !line.EndsWith("=0", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("card demux_drop_outbound_no_port=", StringComparison.Ordinal) && !line.EndsWith("=0", StringComparison.Ordinal));
        Assert.True(expected.Count(line => line.StartsWith("wire ", StringComparison.Ordinal)) > 20);
        Assert.True(expected.Count(line => line.StartsWith("rx ", StringComparison.Ordinal)) > 20);
    }
}
