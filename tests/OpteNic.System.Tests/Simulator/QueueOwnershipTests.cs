using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.Client.Queues;
using OpteNic.System.Tests.Infrastructure;
using Tool = OpteNic.System.Tests.Infrastructure.OpteAdm;

namespace OpteNic.System.Tests.Simulator;

/// <summary>
/// Each direction of a host queue pair belongs to one process at a time: a second taker gets EBUSY (exit 8), while
/// the other direction of the same pair stays free for another process.
/// </summary>
public sealed class QueueOwnershipTests
{
    [Fact]
    public void A_held_rx_ring_is_busy_for_others_while_its_tx_ring_still_serves_another_process()
    {
        using var temp = new TempDirectory();
        var state = temp.File("state");
        var frames = TestFrames.Udp(20, seed: 11);
        PcapFile.Write(temp.File("guest.pcap"), frames);
        using var simulator = SimulatorProcess.Start(state, "--wire-out", temp.File("wire-out.pcap"));

        using var device = OpteDevice.Open(state);
        using (var receiver = device.OpenQueuePair(0, new QueuePairOptions { Directions = QueueDirections.Receive }))
        {
            Assert.Equal(QueueStatus.Enabled, (QueueStatus)device.Bar.Read32(Bar0.QueueRegister(0, Bar0.Queue.RxStatus)));
            Assert.Equal(QueueStatus.Disabled, (QueueStatus)device.Bar.Read32(Bar0.QueueRegister(0, Bar0.Queue.TxStatus)));

            var busy = Tool.Run(["-d", state, "recv-pcap", temp.File("rx.pcap"), "-q", "0", "--limit-ms", "500"]);
            Assert.True(busy.ExitCode == 8, busy.ToString());
            Assert.Contains("queue pair 0 RX is in use", busy.StandardError);

            var send = Tool.Run(["-d", state, "send-pcap", temp.File("guest.pcap"), "-q", "0"]);
            Assert.True(send.ExitCode == 0, send + simulator.Log);
            Assert.Contains($"{frames.Count} ok", send.StandardOutput);

            // The sender let go of TX (disabled it); this process's RX ring is untouched.
            Assert.Equal(QueueStatus.Disabled, (QueueStatus)device.Bar.Read32(Bar0.QueueRegister(0, Bar0.Queue.TxStatus)));
            Assert.Equal(QueueStatus.Enabled, (QueueStatus)device.Bar.Read32(Bar0.QueueRegister(0, Bar0.Queue.RxStatus)));
        }

        // Released: another process may take the RX ring now.
        Assert.Equal(QueueStatus.Disabled, (QueueStatus)device.Bar.Read32(Bar0.QueueRegister(0, Bar0.Queue.RxStatus)));
        var after = Tool.Run(["-d", state, "recv-pcap", temp.File("rx.pcap"), "-q", "0", "--limit-ms", "300"]);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("received 0 frames", after.StandardOutput);
        Assert.Equal(0, simulator.Terminate());
    }
}
