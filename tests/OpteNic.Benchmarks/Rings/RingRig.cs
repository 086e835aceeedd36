using System.Buffers.Binary;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Client.Device;
using OpteNic.Client.Queues;
using OpteNic.Engine;
using OpteNic.Firmware;
using OpteNic.HwSim;
using OpteNic.HwSim.Wire;
using System.Numerics;

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
    private readonly byte[][] _outboundFrames;
    private readonly byte[][] _inboundFrames;
    private int _nextOutbound;
    private int _nextInbound;
    private readonly byte[] _scratch = new byte[16 * 1024];
    private CountingHandler _handler;

    /// <summary>
    /// Builds the rig with frames of <paramref name="frameBytes"/> bytes (Ethernet without FCS). With
    /// <paramref name="vpcFlows"/> &gt; 0 the card gets one VPC port (created over the mailbox, as opteadm would) and the
    /// traffic is that many UDP flows guest ↔ peer, so every frame takes the engine's UFT fast path;
    /// <paramref name="engineBurstCalls"/> chooses <c>Port.ProcessBurst</c> per port group or <c>Port.Process</c> per frame.
    /// </summary>
    public RingRig(int frameBytes, int ringEntries = 256, int vpcFlows = 0, bool engineBurstCalls = true)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, $"opte-bench-rings-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _card = SimulatedCard.Create(new SimulatedCardOptions { StateDirectory = _directory, HostQueuePairs = 1, HostMemoryBytes = 16L * 1024 * 1024 });
        var uftLimit = Math.Max(8192, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, vpcFlows)) * 2);
        _firmware = new CardFirmware(_card, new PassThroughPort(), new FirmwareOptions
        {
            NicCores = 1,
            EngineBurstCalls = engineBurstCalls,
            PortUftLimit = uftLimit,
            PortTcpLimit = 1024,
            PortLayerFlowLimit = uftLimit,
            Virt2PhysCapacity = 4096,
        });
        _card.ResetSilicon();
        _firmware.Boot();
        _link = new InMemoryWireLink(_card.WirePort(0));
        _frame = BuildFrame(frameBytes);

        // Enabling waits for the firmware's answer: step it on a helper thread only while the host sets up.
        _device = OpteDevice.Open(_directory);
        _pair = WhileStepping(() => _device.OpenQueuePair(0, new QueuePairOptions { RingEntries = ringEntries, BufferBytes = 2048 }));
        _outboundFrames = [_frame];
        _inboundFrames = [_frame];
        if (vpcFlows > 0)
        {
            WhileStepping(ConfigureVpcPort);
            _outboundFrames = new byte[vpcFlows][];
            _inboundFrames = new byte[vpcFlows][];
            for (var i = 0; i < vpcFlows; i++)
            {
                _outboundFrames[i] = BuildFrame(frameBytes, (ushort)(1024 + (i % 60000)), (ushort)(6000 + (i / 60000)));
                _inboundFrames[i] = Encapsulate(BuildFrame(frameBytes, (ushort)(1024 + (i % 60000)), (ushort)(6000 + (i / 60000)), reply: true));
            }
        }
    }

    private static readonly MacAddr s_guestMac = MacAddr.Parse("a8:40:25:00:00:01");
    private static readonly MacAddr s_peerMac = MacAddr.Parse("a8:40:25:00:00:02");
    private static readonly Ipv6Addr s_guestPhys = Ipv6Addr.Parse("fd00:1::1");
    private static readonly Ipv6Addr s_peerPhys = Ipv6Addr.Parse("fd00:2::1");
    private const uint VpcVni = 100;

    /// <summary>One VPC port for guest 10.0.0.1 (the rig's frame source) with a route and V2P entry for peer 10.0.0.2.</summary>
    private void ConfigureVpcPort()
    {
        var v4 = new Ipv4Cfg(Ipv4Cidr.Parse("10.0.0.0/24"), Ipv4Addr.Parse("10.0.0.1"), Ipv4Addr.Parse("10.0.0.254"), ExternalIpCfg<Ipv4Addr>.None, [], []);
        var cfg = new VpcCfg(new IpCfg.Ipv4(v4), s_guestMac, VpcCfg.DefaultGatewayMac, new Vni(VpcVni), s_guestPhys);
        Run<CreateXdeReq, NoResp>(new CreateXdeReq("opte0", 1, cfg, DhcpCfg.Empty, Passthrough: false));
        var subnet = IpCidr.Parse("10.0.0.0/24");
        Run<AddRouterEntryReq, NoResp>(new AddRouterEntryReq("opte0", subnet, new RouterTarget.VpcSubnet(subnet), RouterClass.System));
        Run<SetVirt2PhysReq, NoResp>(new SetVirt2PhysReq(IpAddr.Parse("10.0.0.2"), new PhysNet(s_peerMac, s_peerPhys, new Vni(VpcVni))));
        if (!FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        Run<AddFwRuleReq, NoResp>(new AddFwRuleReq("opte0", allowUdp));
    }

    private void Run<TReq, TResp>(TReq request)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp> =>
        _device.Execute(TReq.Cmd, PostcardSerializer.SerializeToArray(request));

    /// <summary><paramref name="inner"/> as the peer's card sends it: IPv6 underlay, UDP 6081, Geneve with the VPC's VNI.</summary>
    private static byte[] Encapsulate(byte[] inner)
    {
        const int geneve = 14 + 40 + 8;
        var frame = new byte[geneve + 8 + inner.Length];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x86DD);
        span[14] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(span[(14 + 4)..], (ushort)(16 + inner.Length));
        span[14 + 6] = 17;
        span[14 + 7] = 255;
        s_peerPhys.CopyTo(span[(14 + 8)..]);
        s_guestPhys.CopyTo(span[(14 + 24)..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(14 + 40)..], (ushort)(0xC000 | (inner[35] & 0x3FFF)));
        BinaryPrimitives.WriteUInt16BigEndian(span[(14 + 40 + 2)..], 6081);
        BinaryPrimitives.WriteUInt16BigEndian(span[(14 + 40 + 4)..], (ushort)(16 + inner.Length));
        BinaryPrimitives.WriteUInt16BigEndian(span[(geneve + 2)..], 0x6558);
        span[geneve + 4] = 0;
        span[geneve + 5] = 0;
        span[geneve + 6] = (byte)VpcVni;
        inner.CopyTo(span[(geneve + 8)..]);
        return frame;
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
        while (posted < burst && tx.TryPost(_outboundFrames[_nextOutbound]))
        {
            posted++;
            _nextOutbound = _nextOutbound + 1 == _outboundFrames.Length ? 0 : _nextOutbound + 1;
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
            _link.Send(_inboundFrames[_nextInbound]);
            _nextInbound = _nextInbound + 1 == _inboundFrames.Length ? 0 : _nextInbound + 1;
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

    private static byte[] BuildFrame(int length, ushort sourcePort = 5000, ushort destinationPort = 6000, bool reply = false)
    {
        var frame = new byte[Math.Max(length, 60)];
        ReadOnlySpan<byte> macs = [0xA8, 0x40, 0x25, 0, 0, 2, 0xA8, 0x40, 0x25, 0, 0, 1];
        macs.CopyTo(frame);
        if (reply)
        {
            // Peer → guest: the peer's MAC and address as source, the guest's as destination, ports swapped.
            ReadOnlySpan<byte> reversed = [0xA8, 0x40, 0x25, 0, 0, 1, 0xA8, 0x40, 0x25, 0, 0, 2];
            reversed.CopyTo(frame);
            (sourcePort, destinationPort) = (destinationPort, sourcePort);
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        frame[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)(frame.Length - 14));
        frame[22] = 64;
        frame[23] = 17;
        ReadOnlySpan<byte> addresses = reply ? [10, 0, 0, 2, 10, 0, 0, 1] : [10, 0, 0, 1, 10, 0, 0, 2];
        addresses.CopyTo(frame.AsSpan(26));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(36), destinationPort);
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
