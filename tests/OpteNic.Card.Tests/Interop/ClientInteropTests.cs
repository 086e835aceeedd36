using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.HwSim.Wire;

namespace OpteNic.Card.Tests.Interop;

/// <summary>
/// Happy paths through the host engineer's client against the file-backed card (bar0/hostmem in a state directory),
/// with the firmware's loops running on a thread: checks that both sides read the datasheet the same way. Fault
/// paths are tested register by register elsewhere.
/// </summary>
public sealed class ClientInteropTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"opte-card-{Guid.NewGuid():N}");
    private readonly SimulatedCard _card;
    private readonly Thread _loop;
    private volatile bool _stop;

    public ClientInteropTests()
    {
        _card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _dir, HostMemoryBytes = 16L * 1024 * 1024, HostQueuePairs = 2 });
        _card.ResetSilicon();
        var firmware = new CardFirmware(_card, new PassThroughPort());
        firmware.Boot();
        _loop = new Thread(() =>
        {
            while (!_stop)
            {
                if (firmware.RunOnce() == 0)
                {
                    Thread.Sleep(0);
                }
            }
        })
        { IsBackground = true };
        _loop.Start();
    }

    public void Dispose()
    {
        _stop = true;
        _loop.Join();
        _card.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void The_client_runs_Info_over_the_files()
    {
        using var device = OpteDevice.Open(_dir);
        var response = device.Execute(OpteCmd.Info, []);
        Assert.True(PostcardSerializer.TryDeserialize<InfoResp>(response.Body, out var info, out var error), error.ToString());
        Assert.Equal(FirmwareVersion.Text, info.FirmwareVersion);
        Assert.Equal(ApiVersion.Current, info.ApiVersion);
    }

    [Fact]
    public void A_frame_the_client_sends_reaches_the_wire()
    {
        using var device = OpteDevice.Open(_dir);
        using var queuePair = device.OpenQueuePair(0);
        var frame = TestFrames.Udp(7000, 7001, 100, 5);
        Assert.True(queuePair.Tx.TrySend(frame));

        var wire = new InMemoryWireLink(_card.WirePort(0));
        byte[]? onWire = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (onWire is null && DateTime.UtcNow < deadline)
        {
            if (!wire.TryReceive(out onWire))
            {
                onWire = null;
                Thread.Sleep(1);
            }
        }

        Assert.Equal(frame, onWire);
    }
}
