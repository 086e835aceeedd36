using System.Buffers.Binary;
using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Card.Tests.Firmware;
using OpteNic.HwSim.Wire;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// Commands interleaved with traffic, as on the card: the NIC core runs on its own thread while the management loop
/// (stepped by this thread) serves a stream of commands that change the port, the shared tables and the registry.
/// Every frame must come out whole and correct, none may be lost, and every command must succeed.
/// </summary>
public sealed class CommandConcurrencyTests
{
    private const int PayloadBytes = 48;

    [Fact]
    public void Commands_interleave_with_traffic_on_another_thread_without_corruption()
    {
        using var card = new CommandCard().WithPeerRoute();
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=udp", out var allowUdp, out _));
        card.Ok(new AddFwRuleReq(Port0, allowUdp));
        var tx = new HostQueue(card.Harness, 0, transmit: true, 64);
        var rx = new HostQueue(card.Harness, 0, transmit: false, 64);
        Assert.Equal(QueueStatus.Enabled, tx.Enable());
        Assert.Equal(QueueStatus.Enabled, rx.Enable());

        var core = card.Firmware.Cores[0];
        card.Stepper = () => card.Firmware.Management.RunOnce();
        var stop = 0;
        Exception? failure = null;
        long sent = 0, onWire = 0, injected = 0, delivered = 0, rounds = 0;

        var traffic = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < 32; i++)
                {
                    rx.PostBuffer((ushort)i);
                }

                while (Volatile.Read(ref stop) == 0 || rounds < 200)
                {
                    var stamp = (byte)rounds;
                    for (var i = 0; i < 4; i++)
                    {
                        tx.PostFrame(VpcFrames.Udp(GuestMac, VpcCfg.DefaultGatewayMac, PrivateIp, PeerIp, (ushort)(5000 + i), 6000, PayloadBytes, stamp), (ushort)i);
                        var inner = VpcFrames.Udp(PeerMac, GuestMac, PeerIp, PrivateIp, 6000, (ushort)(5000 + i), PayloadBytes, stamp);
                        Assert.Equal(WireDelivery.Queued, card.Harness.Wire.Send(VpcFrames.Geneve(inner, OwnVni, PeerPhys, OwnPhys)));
                    }

                    sent += 4;
                    injected += 4;
                    core.RunOnce();

                    while (tx.TryTake(out var completion, out _))
                    {
                        Assert.Equal(CompletionStatus.Ok, completion.Status);
                    }

                    while (card.Harness.Wire.TryReceive(out var frame))
                    {
                        CheckEncapsulated(frame, stamp);
                        onWire++;
                    }

                    while (rx.TryTake(out var completion, out var address))
                    {
                        Assert.Equal(CompletionStatus.Ok, completion.Status);
                        var frame = new byte[completion.Length];
                        Assert.True(card.Harness.HostMemory.TryRead(address, frame));
                        CheckDelivered(frame, stamp);
                        delivered++;
                        rx.PostBuffer(0);
                    }

                    rounds++;
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        traffic.Start();

        try
        {
            var other = new PhysNet(PeerMac, PeerPhys, OwnVni);
            Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=50 protocol=tcp port=22", out var ssh, out _));
            for (var i = 0; i < 150 && failure is null; i++)
            {
                card.Ok(new SetVirt2PhysReq(new Ipv4Addr(0x0A000000 + (uint)i), other));
                card.Ok(new AddFwRuleReq(Port0, ssh));
                var firewall = card.Ok(new DumpLayerReq(Port0, "firewall"));
                card.Ok(new RemFwRuleReq(Port0, Direction.In, firewall.RulesIn.Single(r => r.Rule.Priority == 50).Id));
                var route = IpCidr.Parse($"10.{i % 200}.0.0/16");
                card.Ok(new AddRouterEntryReq(Port0, route, new RouterTarget.Drop(), RouterClass.Custom));
                Assert.Equal(RemovalOutcome.Ok, card.Ok(new DelRouterEntryReq(Port0, route, new RouterTarget.Drop(), RouterClass.Custom)).Outcome);
                card.Ok(new DumpUftReq(Port0));
                card.Ok(new StatsReq(Port0));
                card.Ok(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp)));
                card.Ok(new DeleteXdeReq(Port1));
                if (i % 10 == 0)
                {
                    card.Ok(new ClearUftReq(Port0));
                    card.Ok(new SetExternalIpsReq(Port0, new ExternalIpCfg<Ipv4Addr>(null, new Ipv4Addr(0xCB007100 + (uint)i), []), null, null));
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            traffic.Join();
        }

        Assert.Null(failure);
        Assert.Equal(sent, onWire);
        Assert.Equal(injected, delivered);
        var stats = card.Ok(new StatsReq(Port0));
        Assert.Equal((ulong)sent, Counter(stats.Port, "out_modified"));
        Assert.Equal((ulong)injected, Counter(stats.Port, "in_modified"));
        Assert.Equal(0ul, Counter(stats.Card, "demux_drop_port_deleted"));
    }

    private static void CheckEncapsulated(byte[] frame, byte stamp)
    {
        Assert.Equal(PeerPhys, VpcFrames.Ipv6At(frame, 14 + 24));
        Assert.Equal(OwnVni.Value, VpcFrames.VniOf(frame));
        var inner = frame.AsSpan(VpcFrames.InnerOffset(frame));
        Assert.Equal(PeerMac, MacAddr.FromBytes(inner[..6]));
        CheckPayload(inner, stamp);
    }

    private static void CheckDelivered(byte[] frame, byte stamp)
    {
        Assert.Equal(GuestMac, VpcFrames.MacAt(frame, 0));
        Assert.Equal(VpcCfg.DefaultGatewayMac, VpcFrames.MacAt(frame, 6));
        CheckPayload(frame, stamp);
    }

    /// <summary>The UDP payload is the stamped pattern of this round, byte for byte.</summary>
    private static void CheckPayload(ReadOnlySpan<byte> ethernet, byte stamp)
    {
        Assert.Equal(14 + 20 + 8 + PayloadBytes, ethernet.Length);
        Assert.Equal(8 + PayloadBytes, BinaryPrimitives.ReadUInt16BigEndian(ethernet[(14 + 20 + 4)..]));
        var payload = ethernet[(14 + 20 + 8)..];
        for (var i = 0; i < PayloadBytes; i++)
        {
            Assert.Equal((byte)(stamp + i), payload[i]);
        }
    }
}
