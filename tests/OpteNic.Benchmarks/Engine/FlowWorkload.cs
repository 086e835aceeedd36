using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// A sample five-layer port with <see cref="FlowCount"/> established flows and their precomputed frames, for the
/// fast-path benchmarks: outbound frames are guest frames (SNAT + encap on the way out), inbound frames are the
/// encapsulated replies (decap + reverse SNAT + MAC rewrite). Packets visit the flows round-robin, each flow once per
/// round, in a random order unless asked for creation order (see <see cref="VisitInRandomOrder"/>).
/// </summary>
/// <remarks>
/// <para>What a frame costs to reach the port (<see cref="Delivery"/>, through <see cref="EngineLoops"/>) must not grow
/// with the number of flows: a NIC's packet is new data at 1k flows as at 1M. The harness assumes the packet's bytes
/// are in cache when the port reads them, as when a NIC's DMA stashes them there; what a receive path pays to bring
/// them in is then the same at every flow count and not part of these figures. While all the workload's frames fit in
/// <see cref="CachedFrameBytes"/> each flow's precomputed frame is copied whole (<see cref="FrameDelivery.Streamed"/>):
/// those frames stay cached. Beyond that, copying them would read the frame array from DRAM beside the flow table's
/// misses, so each frame is rebuilt from one template (flow 0's frame) plus the flow's own 8-byte words at fixed
/// offsets (<see cref="FrameDelivery.Patched"/>), which costs a little more per packet than copying a cached frame
/// (engine README, eighth pass). The streamed 1M figure is still reported
/// (<c>fast_path_1m_flows_streamed_frames_burst_ns</c>).</para>
/// </remarks>
public sealed class FlowWorkload
{
    private readonly byte[] _frames;
    private readonly int _frameStride;
    private readonly int _frameBase;
    private readonly int[] _lengths;
    private int _cursor;

    // Patched delivery: the template, the offsets of the 8-byte words in which some flow's frame differs from it, and
    // each flow's words (flow i's at [i * offsets.Length ..]).
    private byte[] _template = [];
    private int[] _patchOffsets = [];
    private ulong[] _patches = [];
    private FrameDelivery _delivery;
    private readonly bool _tcp;
    private readonly bool _ipv6;
    private readonly int _churnSpares;

    /// <param name="churnSpares">Flows beside the workload's that <see cref="ChurnFlows"/> may open (their LFT pairs and
    /// SNAT ports are provided for); 0 when the workload will not churn.</param>
    public FlowWorkload(int flowCount, bool ipv6, bool tcp, Direction direction, int payload, bool randomOrder = true, int churnSpares = 0)
    {
        FlowCount = flowCount;
        _tcp = tcp;
        _ipv6 = ipv6;
        _churnSpares = churnSpares;
        Direction = direction;
        int addresses = Math.Max(1, (flowCount + churnSpares + 60000) / 60000);
        int capacity = flowCount + 1024;
        Network = new SampleNetwork(new PortOptions { UftLimit = capacity, TcpLimit = tcp ? capacity : 1024, UftListPoolSize = 64 },
            snatPorts: 60000, lftLimit: capacity + churnSpares, snatAddresses: addresses);
        Buffer = new PacketBuffer(2048);
        // Frames start on cache-line boundaries (pinned array, aligned start, stride a multiple of 64): the figures then
        // do not move with where the GC happened to place the array (a misaligned frame costs split loads per packet).
        // The stride is the frame rounded up to whole lines, no more: when frames are streamed from a large array, it is
        // read from DRAM as it streams past, and padding between frames would add memory traffic the flow table's misses
        // compete with.
        // A sample frame, only to size the stride: every flow's measured frame has the same headers, so the same length.
        IpAddr sampleGuest = ipv6 ? GuestIp6 : GuestIp;
        IpAddr sampleRemote = ipv6 ? RemoteIp6 : RemoteIp;
        if (direction == Direction.Outbound)
        {
            Guest(sampleGuest, sampleRemote, 1024, tcp, TcpFlags.Ack, payload);
        }
        else
        {
            Remote(sampleRemote, sampleGuest, 1024, tcp, TcpFlags.Ack, payload);
        }

        _frameStride = (Buffer.Length + 63) & ~63;
        _frames = GC.AllocateArray<byte>((_frameStride * flowCount) + 64, pinned: true);
        _frameBase = AlignmentOffset(_frames);
        _lengths = new int[flowCount];
        Moment now = Moment.FromSeconds(1);
        for (int i = 0; i < flowCount; i++)
        {
            ushort sport = (ushort)(1024 + s_ports[i % 60000]);
            IpAddr guest = ipv6 ? GuestIp6 : GuestIp;
            IpAddr remote = ipv6 ? RemoteIp6 : IpAddr.FromIpv4(RemoteIp.Ipv4 + (uint)(i / 60000));
            // Open the flow from the guest (TCP: SYN, then SYN+ACK from the remote → Established).
            Guest(guest, remote, sport, tcp, tcp ? TcpFlags.Syn : TcpFlags.None, 0);
            Check(Network.Port.Process(Direction.Outbound, Buffer, now));
            PacketParser.TryParse(Buffer.Frame, ParseMode.Inbound, out ParsedPacket wire, out _);
            IpAddr external = wire.SrcIp;
            ushort externalPort = wire.SrcPort;
            Remote(remote, external, externalPort, tcp, TcpFlags.Syn | TcpFlags.Ack, 0);
            Check(Network.Port.Process(Direction.Inbound, Buffer, now));
            if (direction == Direction.Outbound)
            {
                Guest(guest, remote, sport, tcp, TcpFlags.Ack, payload);
            }
            else
            {
                Remote(remote, external, externalPort, tcp, TcpFlags.Ack, payload);
            }

            if (Buffer.Length > _frameStride)
            {
                throw new InvalidOperationException($"workload setup: flow {i}'s frame is {Buffer.Length} bytes, more than the {_frameStride} reserved");
            }

            Buffer.Frame.CopyTo(_frames.AsSpan(_frameBase + (i * _frameStride)));
            _lengths[i] = Buffer.Length;
        }

        FrameLength = _lengths[0];
        if (randomOrder)
        {
            VisitInRandomOrder();
        }

        Delivery = (long)_frameStride * flowCount <= CachedFrameBytes ? FrameDelivery.Streamed : FrameDelivery.Patched;
    }

    /// <summary>
    /// Most bytes of frames copied whole (streamed delivery): half of a core's 1 MiB L2 here, leaving the rest to the
    /// tables.
    /// </summary>
    public const int CachedFrameBytes = 512 * 1024;

    /// <summary>
    /// How the measured loops put a flow's frame into a buffer (see the remarks on the class): by default streamed when
    /// the frames fit in <see cref="CachedFrameBytes"/>, else patched.
    /// </summary>
    public FrameDelivery Delivery
    {
        get => _delivery;
        set
        {
            // The per-flow words are derived when first needed (and again after a reorder).
            if (value == FrameDelivery.Patched && _patches.Length == 0 && FlowCount > 0)
            {
                BuildPatches();
            }

            _delivery = value;
        }
    }

    /// <summary>Copies flow <paramref name="index"/>'s whole precomputed frame into <paramref name="buffer"/> (streamed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void LoadStreamed(PacketBuffer buffer, int index) => buffer.TryLoad(Frame(index));

    /// <summary>Rebuilds flow <paramref name="index"/>'s frame in <paramref name="buffer"/> from the template and its words (patched).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void LoadPatched(PacketBuffer buffer, int index)
    {
        buffer.TryLoad(_template);
        // Unchecked: offsets are inside the frame and index below FlowCount by construction (BuildPatches checks every
        // flow), and this runs once per measured packet, so its instructions count in every figure.
        ref byte frame = ref MemoryMarshal.GetReference(buffer.Frame);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_patchOffsets);
        int count = _patchOffsets.Length;
        ref ulong words = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_patches), (nint)((uint)index * (uint)count));
        for (int w = 0; w < count; w++)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref frame, Unsafe.Add(ref offsets, w)), Unsafe.Add(ref words, w));
        }
    }

    /// <summary>
    /// Asks the cache for the per-flow words of the <paramref name="count"/> flows from <paramref name="start"/>, the next
    /// burst's, while this one is processed: a line per several flows, so a few instructions a burst. The words are
    /// the harness's stand-in for a packet a NIC's DMA has already written; their misses are not the port's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchPatches(int start, int count)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        // A burst that runs past the last flow continues at flow 0.
        int first = Math.Min(count, FlowCount - start);
        PrefetchPatchRange(start, first);
        if (first < count)
        {
            PrefetchPatchRange(0, Math.Min(count - first, FlowCount));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void PrefetchPatchRange(int start, int count)
    {
        nint stride = _patchOffsets.Length * sizeof(ulong);
        // SAFETY: _patches is pinned (allocated on the pinned heap), so its address stays valid; a prefetch never faults,
        // and every address requested here lies inside the array (from the line holding flow start's first word to the
        // line holding flow start + count - 1's last).
        byte* words = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_patches));
        nint line = ((nint)words + (start * stride)) & ~(nint)63;
        nint end = (nint)words + ((start + count) * stride);
        for (; line < end; line += 64)
        {
            Sse.Prefetch0((void*)line);
        }
    }

    /// <summary>
    /// Derives the patched delivery from the precomputed frames and checks that it rebuilds every one of them byte for
    /// byte. Flows whose frames differ in length cannot share a template: such a workload is refused.
    /// </summary>
    private void BuildPatches()
    {
        int length = _lengths[0];
        var check = new PacketBuffer(2048);
        // LoadPatched writes its words unchecked: the template must load and hold every word.
        if (length < sizeof(ulong) || !check.TryLoad(Frame(0)))
        {
            throw new InvalidOperationException($"workload setup: a {length}-byte frame cannot be patched");
        }

        ReadOnlySpan<byte> template = Frame(0);
        var differs = new bool[length];
        for (int i = 1; i < FlowCount; i++)
        {
            if (_lengths[i] != length)
            {
                throw new InvalidOperationException(
                    $"workload setup: flow {i}'s frame is {_lengths[i]} bytes, flow 0's {length}: no shared template");
            }

            ReadOnlySpan<byte> frame = Frame(i);
            for (int b = 0; b < length; b++)
            {
                differs[b] |= frame[b] != template[b];
            }
        }

        // Cover the differing bytes with 8-byte words, each starting at the first byte not yet covered (moved back to
        // fit inside the frame).
        var offsets = new List<int>();
        for (int b = 0; b < length; b++)
        {
            if (differs[b] && (offsets.Count == 0 || b >= offsets[^1] + 8))
            {
                offsets.Add(Math.Min(b, length - 8));
            }
        }

        _template = template.ToArray();
        _patchOffsets = [.. offsets];
        _patches = GC.AllocateArray<ulong>(FlowCount * offsets.Count, pinned: true);
        for (int i = 0; i < FlowCount; i++)
        {
            for (int w = 0; w < offsets.Count; w++)
            {
                _patches[(i * offsets.Count) + w] = BinaryPrimitives.ReadUInt64LittleEndian(Frame(i)[offsets[w]..]);
            }

            LoadPatched(check, i);
            if (!check.Frame.SequenceEqual(Frame(i)))
            {
                throw new InvalidOperationException($"workload setup: flow {i}'s frame is not rebuilt by its patch");
            }
        }
    }

    /// <summary>
    /// Reorders the frames so that consecutive packets belong to flows in no particular order (a fixed shuffle), as
    /// a NIC's receive ring holds them; in creation order, consecutive flows sit in consecutive table slots, which
    /// hardware prefetching would reward as no real traffic does.
    /// </summary>
    public void VisitInRandomOrder()
    {
        var random = new Random(7);
        byte[] copy = (byte[])_frames.Clone();
        int[] lengths = (int[])_lengths.Clone();
        int[] order = Enumerable.Range(0, FlowCount).ToArray();
        random.Shuffle(order);
        for (int k = 0; k < FlowCount; k++)
        {
            copy.AsSpan(_frameBase + (order[k] * _frameStride), _frameStride).CopyTo(_frames.AsSpan(_frameBase + (k * _frameStride)));
            _lengths[k] = lengths[order[k]];
        }

        if (_patches.Length != 0)
        {
            BuildPatches();
        }
    }

    // Guest source ports in a fixed random order, as ephemeral ports are: consecutive ports would give the CRC hash
    // (linear over GF(2)) an unnaturally regular spread over the table.
    private static readonly int[] s_ports = RandomPorts();

    private static int[] RandomPorts()
    {
        int[] ports = Enumerable.Range(0, 60000).ToArray();
        new Random(11).Shuffle(ports);
        return ports;
    }

    public SampleNetwork Network { get; }
    public PacketBuffer Buffer { get; }

    /// <summary>
    /// Takes the flow table from "filled once" to steady churn at full load, as a long-running port's is. Beside the
    /// workload's flows there are the constructor's spare flows, absent at first. Each of
    /// <paramref name="steps"/> steps removes the UFT entry of a random present flow (as its TTL would) and opens a
    /// random absent one through the slow path, so the table stays full while entries come and go. The spares should be
    /// a fair share of the flows: a flow removed and soon opened again takes its old way back, and with few absent flows
    /// that is most of them. Then every workload flow still absent takes a spare's
    /// place, so the measured loops run unchanged. Outbound UDP workloads only.
    /// </summary>
    public void ChurnFlows(int steps)
    {
        if (Direction != Direction.Outbound || _tcp || _ipv6 || _churnSpares == 0)
        {
            throw new InvalidOperationException("workload setup: only outbound IPv4 UDP workloads made with spare flows churn");
        }

        Port port = Network.Port;
        var random = new Random(13);
        Moment now = Moment.FromSeconds(2);
        // Spare flows go to addresses no workload flow uses.
        byte[][] spares = new byte[_churnSpares][];
        for (int k = 0; k < spares.Length; k++)
        {
            Guest(GuestIp, IpAddr.FromIpv4(RemoteIp.Ipv4 + 1000u + (uint)(k / 60000)), (ushort)(1024 + s_ports[k % 60000]), tcp: false,
                TcpFlags.None, FrameLength - 42);
            spares[k] = Buffer.Frame.ToArray();
        }

        int total = FlowCount + spares.Length;
        var present = new bool[total];
        Array.Fill(present, true, 0, FlowCount);
        var absent = new List<int>(Enumerable.Range(FlowCount, spares.Length));

        void Load(int flow)
        {
            if (flow < FlowCount)
            {
                LoadStreamed(Buffer, flow);
            }
            else if (!Buffer.TryLoad(spares[flow - FlowCount]))
            {
                throw new InvalidOperationException("workload setup: a spare frame does not load");
            }
        }

        void Remove(int flow)
        {
            Load(flow);
            if (!PacketParser.TryParse(Buffer.Frame, ParseMode.Outbound, out ParsedPacket guest, out _) ||
                !port.RemoveUftEntry(Direction.Outbound, guest.FlowId))
            {
                throw new InvalidOperationException($"workload setup: flow {flow} has no UFT entry to churn");
            }

            present[flow] = false;
            absent.Add(flow);
        }

        void Open(int at)
        {
            int flow = absent[at];
            absent[at] = absent[^1];
            absent.RemoveAt(absent.Count - 1);
            Load(flow);
            Check(port.Process(Direction.Outbound, Buffer, now));
            present[flow] = true;
        }

        for (int step = 0; step < steps; step++)
        {
            int victim;
            do
            {
                victim = random.Next(total);
            }
            while (!present[victim]);

            Remove(victim);
            Open(random.Next(absent.Count));
        }

        // Every workload flow still absent takes a present spare's place (as many spares are present as workload flows
        // absent). Walking the absent list backwards: Remove appends the spare and Open moves it into the place just
        // visited, so no entry is visited twice. Spares only leave here, so the search for a present one moves forward.
        int spare = FlowCount;
        for (int at = absent.Count - 1; at >= 0; at--)
        {
            if (absent[at] < FlowCount)
            {
                while (!present[spare])
                {
                    spare++;
                }

                Remove(spare);
                Open(at);
            }
        }

        if (port.UftOut.Count != FlowCount)
        {
            throw new InvalidOperationException($"workload setup: {port.UftOut.Count} UFT entries after churn, not {FlowCount}");
        }
    }

    /// <summary>Share of the outbound UFT's entries filed in their preferred way (found without the index).</summary>
    public double PreferredShare => (double)Network.Port.UftOut.PreferredEntries / Network.Port.UftOut.Count;

    /// <summary>Buffers for burst processing (one burst = <see cref="BurstBuffers"/>.Length packets).</summary>
    public PacketBuffer[] BurstBuffers { get; } = [.. Enumerable.Range(0, 32).Select(_ => new PacketBuffer(2048))];

    public ProcessResult[] BurstResults { get; } = new ProcessResult[32];
    public int FlowCount { get; }
    public Direction Direction { get; }

    /// <summary>Length of the frame handed to the port (before transformation).</summary>
    public int FrameLength { get; }

    /// <summary>
    /// Where the next measured batch starts, moved on by <paramref name="packets"/>: successive batches continue
    /// round-robin where the last one stopped, so a batch shorter than the flow count does not revisit the same first
    /// flows every time (a round of the million-flow workload is ≈ 400k packets).
    /// </summary>
    public int Advance(int packets)
    {
        int start = _cursor;
        _cursor = (int)((_cursor + (long)packets) % FlowCount);
        return start;
    }

    /// <summary>The precomputed frame of flow <paramref name="index"/> (what either delivery puts in a buffer).</summary>
    public ReadOnlySpan<byte> Frame(int index) => _frames.AsSpan(_frameBase + (index * _frameStride), _lengths[index]);

    private static int AlignmentOffset(byte[] pinned)
    {
        // The array lives on the pinned object heap, so its address read here stays valid.
        var handle = GCHandle.Alloc(pinned, GCHandleType.Pinned);
        nint address = handle.AddrOfPinnedObject();
        handle.Free();
        return (int)((64 - (address & 63)) & 63);
    }

    private void Guest(IpAddr guest, IpAddr remote, ushort sport, bool tcp, TcpFlags flags, int payload)
    {
        if (tcp)
        {
            Frames.Tcp(Buffer, GuestMac, GatewayMac, guest, remote, sport, 443, flags, seq: 100, ack: flags == TcpFlags.Syn ? 0 : 5001u, payload);
        }
        else
        {
            Frames.Udp(Buffer, GuestMac, GatewayMac, guest, remote, sport, 443, payload);
        }
    }

    private void Remote(IpAddr remote, IpAddr external, ushort externalPort, bool tcp, TcpFlags flags, int payload)
    {
        if (tcp)
        {
            Frames.Tcp(Buffer, BoundaryMac, GuestMac, remote, external, 443, externalPort, flags, seq: 5000, ack: 101, payload);
        }
        else
        {
            Frames.Udp(Buffer, BoundaryMac, GuestMac, remote, external, 443, externalPort, payload);
        }

        Frames.Encapsulate(Buffer, UnderlayRemote, UnderlayLocal, Vni);
    }

    private static void Check(ProcessResult result)
    {
        if (result.Outcome != ProcessOutcome.Modified)
        {
            throw new InvalidOperationException($"workload setup: {result}");
        }
    }
}
