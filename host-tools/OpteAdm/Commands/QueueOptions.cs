using System.CommandLine;
using OpteNic.Client.Queues;

namespace OpteAdm.Commands;

/// <summary>Options shared by the commands that drive host queues.</summary>
public static class QueueOptions
{
    public static readonly Option<int> RingEntries = new("--ring-entries")
    {
        Description = "Entries per ring (a power of two)",
        DefaultValueFactory = _ => 256,
        HelpName = "N",
    };

    public static readonly Option<int> BufferBytes = new("--buffer-bytes")
    {
        Description = "Bytes per frame buffer (the largest frame)",
        DefaultValueFactory = _ => 2048,
        HelpName = "BYTES",
    };

    public static QueuePairOptions From(ParseResult parse, QueueDirections directions) => new()
    {
        Directions = directions,
        RingEntries = parse.GetValue(RingEntries),
        BufferBytes = parse.GetValue(BufferBytes),
    };
}
