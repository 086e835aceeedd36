using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.Simulator;

/// <summary>
/// Frames through the whole card with the pass-through port: guest pcap → opteadm send-pcap → host TX queue →
/// firmware → wire port → the simulator's wire-out pcap; and wire-in pcap → firmware → host RX queues →
/// opteadm recv-pcap. Bytes must come out exactly as they went in.
/// </summary>
public sealed class FrameRoundTripTests
{
    [Fact]
    public void Guest_frames_reach_the_wire_and_wire_frames_reach_the_host_byte_for_byte()
    {
        using var temp = new TempDirectory();
        var state = temp.File("state");
        var guestOut = TestFrames.Udp(200, seed: 1, sourceHost: 10, destinationHost: 20);
        var wireIn = TestFrames.Udp(150, seed: 2, sourceHost: 20, destinationHost: 10);
        PcapFile.Write(temp.File("guest.pcap"), guestOut);
        PcapFile.Write(temp.File("wire-in.pcap"), wireIn);

        using var simulator = SimulatorProcess.Start(state, "--wire-in", temp.File("wire-in.pcap"), "--wire-out", temp.File("wire-out.pcap"));

        // Host → wire: every frame completes Ok and appears on the wire, in order, unchanged.
        var send = Tool.Run(["-d", state, "send-pcap", temp.File("guest.pcap")]);
        Assert.True(send.ExitCode == 0, send + simulator.Log);
        Assert.Contains($"sent {guestOut.Count} of {guestOut.Count} frames", send.StandardOutput);
        Assert.Contains($"{guestOut.Count} ok, 0 dropped", send.StandardOutput);
        var onWire = PcapFile.WaitForFrames(temp.File("wire-out.pcap"), guestOut.Count);
        Assert.Equal(guestOut.Count, onWire.Count);
        for (var i = 0; i < guestOut.Count; i++)
        {
            Assert.True(guestOut[i].AsSpan().SequenceEqual(onWire[i]), $"wire frame {i} differs from guest frame {i}");
        }

        // Wire → host: frames were spread by RSS over the host queues; each arrives once, unchanged.
        var receive = Tool.Run(["-d", state, "recv-pcap", temp.File("host-rx.pcap"), "--count", wireIn.Count.ToString(), "--limit-ms", "20000"]);
        Assert.True(receive.ExitCode == 0, receive + simulator.Log);
        var atHost = PcapFile.Read(temp.File("host-rx.pcap"));
        Assert.Equal(Sorted(wireIn), Sorted(atHost));

        // The card's own counters agree (the management loop publishes wire-port counters once per heartbeat).
        using var device = OpteDevice.Open(state);
        var queuePairs = device.ReadIdentity().HostQueuePairs;
        uint RxPacketsAtHost()
        {
            uint sum = 0;
            for (var q = 0; q < queuePairs; q++)
            {
                sum += device.Bar.Read32(Bar0.QueueStat(q, QueueStatIndex.RxPackets));
            }

            return sum;
        }

        Assert.Equal((uint)guestOut.Count, Eventually(() => device.Bar.Read32(Bar0.WirePortRegister(0, Bar0.WirePort.TxFrames)), (uint)guestOut.Count));
        Assert.Equal((uint)wireIn.Count, Eventually(() => device.Bar.Read32(Bar0.WirePortRegister(0, Bar0.WirePort.RxFrames)), (uint)wireIn.Count));
        Assert.Equal((uint)wireIn.Count, Eventually(RxPacketsAtHost, (uint)wireIn.Count));
        Assert.Equal(0, simulator.Terminate());
    }

    [Fact]
    public void A_truncated_guest_pcap_is_refused_before_anything_is_sent()
    {
        using var temp = new TempDirectory();
        var state = temp.File("state");
        PcapFile.Write(temp.File("guest.pcap"), TestFrames.Udp(3, seed: 3));
        var bytes = File.ReadAllBytes(temp.File("guest.pcap"));
        File.WriteAllBytes(temp.File("truncated.pcap"), bytes[..^10]);
        File.WriteAllText(temp.File("not.pcap"), "this is not a capture file");

        using var simulator = SimulatorProcess.Start(state, "--wire-out", temp.File("wire-out.pcap"));
        var notPcap = Tool.Run(["-d", state, "send-pcap", temp.File("not.pcap")]);
        Assert.True(notPcap.ExitCode == 13, notPcap.ToString());
        Assert.Contains("not.pcap", notPcap.StandardError);

        var truncated = Tool.Run(["-d", state, "send-pcap", temp.File("truncated.pcap")]);
        Assert.True(truncated.ExitCode == 13, truncated.ToString());
        Assert.Contains("truncated.pcap", truncated.StandardError);

        var missing = Tool.Run(["-d", state, "send-pcap", temp.File("missing.pcap")]);
        Assert.True(missing.ExitCode == 13, missing.ToString());
        Assert.Equal(0, simulator.Terminate());
    }

    private static uint Eventually(Func<uint> read, uint expected)
    {
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        var value = read();
        while (value != expected && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
            value = read();
        }

        return value;
    }

    private static List<string> Sorted(IEnumerable<byte[]> frames) => frames.Select(Convert.ToHexString).Order(StringComparer.Ordinal).ToList();
}
