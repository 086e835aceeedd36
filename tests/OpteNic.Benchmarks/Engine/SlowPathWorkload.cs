using System.Runtime.CompilerServices;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// First packets of new UDP flows through the sample port (every layer walked, SNAT and firewall pairs made, UFT entry
/// compiled). Between batches the port is reset, untimed, so tables never fill.
/// </summary>
public sealed class SlowPathWorkload
{
    public const int Batch = 2048;

    private readonly byte[][] _frames = new byte[Batch][];

    public SlowPathWorkload(bool ipv6 = false)
    {
        Network = new SampleNetwork(new PortOptions { UftLimit = Batch * 2, TcpLimit = 1024 }, snatPorts: Batch * 2, lftLimit: Batch * 2);
        Buffer = new PacketBuffer(2048);
        for (int i = 0; i < Batch; i++)
        {
            Frames.Udp(Buffer, GuestMac, GatewayMac, ipv6 ? GuestIp6 : GuestIp, ipv6 ? RemoteIp6 : RemoteIp, (ushort)(1024 + i), 53);
            _frames[i] = Buffer.Frame.ToArray();
        }
    }

    public SampleNetwork Network { get; }
    public PacketBuffer Buffer { get; }

    /// <summary>Processes one batch of new flows; returns the CPU nanoseconds of the processing only.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long RunBatch(Moment now)
    {
        Port port = Network.Port;
        PacketBuffer buffer = Buffer;
        long start = ThreadCpuClock.NowNanoseconds();
        for (int i = 0; i < _frames.Length; i++)
        {
            buffer.TryLoad(_frames[i]);
            port.Process(Direction.Outbound, buffer, now);
        }

        long elapsed = ThreadCpuClock.NowNanoseconds() - start;
        port.Reset();
        port.Start();
        return elapsed;
    }
}
