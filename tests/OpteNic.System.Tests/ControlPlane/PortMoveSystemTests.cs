using System.Buffers.Binary;
using System.Net;
using OpteNic.Client.Device;
using OpteNic.Client.Frames;
using OpteNic.Client.Queues;
using OpteNic.System.Tests.Infrastructure;
using static OpteNic.System.Tests.ControlPlane.TwoGuestVpc;

namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Moving a port to another card (beyond OPTE; issue 4's port state export/import), with two simulator processes as two
/// sleds: on card A guest A opens a TCP connection to the internet through SNAT (guest frames through the host queues,
/// the remote's answers as wire input from boundary services) until it is Established; the port is paused and
/// <c>opteadm export-port-state</c> writes its state to a file; card B, configured the same way by opteadm, takes it with
/// <c>opteadm import-port-state</c>; the connection then continues on B — the guest's next segment leaves with the same
/// SNAT address and port, the remote's next segment reaches the guest, and <c>dump-tcp-flows</c> shows ESTABLISHED.
/// </summary>
public sealed class PortMoveSystemTests
{
    private static readonly IPAddress s_remote = IPAddress.Parse("1.1.1.1");
    private static readonly IPAddress s_snat = IPAddress.Parse(SnatIp);
    private static readonly byte[] s_boundaryMac = [0xA8, 0x40, 0x25, 0x77, 0x77, 0x77];
    private static readonly string[] TcpColumns = ["SRC-IP", "SPORT", "DST-IP", "DPORT", "STATE", "HITS", "SEGS-IN", "SEGS-OUT", "BYTES-IN", "BYTES-OUT"];

    private const ushort GuestPort = 40000;
    private const ushort RemotePort = 443;
    private const ushort SnatPort = SnatEnd;              // highest free port first
    private const uint GuestIsn = 1000;
    private const uint RemoteIsn = 9000;

    private static byte[] GuestTcp(byte flags, uint seq, uint ack, ReadOnlySpan<byte> payload = default) =>
        GuestFrames.Tcp(GatewayMac, MacA, IpA, s_remote, GuestPort, RemotePort, flags, seq, ack, payload);

    /// <summary>The remote's segment as boundary services deliver it: Geneve with the VPC's VNI and the External option, to sled A's underlay address.</summary>
    private static byte[] RemoteTcp(byte flags, uint seq, uint ack, ReadOnlySpan<byte> payload = default) =>
        FromBoundary(GuestFrames.Tcp(MacA, s_boundaryMac, s_remote, s_snat, RemotePort, SnatPort, flags, seq, ack, payload));

    [Fact]
    public void An_established_SNAT_connection_moves_to_another_card_and_continues_with_the_same_external_port()
    {
        using var temp = new TempDirectory("opte-nic-move");
        var state = temp.File("opte0.state");
        var synAck = RemoteTcp(GuestFrames.TcpSynFlag | GuestFrames.TcpAckFlag, RemoteIsn, GuestIsn + 1);
        var remoteData = RemoteTcp(GuestFrames.TcpAckFlag | GuestFrames.TcpPshFlag, RemoteIsn + 1, GuestIsn + 1 + 5, "world"u8);
        var wireInA = temp.File("wire-in-a.pcap");
        var wireInB = temp.File("wire-in-b.pcap");
        PcapFile.Write(wireInA, [synAck]);
        PcapFile.Write(wireInB, [remoteData]);

        // Card A: SYN out, SYN-ACK in, ACK out → Established; pause; export.
        var wireOutA = temp.File("wire-out-a.pcap");
        using (var simulator = SimulatorProcess.Start(temp.File("card-a"), "--wire-in", wireInA, "--wire-out", wireOutA))
        {
            var opteadm = new OpteAdmSession(simulator.StateDirectory);
            Configure(opteadm);
            using (var device = OpteDevice.Open(simulator.StateDirectory))
            {
                using (var tx = device.OpenQueuePair(0, new QueuePairOptions { Directions = QueueDirections.Transmit }))
                {
                    Send(tx.Tx, GuestTcp(GuestFrames.TcpSynFlag, GuestIsn, 0), simulator);
                }

                var syn = UnderlayFrame.Parse(Assert.Single(PcapFile.WaitForFrames(wireOutA, 1)));
                AssertSnat(syn, GuestFrames.TcpSynFlag);

                // The SYN-ACK waited in the wire FIFO until now: receive it on every queue pair (RSS spreads wire input).
                var delivered = ReceiveAll(device, 1);
                AssertToGuest(Assert.Single(delivered), RemoteIsn, []);

                using (var tx = device.OpenQueuePair(0, new QueuePairOptions { Directions = QueueDirections.Transmit }))
                {
                    Send(tx.Tx, GuestTcp(GuestFrames.TcpAckFlag | GuestFrames.TcpPshFlag, GuestIsn + 1, RemoteIsn + 1, "hello"u8), simulator);
                }
            }

            AssertSnat(UnderlayFrame.Parse(PcapFile.WaitForFrames(wireOutA, 2)[1]), GuestFrames.TcpAckFlag | GuestFrames.TcpPshFlag);
            Assert.Equal("ESTABLISHED", SingleTcpFlow(opteadm)["STATE"]);

            // Export needs a paused port (its final state): a running one is BadState (exit 23) and writes no file.
            var running = opteadm.Run("export-port-state", PortA, "-o", state);
            Assert.True(running.ExitCode == 23, running.ToString());
            Assert.Contains("pause", running.StandardError, StringComparison.Ordinal);
            Assert.False(File.Exists(state));

            opteadm.Change("pause-port", "-p", PortA);
            var exported = AlignedTable.Read(opteadm.Ok("export-port-state", PortA, "-o", state), ["PORT", "FLOWS", "BYTES", "FILE"]);
            var row = Assert.Single(exported);
            Assert.Equal([PortA, "1", new FileInfo(state).Length.ToString(global::System.Globalization.CultureInfo.InvariantCulture), state],
                new[] { "PORT", "FLOWS", "BYTES", "FILE" }.Select(c => row[c]));
            var json = opteadm.Json("export-port-state", PortA, "-o", state);
            Assert.Equal(1, json.GetProperty("flows").GetInt32());
            Assert.Equal(new FileInfo(state).Length, json.GetProperty("bytes").GetInt64());
            Assert.Equal(0, simulator.Terminate());
        }

        // Card B: the same port created by opteadm; import; the connection continues.
        var wireOutB = temp.File("wire-out-b.pcap");
        using (var simulator = SimulatorProcess.Start(temp.File("card-b"), "--wire-in", wireInB, "--wire-out", wireOutB))
        {
            var opteadm = new OpteAdmSession(simulator.StateDirectory);
            Configure(opteadm);
            Assert.Empty(AlignedTable.Read(opteadm.Ok("dump-tcp-flows", "-p", PortA), TcpColumns));

            var imported = opteadm.Ok("import-port-state", PortA, "-i", state);
            Assert.Contains($"Port {PortA}: 1 flows restored, 0 failed", imported, StringComparison.Ordinal);
            var flow = SingleTcpFlow(opteadm);
            Assert.Equal([IpA.ToString(), "40000", s_remote.ToString(), "443", "ESTABLISHED"],
                new[] { "SRC-IP", "SPORT", "DST-IP", "DPORT", "STATE" }.Select(c => flow[c]));
            var tcpJson = Assert.Single(opteadm.Json("dump-tcp-flows", "-p", PortA).GetProperty("flows").EnumerateArray().ToList());
            Assert.Equal(GuestIsn + 1, tcpJson.GetProperty("tcp_state").GetProperty("guest_seq").GetUInt32());

            // Importing the same state again: the SNAT port is now taken, so the flow is reported, not duplicated.
            var again = opteadm.Json("import-port-state", PortA, "-i", state);
            Assert.Equal(0, again.GetProperty("restored").GetInt32());
            var failure = Assert.Single(again.GetProperty("failures").EnumerateArray().ToList());
            Assert.Equal("NatPortUnavailable", failure.GetProperty("reason").GetString());
            Assert.Equal(GuestPort, failure.GetProperty("flow").GetProperty("src_port").GetInt32());

            using (var device = OpteDevice.Open(simulator.StateDirectory))
            {
                using (var tx = device.OpenQueuePair(0, new QueuePairOptions { Directions = QueueDirections.Transmit }))
                {
                    Send(tx.Tx, GuestTcp(GuestFrames.TcpAckFlag | GuestFrames.TcpPshFlag, GuestIsn + 1 + 5, RemoteIsn + 1, "again"u8), simulator);
                }

                var next = UnderlayFrame.Parse(Assert.Single(PcapFile.WaitForFrames(wireOutB, 1)));
                AssertSnat(next, GuestFrames.TcpAckFlag | GuestFrames.TcpPshFlag);

                var delivered = ReceiveAll(device, 1);
                AssertToGuest(Assert.Single(delivered), RemoteIsn + 1, "world"u8.ToArray());
            }

            Assert.Equal("ESTABLISHED", SingleTcpFlow(opteadm)["STATE"]);
            var stats = opteadm.Json("stats", "-p", PortA).GetProperty("port");
            Assert.Equal(0, stats.GetProperty("out_drop").GetInt64());
            Assert.Equal(0, stats.GetProperty("in_drop").GetInt64());
            Assert.Equal(0, simulator.Terminate());
        }
    }

    private static Dictionary<string, string> SingleTcpFlow(OpteAdmSession opteadm) =>
        Assert.Single(AlignedTable.Read(opteadm.Ok("dump-tcp-flows", "-p", PortA), TcpColumns));

    private static void Send(HostTxQueue tx, byte[] frame, SimulatorProcess simulator)
    {
        var report = FramePump.Send(new FrameList([frame]), tx, TimeSpan.FromSeconds(10));
        Assert.True(report.CompletedOk == 1 && !report.Stalled, $"{report}\n{simulator.Log}");
    }

    private static IReadOnlyList<byte[]> ReceiveAll(OpteDevice device, int frames)
    {
        var queues = Enumerable.Range(0, device.ReadIdentity().HostQueuePairs)
            .Select(q => device.OpenQueuePair(q, new QueuePairOptions { Directions = QueueDirections.Receive }))
            .ToList();
        var received = new FrameList();
        try
        {
            FramePump.Receive([.. queues.Select(q => q.Rx)], received, new ReceiveStop { MaxFrames = frames, Timeout = TimeSpan.FromSeconds(10) });
        }
        finally
        {
            queues.ForEach(q => q.Dispose());
        }

        return received.Frames;
    }

    /// <summary>A guest segment as it left: Geneve to boundary services, inner source = the SNAT address and port.</summary>
    private static void AssertSnat(UnderlayFrame frame, byte flags)
    {
        Assert.Equal(DefaultBoundaryVni, frame.Vni);
        var ip = GuestFrames.Ipv4Packet(frame.Inner);
        Assert.Equal(s_snat.GetAddressBytes(), ip.Slice(12, 4).ToArray());
        Assert.Equal(s_remote.GetAddressBytes(), ip.Slice(16, 4).ToArray());
        var tcp = ip[20..];
        Assert.Equal(SnatPort, BinaryPrimitives.ReadUInt16BigEndian(tcp));
        Assert.Equal(RemotePort, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]));
        Assert.Equal(flags, tcp[13]);
        Assert.Equal(0, GuestFrames.TransportChecksum(s_snat, s_remote, 6, tcp));
    }

    /// <summary>A remote segment as the guest receives it: to the private address and port, checksum valid.</summary>
    private static void AssertToGuest(byte[] frame, uint sequence, byte[] payload)
    {
        Assert.Equal(MacA, frame[..6]);
        var ip = GuestFrames.Ipv4Packet(frame);
        Assert.Equal(s_remote.GetAddressBytes(), ip.Slice(12, 4).ToArray());
        Assert.Equal(IpA.GetAddressBytes(), ip.Slice(16, 4).ToArray());
        var tcp = ip[20..];
        Assert.Equal(GuestPort, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]));
        Assert.Equal(sequence, BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]));
        Assert.Equal(payload, tcp[20..].ToArray());
        Assert.Equal(0, GuestFrames.TransportChecksum(s_remote, IpA, 6, tcp));
    }

    /// <summary>Boundary services' encapsulation of <paramref name="inner"/> towards sled A: VNI of the VPC, Oxide External option.</summary>
    private static byte[] FromBoundary(byte[] inner)
    {
        var innerLength = 14 + BinaryPrimitives.ReadUInt16BigEndian(inner.AsSpan(16));
        var geneveLength = 8 + 4 + innerLength;
        var frame = new byte[14 + 40 + 8 + geneveLength];
        var span = frame.AsSpan();
        Convert.FromHexString(CardUnderlayMac.Replace(":", "", StringComparison.Ordinal)).CopyTo(span);
        Convert.FromHexString(UnderlayNextHopMac.Replace(":", "", StringComparison.Ordinal)).CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], GuestFrames.EtherTypeIpv6);
        var ip = span[14..];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(8 + geneveLength));
        ip[6] = 17;
        ip[7] = 64;
        IPAddress.Parse(DefaultBoundary1).GetAddressBytes().CopyTo(ip[8..]);
        IPAddress.Parse(UnderlayA).GetAddressBytes().CopyTo(ip[24..]);
        var udp = ip[40..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 0xBEEF);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], UnderlayFrame.GenevePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + geneveLength));
        var geneve = udp[8..];
        geneve[0] = 1;                                                      // one 4-byte word of options
        BinaryPrimitives.WriteUInt16BigEndian(geneve[2..], 0x6558);
        geneve[4] = (byte)(Vni >> 16);
        geneve[5] = unchecked((byte)(Vni >> 8));
        geneve[6] = unchecked((byte)Vni);
        BinaryPrimitives.WriteUInt16BigEndian(geneve[8..], UnderlayFrame.OxideOptionClass);  // type 0 (External), length 0
        inner.AsSpan(0, innerLength).CopyTo(geneve[12..]);
        return frame;
    }
}
