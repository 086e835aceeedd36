using OpteNic.Client.Device;
using OpteNic.Client.Queues;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.HwSim.Wire;
using OpteNic.System.Tests.Infrastructure;

namespace OpteNic.System.Tests.Rings;

/// <summary>
/// The simulated card (BAR0 and host memory as files), its firmware with the pass-through port stepped by the test
/// through <see cref="CardFirmware.RunOnce"/>, the host client mapping the same files, and the wire's far end in memory.
/// </summary>
public sealed class InProcessCard : IDisposable
{
    private readonly TempDirectory _directory = new("opte-nic-rings");
    private readonly SimulatedCard _card;

    public InProcessCard(int ringEntries, int hostQueuePairs = 1)
    {
        _card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _directory.Path, HostQueuePairs = hostQueuePairs, HostMemoryBytes = 16L * 1024 * 1024 });
        Firmware = new CardFirmware(_card, new PassThroughPort(), new FirmwareOptions { NicCores = 1 });
        _card.ResetSilicon();
        Firmware.Boot();
        Wire = new InMemoryWireLink(_card.WirePort(0));
        Device = OpteDevice.Open(_directory.Path);

        // Enabling waits for the firmware: step it on a helper thread only while the host sets up.
        Pair = WhileStepping(() => Device.OpenQueuePair(0, new QueuePairOptions { RingEntries = ringEntries, BufferBytes = 2048 }));
    }

    public CardFirmware Firmware { get; }

    public InMemoryWireLink Wire { get; }

    public OpteDevice Device { get; }

    public HostQueuePair Pair { get; }

    public void Dispose()
    {
        // Disabling waits for the firmware to acknowledge: step it while the host lets go.
        WhileStepping(Pair.Dispose);
        Device.Dispose();
        _card.Dispose();
        _directory.Dispose();
    }

    /// <summary>Runs a host call that waits for the firmware (enable, disable) while a helper thread steps it.</summary>
    private T WhileStepping<T>(Func<T> hostCall)
    {
        using var stop = new CancellationTokenSource();
        var stepper = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Firmware.RunOnce();
            }
        });
        stepper.Start();
        try
        {
            return hostCall();
        }
        finally
        {
            stop.Cancel();
            stepper.Join();
        }
    }

    private void WhileStepping(Action hostCall) => WhileStepping(() =>
    {
        hostCall();
        return 0;
    });
}
