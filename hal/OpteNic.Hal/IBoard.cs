using System.Device.Gpio;
using System.Device.I2c;

namespace OpteNic.Hal;

/// <summary>
/// Everything the firmware may touch, handed to it by the board file (the simulator's composition root, or a real
/// board's). The firmware uses nothing else: no files, no sockets, no threads of its own.
/// </summary>
public interface IBoard
{
    /// <summary>Board name reported by the Info command.</summary>
    string BoardName { get; }

    /// <summary>Board revision reported by the Info command.</summary>
    string BoardRevision { get; }

    /// <summary>Host queue-pair register blocks the silicon implements (datasheet §3.7).</summary>
    int HostQueuePairs { get; }

    /// <summary>BAR0 as the firmware sees it.</summary>
    IRegisterBlock Bar0 { get; }

    /// <summary>DMA into host memory.</summary>
    IDmaEngine HostMemory { get; }

    /// <summary>Interrupts towards the host.</summary>
    IInterruptController Interrupts { get; }

    /// <summary>Number of wire ports.</summary>
    int WirePortCount { get; }

    /// <summary>Data side of wire port <paramref name="port"/>.</summary>
    IWirePort GetWirePort(int port);

    /// <summary>Control side of wire port <paramref name="port"/>.</summary>
    IWirePortControl GetWirePortControl(int port);

    /// <summary>Monotonic clock.</summary>
    IMonotonicClock Clock { get; }

    /// <summary>Hardware watchdog.</summary>
    IWatchdog Watchdog { get; }

    /// <summary>Reset logic.</summary>
    IResetController Reset { get; }

    /// <summary>Flash.</summary>
    IFlash Flash { get; }

    /// <summary>GPIO (LEDs), as on any dotnet/iot board.</summary>
    GpioController Gpio { get; }

    /// <summary>The LM75-compatible board temperature sensor.</summary>
    I2cDevice TemperatureSensor { get; }
}
