using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Mailbox;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.Vpc;

namespace OpteNic.Benchmarks.Mailbox;

/// <summary>
/// One card in one process for mailbox benchmarks, built as <see cref="Rings.RingRig"/> builds its card: the simulated
/// silicon (<see cref="SimulatedCard"/>, BAR0 and host memory as files under /dev/shm), its firmware booted with the
/// pass-through port, and the host client (<see cref="OpteDevice"/>) mapping the same files. Unlike the rings, a
/// mailbox command blocks the host until the firmware answers, so the firmware's management loop runs on its own
/// thread for the rig's whole life, as it runs on its own core on the card: the benchmark thread plays the host (post,
/// poll, read), the other thread the card.
/// </summary>
public sealed class MailboxRig : IDisposable
{
    private readonly string _directory;
    private readonly SimulatedCard _card;
    private readonly Thread _managementLoop;
    private volatile bool _stop;
    private long _firmwareAllocated;
    private long _loopIterations;

    public MailboxRig()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, $"opte-bench-mailbox-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _directory, HostQueuePairs = 1, HostMemoryBytes = 16L * 1024 * 1024 });
        Firmware = new CardFirmware(_card, new PassThroughPort(), new FirmwareOptions { NicCores = 1 });
        _card.ResetSilicon();
        Firmware.Boot();
        Device = OpteDevice.Open(_directory);
        _managementLoop = new Thread(() =>
        {
            while (!_stop)
            {
                Firmware.Management.RunOnce();
                // Published after every iteration so the host can tell the card's allocations from its own.
                Volatile.Write(ref _firmwareAllocated, GC.GetAllocatedBytesForCurrentThread());
                Volatile.Write(ref _loopIterations, _loopIterations + 1);
            }
        })
        { IsBackground = true, Name = "card management loop" };
        _managementLoop.Start();
    }

    /// <summary>The firmware (its registry is filled directly when a benchmark's setup needs a big table).</summary>
    public CardFirmware Firmware { get; }

    /// <summary>
    /// Bytes the firmware's management loop thread (the card's side of every command) has allocated so far. Waits for
    /// two more loop iterations first, so a command the host has just seen completed is included.
    /// </summary>
    public long FirmwareAllocatedBytes()
    {
        var start = Volatile.Read(ref _loopIterations);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _loopIterations) < start + 2)
        {
            spinner.SpinOnce();
        }

        return Volatile.Read(ref _firmwareAllocated);
    }

    /// <summary>The host's view of the card.</summary>
    public OpteDevice Device { get; }

    /// <summary>Runs one command through the mailbox and returns the response body.</summary>
    public byte[] Execute<TReq, TResp>(TReq request, CommandOptions? options = null)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp> =>
        Device.Execute(TReq.Cmd, PostcardSerializer.SerializeToArray(request), options).Body;

    /// <summary>Runs one command and decodes its response (throws if it does not decode).</summary>
    public TResp Call<TReq, TResp>(TReq request, CommandOptions? options = null)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp>
    {
        var body = Execute<TReq, TResp>(request, options);
        return PostcardSerializer.TryDeserialize<TResp>(body, out var response, out var error)
            ? response
            : throw new InvalidDataException($"{TReq.Cmd}: {body.Length}-byte response does not decode: {error}");
    }

    /// <summary>
    /// Puts <paramref name="count"/> IPv4 mappings on VNI <paramref name="vni"/> straight into the firmware's V2P table
    /// (setup, not measured: a million commands would dominate the run). Mapping i is 10.0.0.0 + i.
    /// </summary>
    public void FillV2p(int count, uint vni)
    {
        var table = Firmware.Registry.Network.Virt2Phys;
        var underlay = Ipv6Addr.Parse("fd00:1::1");
        for (var i = 0; i < count; i++)
        {
            if (!table.TrySet(new Vni(vni), new Ipv4Addr(0x0A00_0000u + (uint)i).ToPacketIp(), new GuestPhysAddr(new MacAddr(0xA8_40_25_00_00_00UL + (ulong)i), underlay)))
            {
                throw new InvalidOperationException($"V2P full after {i} mappings (capacity {table.Capacity})");
            }
        }
    }

    /// <summary>
    /// Dumps the whole V2P table in pages of <paramref name="pageSize"/> mappings (0 = one unpaged response), as
    /// <c>opteadm dump-v2p</c> does: each page decoded, the next asked for with the previous page's cursor (slot layout
    /// and next slot of the firmware's live table, datasheet §5.4).
    /// Returns the number of mappings received.
    /// </summary>
    public int DumpV2p(uint pageSize)
    {
        var received = 0;
        var request = new DumpVirt2PhysReq(0, null, pageSize);
        while (true)
        {
            var page = Call<DumpVirt2PhysReq, DumpVirt2PhysResp>(request);
            foreach (var vpc in page.Mappings)
            {
                received += vpc.Ip4.Count + vpc.Ip6.Count;
            }

            if (pageSize == 0 || page.Next is not { } next)
            {
                return received;
            }

            request = request with { After = next };
        }
    }

    public void Dispose()
    {
        _stop = true;
        _managementLoop.Join();
        Device.Dispose();
        _card.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
