using System.Device.Gpio;
using System.Device.I2c;
using OpteNic.Api.Abi;
using Registers = OpteNic.Api.Abi.Bar0;
using OpteNic.Hal;
using OpteNic.HwSim.Devices;
using OpteNic.HwSim.Memory;
using OpteNic.HwSim.Wire;

namespace OpteNic.HwSim;

/// <summary>
/// The simulated SmartNIC's silicon: BAR0 and host memory (files in the state directory, or process memory), the DMA
/// engine, wire-port MACs with RSS, clock, watchdog, reset logic, flash, the LM75 sensor and the LED GPIO block. It
/// is the <see cref="IBoard"/> the firmware runs on; it runs no code of its own (the board file owns the threads).
/// </summary>
public sealed class SimulatedCard : IBoard, IDisposable
{
    /// <summary>File names inside the state directory (datasheet §8).</summary>
    public const string Bar0FileName = "bar0";

    /// <inheritdoc cref="Bar0FileName"/>
    public const string HostMemoryFileName = "hostmem";

    /// <inheritdoc cref="Bar0FileName"/>
    public const string FlashFileName = "flash";

    /// <inheritdoc cref="Bar0FileName"/>
    public const string LockFileName = "sim.lock";

    private readonly MemoryRegion _barRegion;
    private readonly MemoryRegion _hostRegion;
    private readonly SimWirePort[] _wirePorts;
    private readonly FileStream? _lock;

    private SimulatedCard(SimulatedCardOptions options, FileStream? lockFile, MemoryRegion bar, MemoryRegion host, SimFlash flash)
    {
        _lock = lockFile;
        _barRegion = bar;
        _hostRegion = host;
        HostQueuePairs = options.HostQueuePairs;
        Bar = new MappedRegisterBlock(bar);
        Dma = new MappedDmaEngine(host);
        Interrupts = new BarInterruptController(Bar);
        _wirePorts = new SimWirePort[options.WirePorts];
        for (var p = 0; p < _wirePorts.Length; p++)
        {
            _wirePorts[p] = new SimWirePort(options.HostQueuePairs, options.WireFifoDepth, options.MaxFrameBytes, options.RssTableEntries);
        }

        Clock = options.Clock ?? new SystemClock();
        SimWatchdog = new SimWatchdog(Clock);
        SimReset = new SimResetController();
        SimFlash = flash;
        GpioDriver = new SimGpioDriver();
        Gpio = new GpioController(GpioDriver);
        Lm75 = new Lm75Device(BoardPins.TemperatureSensorBus, BoardPins.TemperatureSensorAddress, options.BoardCelsius);
        StateDirectory = options.StateDirectory;
    }

    /// <summary>
    /// Powers on a card. With a state directory: takes its lock (refusing a second simulator on it), creates
    /// <c>bar0</c> and <c>hostmem</c> zeroed and opens (or creates erased) <c>flash</c>.
    /// </summary>
    public static SimulatedCard Create(SimulatedCardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HostQueuePairs is < 1 or > Registers.MaxHostQueuePairs)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"host queue pairs must be 1..{Registers.MaxHostQueuePairs}");
        }

        if (options.WirePorts is < 1 or > Registers.MaxWirePorts)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"wire ports must be 1..{Registers.MaxWirePorts}");
        }

        if (options.StateDirectory is null)
        {
            return new SimulatedCard(options, null, MemoryRegion.AllocateZeroed(Registers.Size), MemoryRegion.AllocateZeroed(options.HostMemoryBytes), SimFlash.CreateInMemory());
        }

        var dir = options.StateDirectory;
        Directory.CreateDirectory(dir);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(dir, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"{dir}: another simulator is running on this state directory ({e.Message})", e);
        }

        MemoryRegion? bar = null;
        MemoryRegion? host = null;
        try
        {
            bar = MemoryRegion.CreateFile(Path.Combine(dir, Bar0FileName), Registers.Size);
            host = MemoryRegion.CreateFile(Path.Combine(dir, HostMemoryFileName), options.HostMemoryBytes);
            var flash = SimFlash.OpenFile(Path.Combine(dir, FlashFileName));
            return new SimulatedCard(options, lockFile, bar, host, flash);
        }
        catch
        {
            bar?.Dispose();
            host?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Where the card's files live, or null for process memory.</summary>
    public string? StateDirectory { get; }

    public string BoardName => "opte-nic-sim";

    public string BoardRevision => "A";

    public int HostQueuePairs { get; }

    /// <summary>BAR0 as both sides see it (tests drive the host side through it too).</summary>
    public MappedRegisterBlock Bar { get; }

    /// <summary>Host memory through the DMA engine (tests write rings and frames through it too).</summary>
    public MappedDmaEngine Dma { get; }

    public IRegisterBlock Bar0 => Bar;

    public IDmaEngine HostMemory => Dma;

    public IInterruptController Interrupts { get; }

    public int WirePortCount => _wirePorts.Length;

    public IWirePort GetWirePort(int port) => _wirePorts[port];

    public IWirePortControl GetWirePortControl(int port) => _wirePorts[port];

    /// <summary>The MAC of wire port <paramref name="port"/>, with its far-end side.</summary>
    public SimWirePort WirePort(int port) => _wirePorts[port];

    public IMonotonicClock Clock { get; }

    /// <summary>The watchdog with its simulation side (expiry).</summary>
    public SimWatchdog SimWatchdog { get; }

    /// <summary>The reset logic with its simulation side (pending reset, boot counting).</summary>
    public SimResetController SimReset { get; }

    /// <summary>The flash with its simulation side.</summary>
    public SimFlash SimFlash { get; }

    public IWatchdog Watchdog => SimWatchdog;

    public IResetController Reset => SimReset;

    public IFlash Flash => SimFlash;

    /// <summary>The LED GPIO block as the simulation sees it.</summary>
    public SimGpioDriver GpioDriver { get; }

    public GpioController Gpio { get; }

    /// <summary>The temperature sensor as the simulation sees it (set the temperature here).</summary>
    public Lm75Device Lm75 { get; }

    public I2cDevice TemperatureSensor => Lm75;

    /// <summary>
    /// Resets the silicon for a (re)boot: clears BAR0 (as a reset of the function does), disarms the watchdog and
    /// latches the reset cause. Host memory is the host's and is left alone.
    /// </summary>
    public void ResetSilicon()
    {
        SimWatchdog.Disarm();
        Span<byte> zeros = stackalloc byte[256];
        for (var offset = 0; offset < Bar.Length; offset += zeros.Length)
        {
            Bar.WriteBytes(offset, zeros);
        }

        SimReset.CompleteReset();
    }

    /// <summary>Marks the card powered off in BAR0 (datasheet §8) so hosts fail fast.</summary>
    public void PowerOff() => Bar.Write32(Registers.FirmwareState, (uint)FirmwareState.Offline);

    public void Dispose()
    {
        Gpio.Dispose();
        SimFlash.Dispose();
        _barRegion.Dispose();
        _hostRegion.Dispose();
        _lock?.Dispose();
    }
}
