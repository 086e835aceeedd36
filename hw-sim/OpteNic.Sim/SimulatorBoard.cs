using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.HwSim.Wire;

namespace OpteNic.Sim;

/// <summary>
/// The board file: wires the simulated silicon (<see cref="SimulatedCard"/>), the wire backend and the firmware image,
/// runs the management loop and each NIC core on its own thread, and plays the board's reset logic (watchdog expiry
/// reboots the firmware with cause Watchdog).
/// </summary>
public sealed class SimulatorBoard : IDisposable
{
    private readonly SimulatedCard _card;
    private readonly PcapWireBackend _wire;
    private readonly FirmwareOptions _firmwareOptions;
    private readonly List<Thread> _threads = [];
    private CardFirmware _firmware;
    private volatile bool _stopping;

    private SimulatorBoard(SimulatedCard card, PcapWireBackend wire, FirmwareOptions firmwareOptions)
    {
        _card = card;
        _wire = wire;
        _firmwareOptions = firmwareOptions;
        _firmware = NewFirmware();
    }

    /// <summary>The simulated card.</summary>
    public SimulatedCard Card => _card;

    /// <summary>The wire port 0 pcap backend.</summary>
    public PcapWireBackend Wire => _wire;

    /// <summary>The running firmware image.</summary>
    public CardFirmware Firmware => _firmware;

    /// <summary>
    /// Validates the input pcap, then creates the card's files and the output pcap. On failure nothing the user did
    /// not already have is left half-written and <paramref name="error"/> is one sentence.
    /// </summary>
    public static SimulatorBoard? TryCreate(SimulatorOptions options, TextWriter log, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.WireIn is not null && !Api.Capture.PcapReader.TryValidateFile(options.WireIn, out _, out var pcapMessage))
        {
            error = $"wire input refused: {pcapMessage}";
            return null;
        }

        SimulatedCard card;
        try
        {
            card = SimulatedCard.Create(new SimulatedCardOptions
            {
                StateDirectory = options.StateDirectory,
                HostMemoryBytes = options.HostMemoryMiB * 1024L * 1024L,
                HostQueuePairs = options.Queues,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error = e.Message;
            return null;
        }

        if (!PcapWireBackend.TryCreate(card.WirePort(0), options.WireIn, options.WireOut, out var wire, out var wireMessage))
        {
            card.Dispose();
            error = wireMessage;
            return null;
        }

        error = string.Empty;
        return new SimulatorBoard(card, wire, new FirmwareOptions { NicCores = options.Cores });
    }

    /// <summary>Powers on: resets the silicon, boots the firmware, starts the wire backend and the loops.</summary>
    public void Start()
    {
        _card.ResetSilicon();
        _firmware.Boot();
        _wire.Start();
        StartLoops();
    }

    /// <summary>
    /// The board's reset logic, called periodically by the main thread: a watchdog expiry or a firmware-requested
    /// reset reboots the card. Returns a line to log when it did something.
    /// </summary>
    public string? Supervise()
    {
        var pending = _card.SimReset.PendingReset;
        if (pending is null && !_card.SimWatchdog.HasExpired)
        {
            return null;
        }

        var cause = pending ?? ResetCause.Watchdog;
        if (!StopLoops(TimeSpan.FromSeconds(2)))
        {
            _firmware.Management.EnterFatal(FatalSyndrome.PollLoopException);
            _card.SimWatchdog.Disarm();
            return $"reset ({cause}) failed: a poll loop does not stop; the card is FATAL";
        }

        _card.SimReset.RequestSystemReset(cause);
        _card.ResetSilicon();
        _firmware = NewFirmware();
        _firmware.Boot();
        _stopping = false;
        StartLoops();
        return $"card reset ({cause}); boot {_card.SimReset.BootCount}";
    }

    /// <summary>Stops the loops and the wire backend, flushes the output pcap and marks the card OFFLINE.</summary>
    public void Stop()
    {
        StopLoops(TimeSpan.FromSeconds(5));
        _wire.Stop();
        _card.PowerOff();
    }

    public void Dispose()
    {
        _wire.Dispose();
        _card.Dispose();
    }

    private CardFirmware NewFirmware() => new(_card, new PassThroughPort(), _firmwareOptions);

    private void StartLoops()
    {
        _threads.Clear();
        var firmware = _firmware;
        _threads.Add(StartLoop("management", firmware.Management.RunOnce, firmware));
        foreach (var core in firmware.Cores)
        {
            _threads.Add(StartLoop($"nic-core-{core.Index}", core.RunOnce, firmware));
        }
    }

    private Thread StartLoop(string name, Func<int> runOnce, CardFirmware firmware)
    {
        var thread = new Thread(() =>
        {
            var backoff = new IdleBackoff();
            try
            {
                while (!_stopping)
                {
                    backoff.Pause(runOnce() > 0);
                }
            }
            catch (Exception e)
            {
                // The card's equivalent of a core dying: report it in BAR0 and stop this loop.
                firmware.Management.EnterFatal(FatalSyndrome.PollLoopException);
                Console.Error.WriteLine($"opte-nic-sim: {name} stopped: {e.GetType().Name}: {e.Message}; the card is FATAL");
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return thread;
    }

    private bool StopLoops(TimeSpan timeout)
    {
        _stopping = true;
        var deadline = DateTime.UtcNow + timeout;
        foreach (var thread in _threads)
        {
            var left = deadline - DateTime.UtcNow;
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One-line description of the firmware identity, for the startup log.</summary>
    public static string IdentityLine => $"firmware {FirmwareVersion.Text}, OPTE API {ApiVersion.Current}, mailbox ABI {Bar0.AbiMajor}.{Bar0.AbiMinor}";
}
