using OpteNic.Api.Abi;
using OpteNic.Engine;
using OpteNic.Firmware.DataPath;
using OpteNic.Firmware.Mailbox;
using OpteNic.Firmware.Mailbox.Commands;
using OpteNic.Firmware.Management;
using OpteNic.Firmware.Ports;
using OpteNic.Hal;

namespace OpteNic.Firmware;

/// <summary>
/// The firmware image: built once per boot against an <see cref="IBoard"/> and a port data path. It owns one
/// <see cref="NicCore"/> per configured core (queue pair q → core q mod cores) and the <see cref="ManagementLoop"/>.
/// The board file runs each loop on its own thread; tests call <see cref="RunOnce"/> to step them all in one thread.
/// The card-wide <see cref="PortRegistry"/> is created here, at boot; until a port is created every frame goes through
/// the pass-through port given to the constructor (the card's behaviour before configuration).
/// </summary>
public sealed class CardFirmware
{
    private readonly NicCore[] _cores;

    /// <param name="board">The board this image runs on.</param>
    /// <param name="port">The data path used while no guest port exists (pass-through).</param>
    /// <param name="options">Build-time options.</param>
    public CardFirmware(IBoard board, IPortDataPath port, FirmwareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(port);
        Options = options ?? new FirmwareOptions();
        Board = board;
        Registry = new PortRegistry(Options);
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
            _cores[c] = new NicCore(c, board, new PortDemux(c, Registry, port, Options), [.. owned[c]], Options);
        }

        Commands = CardCommands.RegisterAll(new CommandTable(), Registry, _cores, board.BoardName, board.BoardRevision, Options.MaxResponseBytes, board.Clock);
        Envelope = new IoctlEnvelope(board.HostMemory, Options.MaxRequestBytes, Options.MaxResponseBytes);
        Management = new ManagementLoop(board, Options, _cores, new MailboxService(board.Bar0, board.Interrupts, Envelope, Commands), Registry);
    }

    /// <summary>The board this image runs on.</summary>
    public IBoard Board { get; }

    /// <summary>The card's ports and shared VPC tables (commands write it; cores read its published snapshot).</summary>
    public PortRegistry Registry { get; }

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
