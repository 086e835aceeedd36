using System.CommandLine;
using OpteNic.Client.Frames;
using OpteNic.Client.Queues;

namespace OpteAdm.Commands;

/// <summary>
/// <c>opteadm recv-pcap FILE</c>: enables host RX queues, points RSS at them, and writes every frame the card delivers
/// to a pcap file until a count is reached, the line goes quiet, or a time limit passes.
/// </summary>
public static class RecvPcapCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "pcap file to write (replaced)" };
        var queues = new Option<int[]>("--queue", "-q") { Description = "Host queue pair(s) to receive on (default: all)", HelpName = "Q", AllowMultipleArgumentsPerToken = true };
        var count = new Option<long?>("--count", "-c") { Description = "Stop after this many frames", HelpName = "N" };
        var idle = new Option<int>("--idle-ms") { Description = "Stop when nothing arrives for this long after the first frame", DefaultValueFactory = _ => 1000, HelpName = "MS" };
        var limit = new Option<int>("--limit-ms") { Description = "Stop after this long in all", DefaultValueFactory = _ => 10000, HelpName = "MS" };
        var command = new Command("recv-pcap", "Capture frames the card delivers on host RX queues (wire -> card -> guest) into a pcap file")
        {
            file, queues, count, idle, limit, QueueOptions.RingEntries, QueueOptions.BufferBytes,
        };
        command.SetAction(CommandRunner.Wrap(parse =>
        {
            using var device = CommandRunner.OpenDevice(parse);
            var chosen = parse.GetValue(queues) is { Length: > 0 } given ? given : Enumerable.Range(0, device.ReadIdentity().HostQueuePairs).ToArray();
            var pairs = new List<HostQueuePair>();
            try
            {
                foreach (var q in chosen)
                {
                    pairs.Add(device.OpenQueuePair(q, QueueOptions.From(parse, QueueDirections.Receive)));
                }

                // Only the enabled queues may receive: otherwise frames wait in the FIFOs of the others (datasheet §7).
                device.ProgramRssTable(chosen);
                using var sink = PcapFrameSink.Create(parse.GetRequiredValue(file).FullName);
                var stop = new ReceiveStop
                {
                    MaxFrames = parse.GetValue(count),
                    IdleTimeout = TimeSpan.FromMilliseconds(parse.GetValue(idle)),
                    Timeout = TimeSpan.FromMilliseconds(parse.GetValue(limit)),
                };
                var received = FramePump.Receive(pairs.Select(p => p.Rx).ToList(), sink, stop);
                Console.WriteLine($"received {received} frames on queue pair(s) {string.Join(",", chosen)} into {sink.Name}");
                return stop.MaxFrames is { } wanted && received < wanted
                    ? CommandRunner.Fail($"only {received} of {wanted} frames arrived", ExitCodes.Incomplete)
                    : ExitCodes.Ok;
            }
            finally
            {
                foreach (var pair in pairs)
                {
                    pair.Dispose();
                }
            }
        }));
        return command;
    }
}
