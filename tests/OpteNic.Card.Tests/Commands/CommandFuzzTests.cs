using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using static OpteNic.Card.Tests.Commands.CommandCard;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// Firmware-side fuzzing of command decoding and handling, bounded and seeded so a failure reproduces: random and
/// mutated envelopes and request bodies for every command code (and unknown ones). The firmware must complete every
/// command with a status it documents — never EIO, which would mean a handler threw — and keep serving afterwards.
/// </summary>
public sealed class CommandFuzzTests
{
    private static readonly HashSet<int> DocumentedStatuses =
    [
        Errno.Ok, Errno.ENOENT, Errno.E2BIG, Errno.EFAULT, Errno.EBUSY, Errno.EEXIST, Errno.EINVAL, Errno.ENFILE,
        Errno.ENOMSG, Errno.EPROTO, Errno.EOPNOTSUPP, Errno.ENOBUFS,
    ];

    /// <summary>A well-formed request per command, the seed of the mutations.</summary>
    private static Dictionary<OpteCmd, byte[]> Samples()
    {
        var cidr = IpCidr.Parse("10.50.0.0/24");
        var phys = new PhysNet(PeerMac, PeerPhys, OwnVni);
        var tep = new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99));
        var group = IpAddr.Parse("239.1.1.1");
        var underlay = Ipv6Addr.Parse("ff04::1:1");
        Assert.True(FirewallRuleText.TryParse("dir=in action=allow priority=10 protocol=tcp port=22", out var rule, out _));
        (OpteCmd Cmd, byte[] Body)[] requests =
        [
            Encode(new ListPortsReq()),
            Encode(new AddFwRuleReq(Port0, rule)),
            Encode(new RemFwRuleReq(Port0, Direction.In, 0)),
            Encode(new SetFwRulesReq(Port0, [rule])),
            Encode(new DumpTcpFlowsReq(Port0)),
            Encode(new DumpLayerReq(Port0, "firewall")),
            Encode(new DumpUftReq(Port0)),
            Encode(new ListLayersReq(Port0)),
            Encode(new ClearUftReq(Port0)),
            Encode(new ClearLftReq(Port0, "nat")),
            Encode(new SetVirt2PhysReq(PeerIp, phys)),
            Encode(new DumpVirt2PhysReq(0, null, 10)),
            Encode(new SetVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [tep])),
            Encode(new ClearVirt2BoundaryReq(IpCidr.Parse("0.0.0.0/0"), [tep])),
            Encode(new DumpVirt2BoundaryReq(0)),
            Encode(new ClearVirt2PhysReq(PeerIp, phys)),
            Encode(new AddRouterEntryReq(Port0, cidr, new RouterTarget.VpcSubnet(cidr), RouterClass.System)),
            Encode(new DelRouterEntryReq(Port0, cidr, new RouterTarget.VpcSubnet(cidr), RouterClass.System)),
            Encode(CreatePort(Port1, GuestConfig(OtherGuestMac, OtherPrivateIp))),
            Encode(new DeleteXdeReq(Port1)),
            Encode(new SetXdeUnderlayReq("u1", "u2")),
            Encode(new ClearXdeUnderlayReq()),
            Encode(new SetExternalIpsReq(Port0, new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.10"), 1024, 2047), null, []), null, null)),
            Encode(new AllowCidrReq(Port0, cidr, Direction.Out)),
            Encode(new RemoveCidrReq(Port0, cidr, Direction.Out)),
            Encode(new AttachSubnetReq(Port0, cidr, true)),
            Encode(new DetachSubnetReq(Port0, cidr)),
            Encode(new SetMcastForwardingReq(underlay, [new McastNextHop(new NextHopV6(PeerPhys, new Vni(77)), Replication.Both)])),
            Encode(new ClearMcastForwardingReq(underlay)),
            Encode(new DumpMcastForwardingReq()),
            Encode(new McastSubscribeReq(Port0, group)),
            Encode(new McastUnsubscribeReq(Port0, group)),
            Encode(new SetMcast2PhysReq(group, underlay)),
            Encode(new ClearMcast2PhysReq(group, underlay)),
            Encode(new DumpMcastSubscriptionsReq()),
            Encode(new McastUnsubscribeAllReq(group)),
            Encode(new DumpMcast2PhysReq()),
            Encode(new InfoReq()),
            Encode(new StatsReq(Port0)),
            Encode(new PausePortReq(Port0)),
            Encode(new StartPortReq(Port0)),
            Encode(new ExportPortStateReq(Port0)),
            Encode(new ImportPortStateReq(Port0, ValueArray.Adopt(OpteNic.Vpc.State.PortStateBlob.Write(
                new OpteNic.Packets.MacAddress(GuestMac.Value), OwnVni.Value, [])))),
        ];
        var samples = new Dictionary<OpteCmd, byte[]>();
        foreach (var (cmd, body) in requests)
        {
            samples[cmd] = body;
        }

        foreach (var cmd in Enum.GetValues<OpteCmd>())
        {
            Assert.True(samples.ContainsKey(cmd), $"no fuzz sample for {cmd}");
        }

        return samples;
    }

    private static (OpteCmd, byte[]) Encode<T>(T request)
        where T : IOpteRequest, IPostcardSerializable<T> => (request.Command, PostcardSerializer.SerializeToArray(request));

    [Fact]
    public void Random_and_mutated_commands_are_all_answered_and_the_firmware_keeps_running()
    {
        using var card = new CommandCard().WithPeerRoute();
        var samples = Samples();
        var codes = samples.Keys.Concat([(OpteCmd)0, (OpteCmd)2, (OpteCmd)199, (OpteCmd)202, (OpteCmd)uint.MaxValue]).ToArray();
        var random = new Random(20240611);
        var served = card.Firmware.Management.Mailbox.CommandsServed;
        const int Iterations = 3000;

        for (var i = 0; i < Iterations; i++)
        {
            var cmd = codes[random.Next(codes.Length)];
            var body = Mutate(random, samples.GetValueOrDefault(cmd, []));
            var envelope = CardHarness.Envelope(cmd, body.Length, random.Next(8) == 0 ? (ulong)random.Next(0, 64) : 16 * 1024);
            switch (random.Next(40))
            {
                case 0:
                    envelope.ApiVersion = (ulong)random.NextInt64();
                    break;
                case 1:
                    envelope.RequestAddress = (ulong)random.NextInt64();
                    break;
                case 2:
                    envelope.ResponseAddress = (ulong)random.NextInt64();
                    break;
                case 3:
                    envelope.RequestLength = (ulong)random.NextInt64();
                    break;
            }

            var outcome = card.Post(envelope, body);
            Assert.True(DocumentedStatuses.Contains(outcome.Status),
                $"iteration {i}: {cmd} answered status {outcome.Status} ({outcome.Syndrome}) for {Convert.ToHexString(body)}");
            if (outcome.Status != Errno.Ok && outcome.Status != Errno.ENOBUFS && outcome.Body.Length > 0)
            {
                Assert.True(PostcardSerializer.TryDeserialize<OpteError>(outcome.Body, out _, out var error), $"iteration {i}: {error}");
            }
        }

        Assert.Equal(served + Iterations, card.Firmware.Management.Mailbox.CommandsServed);
        Assert.Equal(FirmwareState.Ready, card.Firmware.Management.State);
        Assert.Equal(ApiVersion.Current, card.Ok(new InfoReq()).ApiVersion);
        Assert.Contains(card.Ok(new ListPortsReq()).Ports, p => p.Name == Port0);
    }

    private static byte[] Mutate(Random random, byte[] sample)
    {
        switch (random.Next(6))
        {
            case 0:
                return sample;
            case 1:
            {
                var noise = new byte[random.Next(0, 80)];
                random.NextBytes(noise);
                return noise;
            }

            case 2:
                return sample.Length == 0 ? sample : sample[..random.Next(sample.Length)];
            case 3:
            {
                var extended = new byte[sample.Length + random.Next(1, 16)];
                sample.CopyTo(extended, 0);
                random.NextBytes(extended.AsSpan(sample.Length));
                return extended;
            }

            default:
            {
                var flipped = (byte[])sample.Clone();
                for (var n = random.Next(1, 4); n > 0 && flipped.Length > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return flipped;
            }
        }
    }
}
