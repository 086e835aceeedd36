using System.CommandLine;
using OpteNic.Api.Abi;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;

namespace OpteAdm.Commands;

/// <summary>
/// <c>opteadm status</c>: the identity and capability registers, firmware state, whether the heartbeat advances,
/// the mailbox slot, and every queue pair's and wire port's state and counters. Reads registers only, so it works in
/// any firmware state (a card that is not READY still exits 0 here: the state is the answer).
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the card's identity registers, state, heartbeat, mailbox slot, queues and wire ports");
        command.SetAction(CommandRunner.Wrap(Run));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        using var device = OpteDevice.OpenUnchecked(CommandRunner.DevicePath(parse));
        var identity = device.ReadIdentity();
        if (!identity.HasSignature)
        {
            device.CheckCompatible();
        }

        var bar = device.Bar;
        var period = Math.Clamp(identity.HeartbeatPeriodMs == 0 ? 100 : (int)identity.HeartbeatPeriodMs, 10, 1000);
        Thread.Sleep((period * 3) / 2);
        var heartbeatLater = bar.Read32(Bar0.Heartbeat);
        var heartbeat = heartbeatLater != identity.Heartbeat ? "advancing" : "stalled";

        Console.WriteLine($"device:            {device.Location.BarPath}");
        Console.WriteLine($"host memory:       {device.Location.HostMemoryPath ?? "(none)"}");
        Console.WriteLine($"firmware state:    {MailboxClient.Describe(identity.State)}{(identity.FatalSyndrome != 0 ? $" (fatal syndrome {identity.FatalSyndrome})" : string.Empty)}");
        Console.WriteLine($"heartbeat:         {heartbeatLater} ({heartbeat}, period {identity.HeartbeatPeriodMs} ms)");
        Console.WriteLine($"firmware version:  {identity.FirmwareVersion}");
        Console.WriteLine($"mailbox ABI:       {identity.AbiVersion}{(identity.AbiMajor != Bar0.AbiMajor ? $" (MISMATCH: opteadm speaks {Bar0.AbiMajor}.{Bar0.AbiMinor})" : string.Empty)}");
        Console.WriteLine($"OPTE API version:  {identity.OpteApiVersion}");
        Console.WriteLine($"boot:              #{identity.BootCount}, cause {identity.ResetCause}");
        Console.WriteLine($"temperature:       {identity.BoardTemperatureMilliC / 1000.0:0.0} °C");
        Console.WriteLine($"capabilities:      {identity.HostQueuePairs} host queue pairs, {identity.WirePorts} wire port(s) x {identity.WireQueuePairs} queues, {identity.NicCores} NIC core(s), rings up to {identity.MaxRingEntries}, frames up to {identity.MaxFrameBytes} B, flags {identity.Capabilities}");
        Console.WriteLine($"mailbox:           {(MailboxControl)bar.Read32(Bar0.MailboxControl)}, last posted sequence {bar.Read32(Bar0.MailboxSequence)}, last completed {bar.Read32(Bar0.MailboxCompletionSequence)}; requests up to {identity.MaxRequest} B, responses up to {identity.MaxResponse} B, timeout {identity.DefaultTimeoutMs} ms");
        Console.WriteLine();
        Console.WriteLine("QP  TX-STATUS  RX-STATUS  TX-PKTS    TX-DROPS   RX-PKTS    RX-DROPS   RX-NOBUF   HAIRPINS");
        for (var q = 0; q < identity.HostQueuePairs; q++)
        {
            var tx = (QueueStatus)bar.Read32(Bar0.QueueRegister(q, Bar0.Queue.TxStatus));
            var rx = (QueueStatus)bar.Read32(Bar0.QueueRegister(q, Bar0.Queue.RxStatus));
            uint Stat(QueueStatIndex s) => bar.Read32(Bar0.QueueStat(q, s));
            Console.WriteLine($"{q,-3} {tx,-10} {rx,-10} {Stat(QueueStatIndex.TxPackets),-10} {Stat(QueueStatIndex.TxDrops),-10} {Stat(QueueStatIndex.RxPackets),-10} {Stat(QueueStatIndex.RxDrops),-10} {Stat(QueueStatIndex.RxNoBuffer),-10} {Stat(QueueStatIndex.Hairpins)}");
        }

        Console.WriteLine();
        Console.WriteLine("PORT  LINK  RX-FRAMES  TX-FRAMES  RX-FIFO-DROPS  TX-DROPS");
        for (var p = 0; p < Math.Min(identity.WirePorts, (uint)Bar0.MaxWirePorts); p++)
        {
            uint Reg(int offset) => bar.Read32(Bar0.WirePortRegister(p, offset));
            Console.WriteLine($"{p,-5} {(Reg(Bar0.WirePort.LinkStatus) == 1 ? "up" : "down"),-5} {Reg(Bar0.WirePort.RxFrames),-10} {Reg(Bar0.WirePort.TxFrames),-10} {Reg(Bar0.WirePort.RxFifoDrops),-14} {Reg(Bar0.WirePort.TxDrops)}");
        }

        return ExitCodes.Ok;
    }
}
