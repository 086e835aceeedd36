using OpteNic.Engine.Ports;
using OpteNic.Engine.Tests.Sample;
using OpteNic.Packets;
using OpteNic.Packets.Headers;
using static OpteNic.Engine.Tests.Sample.SampleAddresses;

namespace OpteNic.Engine.Tests;

/// <summary>Full tables are counted drops or explicit evictions; expiry honours TTLs and links.</summary>
public sealed class EvictionAndExpiryTests
{
    private static readonly Moment T0 = Moment.FromSeconds(50);
    private readonly PacketBuffer _buffer = new(2048);

    [Fact]
    public void Syn_flood_fills_the_tcp_table_but_established_flows_keep_working()
    {
        var net = new SampleNetwork(new PortOptions { UftLimit = 64, TcpLimit = 32 }, snatPorts: 4096, lftLimit: 4096);
        Port port = net.Port;

        // Four established connections.
        for (ushort i = 0; i < 4; i++)
        {
            Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(2000 + i), 443, TcpFlags.Syn, seq: 1);
            port.Process(Direction.Outbound, _buffer, T0);
            Frames.Tcp(_buffer, BoundaryMac, GuestMac, RemoteIp, ExternalIp, 443, (ushort)(65535 - i), TcpFlags.Syn | TcpFlags.Ack, 9, 2);
            Frames.Encapsulate(_buffer, UnderlayRemote, UnderlayLocal, Vni);
            Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Inbound, _buffer, T0).Outcome);
        }

        Assert.All(Dumps(port), s => Assert.Equal("Established", s));

        // A flood of inbound SYNs to the open SSH port from many sources.
        int dropped = 0;
        for (int i = 0; i < 500; i++)
        {
            Frames.Tcp(_buffer, BoundaryMac, GuestMac, IpAddr.FromIpv4(0x0B000000u + (uint)i), GuestIp, 40000, 22, TcpFlags.Syn, 1);
            Frames.Encapsulate(_buffer, UnderlayRemote, UnderlayLocal, Vni);
            ProcessResult result = port.Process(Direction.Inbound, _buffer, T0.AddSeconds(1));
            if (result.DropReason == DropReason.TcpError)
            {
                dropped++;
            }
        }

        Assert.Equal(32, port.TcpFlows.Count);
        Assert.Equal(500 - 28, dropped);
        Assert.Equal(dropped, port.Inbound.DropTcpError);

        // The established connections still pass both ways, and are still tracked.
        for (ushort i = 0; i < 4; i++)
        {
            Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(2000 + i), 443, TcpFlags.Ack, seq: 2, ack: 10, payload: 5);
            Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Outbound, _buffer, T0.AddSeconds(2)).Outcome);
        }

        Assert.Equal(4, Dumps(port).Count(s => s == "Established"));

        // 2.5 s later the half-open flood entries are evictable: a new legitimate SYN gets in.
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 7000, 443, TcpFlags.Syn, seq: 1);
        Assert.Equal(ProcessOutcome.Modified, port.Process(Direction.Outbound, _buffer, T0.AddSeconds(4)).Outcome);
        Assert.Equal(1, port.TcpFlows.Evictions);
    }

    [Fact]
    public void Full_uft_evicts_the_oldest_handshaking_tcp_entry_first()
    {
        var net = new SampleNetwork(new PortOptions { UftLimit = 3, TcpLimit = 64 });
        Port port = net.Port;
        // Flow A established (its outbound entry moves to the established queue), then B and C handshaking.
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 443, TcpFlags.Ack, seq: 1, ack: 1);
        port.Process(Direction.Outbound, _buffer, T0);
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1001, 443, TcpFlags.Syn, seq: 1);
        port.Process(Direction.Outbound, _buffer, T0.AddSeconds(1));
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1002, 443, TcpFlags.Syn, seq: 1);
        port.Process(Direction.Outbound, _buffer, T0.AddSeconds(2));
        Assert.Equal(3, port.UftOut.Count);
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1003, 443, TcpFlags.Syn, seq: 1);
        port.Process(Direction.Outbound, _buffer, T0.AddSeconds(3));
        Assert.Equal(1, port.Outbound.UftEvictions);
        List<ushort> ports = PortDumps.DumpUft(port).Outbound.Select(e => e.SrcPort).Order().ToList();
        Assert.Equal([1000, 1002, 1003], ports);
    }

    [Fact]
    public void Full_lft_is_a_counted_drop()
    {
        var net = new SampleNetwork(lftLimit: 2);
        Port port = net.Port;
        ProcessResult last = default;
        for (ushort i = 0; i < 3; i++)
        {
            Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, (ushort)(100 + i), 53);
            last = port.Process(Direction.Outbound, _buffer, T0);
        }

        Assert.Equal(DropReason.LayerFlowTableFull, last.DropReason);
        Assert.Equal("firewall", last.LayerName);
        Assert.Equal(1, net.Firewall.Outbound.LftFull);
        Assert.Equal(1, port.Outbound.DropLayer);
    }

    [Fact]
    public void Handshake_connection_expires_at_exactly_five_seconds_with_its_uft_entries()
    {
        var net = new SampleNetwork();
        Port port = net.Port;
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 443, TcpFlags.Syn, seq: 1);
        port.Process(Direction.Outbound, _buffer, T0);
        port.ExpireFlows(T0.AddNanoseconds(4_999_999_999));
        Assert.Equal(1, port.TcpFlows.Count);
        port.ExpireFlows(T0.AddSeconds(5));
        Assert.Equal(0, port.TcpFlows.Count);
        Assert.Equal(0, port.UftOut.Count);
        // The LFT pairs lost their links and expire 60 s after last use.
        Assert.Equal(1, net.Nat.Flows.Count);
        port.ExpireFlows(T0.AddSeconds(60));
        Assert.Equal(0, net.Nat.Flows.Count);
    }

    [Fact]
    public void Lft_pair_cannot_expire_while_a_uft_entry_links_to_it()
    {
        var net = new SampleNetwork(new PortOptions { UftTtlNanoseconds = 1_000_000_000_000 });
        Port port = net.Port;
        Frames.Udp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 53);
        port.Process(Direction.Outbound, _buffer, T0);
        port.ExpireFlows(T0.AddSeconds(500));
        Assert.Equal(1, net.Nat.Flows.Count);
        Assert.Equal(1, port.UftOut.Count);
    }

    [Fact]
    public void Reset_wipes_every_flow_and_returns_to_ready()
    {
        var net = new SampleNetwork();
        Port port = net.Port;
        Frames.Tcp(_buffer, GuestMac, GatewayMac, GuestIp, RemoteIp, 1000, 443, TcpFlags.Syn, seq: 1);
        port.Process(Direction.Outbound, _buffer, T0);
        int free = net.Snat.FreePorts;
        Assert.Equal(PortOperationResult.Ok, port.Reset());
        Assert.Equal(PortState.Ready, port.State);
        Assert.Equal(0, port.TcpFlows.Count + port.UftOut.Count + port.UftIn.Count + net.Nat.Flows.Count + net.Firewall.Flows.Count);
        Assert.Equal(free + 1, net.Snat.FreePorts);
        Assert.Equal(ProcessError.BadState, port.Process(Direction.Outbound, _buffer, T0).ErrorKind);
        Assert.Equal(PortOperationResult.BadState, port.Pause());
        Assert.Equal(PortOperationResult.Ok, port.Start());
        Assert.Equal(PortOperationResult.BadState, port.Start());
    }

    private static List<string> Dumps(Port port) => [.. PortDumps.DumpTcpFlows(port).Flows.Select(f => f.State)];
}
