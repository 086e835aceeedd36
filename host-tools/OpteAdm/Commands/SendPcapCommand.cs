using System.CommandLine;
using OpteNic.Client.Frames;
using OpteNic.Client.Queues;

namespace OpteAdm.Commands;

/// <summary>
/// <c>opteadm send-pcap FILE</c>: posts every frame of a pcap file on a host TX queue, as a guest would send them,
/// and waits for the card to complete them. Exit 0 only if every frame completed Ok.
/// </summary>
public static class SendPcapCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Classic pcap file (Ethernet) of guest frames" };
        var queue = new Option<int>("--queue", "-q") { Description = "Host queue pair to send on", DefaultValueFactory = _ => 0, HelpName = "Q" };
        var stall = new Option<int>("--stall-ms") { Description = "Give up when the card completes nothing for this long", DefaultValueFactory = _ => 5000, HelpName = "MS" };
        var command = new Command("send-pcap", "Send a pcap file's frames through a host TX queue (guest -> card -> wire)")
        {
            file, queue, stall, QueueOptions.RingEntries, QueueOptions.BufferBytes,
        };
        command.SetAction(CommandRunner.Wrap(parse =>
        {
            var path = parse.GetRequiredValue(file).FullName;
            using var source = PcapFrameSource.Open(path);
            using var device = CommandRunner.OpenDevice(parse);
            using var pair = device.OpenQueuePair(parse.GetValue(queue), QueueOptions.From(parse, QueueDirections.Transmit));
            var report = FramePump.Send(source, pair.Tx, TimeSpan.FromMilliseconds(parse.GetValue(stall)));
            Console.WriteLine($"sent {report.Posted} of {report.FramesRead} frames on queue pair {pair.Index}: {report.CompletedOk} ok, {report.Dropped} dropped, {report.DmaFaults} DMA faults, {report.BadDescriptors} bad descriptors, {report.TooLong} too long, {report.Outstanding} outstanding");
            if (report.Stalled)
            {
                return CommandRunner.Fail($"the card stopped completing frames ({report.Outstanding} outstanding)", ExitCodes.Timeout);
            }

            return report.CompletedOk == report.FramesRead ? ExitCodes.Ok : ExitCodes.Incomplete;
        }));
        return command;
    }
}
