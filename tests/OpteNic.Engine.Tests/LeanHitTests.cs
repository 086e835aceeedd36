using OpteNic.Engine.Ports;
using OpteNic.Engine.Rules;
using OpteNic.Engine.Actions;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Checksums;
using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>
/// The lean UFT hit (Port.LeanHit.cs) against the full path on a twin port with lean hits off: the same random walk of
/// packets (TCP handshakes, data, FIN and RST, UDP over IPv4 and IPv6, inbound replies, checksum offload, Ethernet
/// padding), alone and through the burst entry point, and control operations (rule changes, size limits, expiry) must
/// give the same result, bytes and counters after every packet. Which stacks the lean parse declines is the Packets
/// tests' concern (FlowHeaderParseTests).
/// </summary>
public sealed class LeanHitTests
{
    private sealed class Twin
    {
        public readonly SampleNetwork Lean = new();
        public readonly SampleNetwork Full = new();
        public readonly PacketBuffer LeanBuffer = new(2048);
        public readonly PacketBuffer FullBuffer = new(2048);

        public Twin()
        {
            Full.Port.LeanHits = false;
            // Few flows here: force the staged burst path the firmware takes with many.
            Lean.Port.StagedBurstMinimumFlows = 0;
        }

        private readonly ProcessResult[] _burstResult = new ProcessResult[1];
        private int _runs;

        private readonly PacketBuffer[] _leanBurst = [.. Enumerable.Range(0, 40).Select(_ => new PacketBuffer(2048))];
        private readonly PacketBuffer[] _fullBurst = [.. Enumerable.Range(0, 40).Select(_ => new PacketBuffer(2048))];
        private readonly ProcessResult[] _burstResults = new ProcessResult[40];

        public void RunBurst(Random random, Moment now, string step)
        {
            int count = random.Next(2, 41);
            for (int i = 0; i < count; i++)
            {
                int flow = random.Next(16);
                bool v6 = flow % 3 == 2;
                IpAddr guest = v6 ? GuestIp6 : GuestIp;
                IpAddr remote = v6 ? RemoteIp6 : RemoteIp;
                if (flow < 6)
                {
                    TcpFlags flags = random.Next(6) == 0 ? TcpFlags.Syn : TcpFlags.Ack;
                    Frames.Tcp(_leanBurst[i], GuestMac, GatewayMac, guest, remote, (ushort)(20000 + flow), 443, flags, seq: (uint)i, ack: 7, payload: random.Next(40));
                }
                else
                {
                    Frames.Udp(_leanBurst[i], GuestMac, GatewayMac, guest, remote, (ushort)(20000 + flow), 53, payload: random.Next(40));
                }

                Assert.True(_fullBurst[i].TryLoad(_leanBurst[i].Frame));
            }

            Lean.Port.ProcessBurst(Direction.Outbound, _leanBurst.AsSpan(0, count), _burstResults, now);
            for (int i = 0; i < count; i++)
            {
                ProcessResult full = Full.Port.Process(Direction.Outbound, _fullBurst[i], now);
                Assert.True(full.ToString() == _burstResults[i].ToString(), $"{step} burst packet {i}: lean {_burstResults[i]}, full {full}");
                Assert.True(_fullBurst[i].Frame.SequenceEqual(_leanBurst[i].Frame), $"{step} burst packet {i}: bytes differ");
            }

            Assert.Equal(PortStatistics.Snapshot(Full.Port), PortStatistics.Snapshot(Lean.Port));
        }

        public ProcessResult Run(Direction direction, Moment now, ChecksumOffload offload, string step)
        {
            Assert.True(FullBuffer.TryLoad(LeanBuffer.Frame));
            ProcessResult lean;
            if (offload == ChecksumOffload.None && (++_runs & 1) == 0)
            {
                // Every other packet goes through the burst entry point (its staging pass reads the flow headers).
                Lean.Port.ProcessBurst(direction, [LeanBuffer], _burstResult, now);
                lean = _burstResult[0];
            }
            else
            {
                lean = Lean.Port.Process(direction, LeanBuffer, now, offload);
            }

            ProcessResult full = Full.Port.Process(direction, FullBuffer, now, offload);
            Assert.True(full.ToString() == lean.ToString(), $"{step}: lean {lean}, full {full}");
            Assert.True(FullBuffer.Frame.SequenceEqual(LeanBuffer.Frame), $"{step}: bytes differ");
            Assert.Equal(PortStatistics.Snapshot(Full.Port), PortStatistics.Snapshot(Lean.Port));
            return lean;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_walk_gives_the_full_paths_results_bytes_and_counters(int seed)
    {
        var twin = new Twin();
        var random = new Random(seed);
        var external = new Dictionary<int, (IpAddr Address, ushort Port, bool Tcp, bool V6)>();
        Moment now = Moment.FromSeconds(10);
        for (int step = 0; step < 3000; step++)
        {
            now = Moment.FromMilliseconds((now.Nanoseconds / 1_000_000) + random.Next(1, 50));
            int flow = random.Next(12);
            bool tcp = flow < 6;
            bool v6 = flow % 3 == 2;
            ushort guestPort = (ushort)(20000 + flow);
            IpAddr guest = v6 ? GuestIp6 : GuestIp;
            IpAddr remote = v6 ? RemoteIp6 : RemoteIp;
            ChecksumOffload offload = random.Next(8) == 0 ? ChecksumOffload.InnerL4 : ChecksumOffload.None;
            int choice = random.Next(100);
            string label = $"seed {seed} step {step} flow {flow} choice {choice}";
            if (choice < 3)
            {
                // A rule change bumps the epoch: every cached flow must leave both fast paths.
                var rule = Rule.MatchAny((ushort)(100 + step), RuleAction.StatefulAllow);
                Assert.Equal(PortOperationResult.Ok, twin.Lean.Port.AddRule("firewall", Direction.Outbound, rule, out _));
                Assert.Equal(PortOperationResult.Ok, twin.Full.Port.AddRule("firewall", Direction.Outbound, rule, out _));
                continue;
            }

            if (choice < 5)
            {
                int? limit = random.Next(2) == 0 ? null : random.Next(68, 120);
                twin.Lean.Port.SetPacketSizeLimit(Direction.Outbound, limit, null);
                twin.Full.Port.SetPacketSizeLimit(Direction.Outbound, limit, null);
                continue;
            }

            if (choice < 7)
            {
                twin.Lean.Port.ExpireFlows(now);
                twin.Full.Port.ExpireFlows(now);
                Assert.Equal(PortStatistics.Snapshot(twin.Full.Port), PortStatistics.Snapshot(twin.Lean.Port));
                continue;
            }

            if (choice < 10)
            {
                // A burst of guest packets, some to flows it creates itself: staged lean parses and prefetch
                // candidates against the full path one packet at a time.
                twin.RunBurst(random, now, label);
                continue;
            }

            if (choice < 55 || !external.TryGetValue(flow, out var outside))
            {
                // Guest → remote.
                if (tcp)
                {
                    TcpFlags flags = random.Next(10) switch
                    {
                        0 => TcpFlags.Syn,
                        1 => TcpFlags.Fin | TcpFlags.Ack,
                        2 => TcpFlags.Rst,
                        _ => TcpFlags.Ack,
                    };
                    Frames.Tcp(twin.LeanBuffer, GuestMac, GatewayMac, guest, remote, guestPort, 443, flags, seq: (uint)step, ack: 7, payload: random.Next(40));
                }
                else
                {
                    Frames.Udp(twin.LeanBuffer, GuestMac, GatewayMac, guest, remote, guestPort, 53, payload: random.Next(40));
                }

                if (random.Next(10) == 0)
                {
                    // Ethernet padding after the packet: the lean hit must drop it exactly as the full path does.
                    Assert.True(twin.LeanBuffer.TrySetLength(twin.LeanBuffer.Length + 6));
                }

                ProcessResult result = twin.Run(Direction.Outbound, now, offload, label);
                if (result.Outcome == ProcessOutcome.Modified &&
                    PacketParser.TryParse(twin.LeanBuffer.Frame, ParseMode.Inbound, out ParsedPacket wire, out _))
                {
                    external[flow] = (wire.SrcIp, wire.SrcPort, tcp, v6);
                }

                continue;
            }

            // Remote → guest, encapsulated, to the flow's external address and port.
            if (outside.Tcp)
            {
                TcpFlags flags = random.Next(8) == 0 ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Ack;
                Frames.Tcp(twin.LeanBuffer, BoundaryMac, GuestMac, remote, outside.Address, 443, outside.Port, flags, seq: 5000, ack: (uint)step, payload: random.Next(40));
            }
            else
            {
                Frames.Udp(twin.LeanBuffer, BoundaryMac, GuestMac, remote, outside.Address, 53, outside.Port, payload: random.Next(40));
            }

            Frames.Encapsulate(twin.LeanBuffer, UnderlayRemote, UnderlayLocal, Vni);
            twin.Run(Direction.Inbound, now, offload, label);
        }

        Assert.Equal(PortDumps.DumpTcpFlows(twin.Full.Port).ToString(), PortDumps.DumpTcpFlows(twin.Lean.Port).ToString());
        Assert.Equal(PortDumps.DumpUft(twin.Full.Port).ToString(), PortDumps.DumpUft(twin.Lean.Port).ToString());
        // The walk must have taken the lean hit in both directions (and the full port never), not only the slow path.
        Assert.True(twin.Lean.Port.Outbound.LeanHits > 300, $"{twin.Lean.Port.Outbound.LeanHits} outbound lean hits");
        Assert.True(twin.Lean.Port.Inbound.LeanHits > 100, $"{twin.Lean.Port.Inbound.LeanHits} inbound lean hits");
        Assert.Equal(0, twin.Full.Port.Outbound.LeanHits + twin.Full.Port.Inbound.LeanHits);
    }
}
