using OpteNic.Api.Abi;
using OpteNic.Engine;
using OpteNic.Firmware.DataPath;
using OpteNic.Firmware.Mailbox;
using OpteNic.Firmware.Mailbox.Commands;
using OpteNic.Firmware.Management;
using OpteNic.Hal;

namespace OpteNic.Firmware;

/// <summary>
/// The firmware image: built once per boot against an <see cref="IBoard"/> and a port data path. It owns one
/// <see cref="NicCore"/> per configured core (queue pair q → core q mod cores) and the <see cref="ManagementLoop"/>.
/// The board file runs each loop on its own thread; tests call <see cref="RunOnce"/> to step them all in one thread.
/// </summary>
public sealed class CardFirmware
{
    private readonly NicCore[] _cores;

    public CardFirmware(IBoard board, IPortDataPath port, FirmwareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(port);
        Options = options ?? new FirmwareOptions();
        Board = board;
        var queueCount = Math.Min(board.HostQueuePairs, Bar0.MaxHostQueuePairs);
        var coreCount = Math.Clamp(Options.NicCores, 1, queueCount);
        var owned = new List<HostQueuePair>[coreCount];
        for (var c = 0; c < coreCount; c++)
        {
            owned[c] = [];
        }

        for (var q = 0; q < queueCount; q++)
        {
            owned[q % coreCount].Add(new HostQueuePair(q));
        }

        _cores = new NicCore[coreCount];
        for (var c = 0; c < coreCount; c++)
        {
            _cores[c] = new NicCore(c, board, port, [.. owned[c]], Options);
        }

        Commands = new CommandTable()
            .Register(new InfoHandler(board.BoardName, board.BoardRevision));
        Envelope = new IoctlEnvelope(board.HostMemory, Options.MaxRequestBytes, Options.MaxResponseBytes);
        Management = new ManagementLoop(board, Options, _cores, new MailboxService(board.Bar0, board.Interrupts, Envelope, Commands));
    }

    /// <summary>The board this image runs on.</summary>
    public IBoard Board { get; }

    /// <summary>Build-time options.</summary>
    public FirmwareOptions Options { get; }

    /// <summary>The command dispatch table (register further handlers before <see cref="Boot"/>).</summary>
    public CommandTable Commands { get; }

    /// <summary>The IoctlEnvelope serving the mailbox.</summary>
    public IoctlEnvelope Envelope { get; }

    /// <summary>The management loop.</summary>
    public ManagementLoop Management { get; }

    /// <summary>The NIC cores' poll loops.</summary>
    public IReadOnlyList<NicCore> Cores => _cores;

    /// <summary>Boots: identity, defaults, READY (datasheet §3.1).</summary>
    public void Boot() => Management.Boot();

    /// <summary>One iteration of every loop, management first (single-threaded stepping for tests).</summary>
    public int RunOnce()
    {
        var work = Management.RunOnce();
        foreach (var core in _cores)
        {
            work += core.RunOnce();
        }

        return work;
    }
}
