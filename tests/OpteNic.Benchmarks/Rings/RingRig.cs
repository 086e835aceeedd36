using System.Buffers.Binary;
using OpteNic.Client.Device;
using OpteNic.Client.Queues;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.HwSim.Wire;

namespace OpteNic.Benchmarks.Rings;

/// <summary>
/// One card in one process, stepped on the calling thread: the simulated silicon (<see cref="SimulatedCard"/>, BAR0
/// and host memory as files under /dev/shm), its firmware with the pass-through port on one NIC core
/// (<see cref="CardFirmware.RunOnce"/>), the host tools' queue pair (<see cref="HostQueuePair"/>) mapping the same
/// files, and an in-memory far end of the wire (<see cref="InMemoryWireLink"/>). No thread runs behind the caller's
/// back once it is built, so every packet's cost lands on the benchmark thread.
/// </summary>
public sealed class RingRig : IDisposable
{
    private readonly string _directory;
    private readonly SimulatedCard _card;
    private readonly CardFirmware _firmware;
    private readonly OpteDevice _device;
    private readonly HostQueuePair _pair;
    private readonly InMemoryWireLink _link;
    private readonly byte[] _frame;
    private readonly byte[] _scratch = new byte[16 * 1024];
    private CountingHandler _handler;

    /// <summary>Builds the rig with frames of <paramref name="frameBytes"/> bytes (Ethernet without FCS).</summary>
    public RingRig(int frameBytes, int ringEntries = 256)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, $"opte-bench-rings-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _directory, HostQueuePairs = 1, HostMemoryBytes = 16L * 1024 * 1024 });
        _firmware = new CardFirmware(_card, new PassThroughPort(), new FirmwareOptions { NicCores = 1 });
        _card.ResetSilicon();
        _firmware.Boot();
        _link = new InMemoryWireLink(_card.WirePort(0));
        _frame = BuildFrame(frameBytes);

        // Enabling waits for the firmware's answer: step it on a helper thread only while the host sets up.
        _device = OpteDevice.Open(_directory);
        _pair = WhileStepping(() => _device.OpenQueuePair(0, new QueuePairOptions { RingEntries = ringEntries, BufferBytes = 2048 }));
    }

    /// <summary>Frames the host has received so far.</summary>
    public long HostReceived => _handler.Frames;

    /// <summary>Frames seen on the far end of the wire so far.</summary>
    public long WireReceived { get; private set; }

    /// <summary>Host-side counters of the queue pair.</summary>
    public QueueCounters Counters => _pair.Counters;

    /// <summary>
    /// Guest → wire: posts <paramref name="burst"/> frames on the TX ring, rings the doorbell once, steps the firmware
    /// until every completion is back, and collects the frames from the wire. Returns frames completed.
    /// </summary>
    public int HostToWire(int burst)
    {
        var tx = _pair.Tx;
        var posted = 0;
        while (posted < burst && tx.TryPost(_frame))
        {
            posted++;
        }

        tx.RingDoorbell();
        var completed = 0;
        for (var step = 0; completed < posted && step < 1000; step++)
        {
            _firmware.RunOnce();
            completed += tx.ReapCompletions();
        }

        while (_link.TryReceive(_scratch, out _))
        {
            WireReceived++;
        }

        return completed;
    }

    /// <summary>
    /// Wire → guest: puts <paramref name="burst"/> frames on the wire, steps the firmware and reaps the RX ring until
    /// they are all at the host (buffers reposted as they are consumed). Returns frames received.
    /// </summary>
    public int WireToHost(int burst)
    {
        for (var i = 0; i < burst; i++)
        {
            _link.Send(_frame);
        }

        var received = 0;
        for (var step = 0; received < burst && step < 1000; step++)
        {
            _firmware.RunOnce();
            received += _pair.Rx.Receive(ref _handler);
        }

        return received;
    }

    /// <summary>Baseline: the bytes a frame's trip moves (copy in, copy out) with no ring, no firmware.</summary>
    public int CopyOnly(int burst)
    {
        for (var i = 0; i < burst; i++)
        {
            _frame.CopyTo(_scratch.AsSpan());
            _scratch.AsSpan(0, _frame.Length).CopyTo(_scratch.AsSpan(8192));
        }

        return burst;
    }

    public void Dispose()
    {
        // Disabling waits for the firmware to acknowledge: step it while the host lets go.
        WhileStepping(_pair.Dispose);
        _device.Dispose();
        _card.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs a host call that waits for the firmware (enable, disable) while a helper thread steps it.</summary>
    private T WhileStepping<T>(Func<T> hostCall)
    {
        using var stop = new CancellationTokenSource();
        var stepper = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _firmware.RunOnce();
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

    private static byte[] BuildFrame(int length)
    {
        var frame = new byte[Math.Max(length, 60)];
        ReadOnlySpan<byte> macs = [0xA8, 0x40, 0x25, 0, 0, 2, 0xA8, 0x40, 0x25, 0, 0, 1];
        macs.CopyTo(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        frame[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)(frame.Length - 14));
        frame[22] = 64;
        frame[23] = 17;
        ReadOnlySpan<byte> addresses = [10, 0, 0, 1, 10, 0, 0, 2];
        addresses.CopyTo(frame.AsSpan(26));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34), 5000);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(36), 6000);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(38), (ushort)(frame.Length - 34));
        return frame;
    }

    private struct CountingHandler : IRxFrameHandler
    {
        public long Frames;
        public long Bytes;

        public void OnFrame(ReadOnlySpan<byte> frame, in RxCompletion completion)
        {
            Frames++;
            Bytes += frame.Length;
        }
    }
}
