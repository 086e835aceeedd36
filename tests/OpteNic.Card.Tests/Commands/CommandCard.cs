using OpteNic.Api;
using OpteNic.Api.Abi;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;
using OpteNic.Firmware;

namespace OpteNic.Card.Tests.Commands;

/// <summary>
/// The simulated card (<see cref="CardHarness"/>) with typed commands: a request is postcard-encoded, posted through
/// BAR0 and host memory exactly as a host does (datasheet §4.5), the firmware is stepped until Done, and the response
/// or the <see cref="OpteError"/> is decoded. ENOBUFS grows the buffer and retries (at most 3 tries from 16 KiB), as
/// the host rule says. <see cref="Stepper"/> decides what runs while waiting (the whole firmware by default; only the
/// management loop when a test runs the NIC cores on another thread).
/// </summary>
public sealed class CommandCard : IDisposable
{
    public const string Port0 = "xde0";
    public const string Port1 = "xde1";

    public static readonly Vni OwnVni = new(7777);
    public static readonly MacAddr GuestMac = MacAddr.Parse("a8:40:25:f0:00:05");
    public static readonly MacAddr OtherGuestMac = MacAddr.Parse("a8:40:25:f0:00:15");
    public static readonly Ipv6Addr OwnPhys = Ipv6Addr.Parse("fd00:aaaa::1");
    public static readonly Ipv4Addr PrivateIp = Ipv4Addr.Parse("172.30.0.5");
    public static readonly Ipv4Addr OtherPrivateIp = Ipv4Addr.Parse("172.30.0.15");
    public static readonly Ipv4Addr GatewayIp = Ipv4Addr.Parse("172.30.0.1");
    public static readonly Ipv4Addr PeerIp = Ipv4Addr.Parse("172.30.0.6");
    public static readonly MacAddr PeerMac = MacAddr.Parse("a8:40:25:f0:00:06");
    public static readonly Ipv6Addr PeerPhys = Ipv6Addr.Parse("fd00:bbbb::1");

    private uint _sequence = 1000;

    public CommandCard(FirmwareOptions? options = null, int queues = 1)
    {
        Options = options ?? SmallCard();
        Harness = new CardHarness(queues, options: Options);
        Stepper = () => Harness.Firmware.RunOnce();
    }

    public CardHarness Harness { get; }

    public FirmwareOptions Options { get; }

    public CardFirmware Firmware => Harness.Firmware;

    /// <summary>What runs while a command is outstanding.</summary>
    public Func<int> Stepper { get; set; }

    /// <summary>A card with small per-port tables (tests create many).</summary>
    public static FirmwareOptions SmallCard(int v2pCapacity = 4096, int maxPorts = 8, int maxResponseBytes = 1024 * 1024) => new()
    {
        NicCores = 1,
        Virt2PhysCapacity = v2pCapacity,
        MaxPorts = maxPorts,
        PortUftLimit = 256,
        PortTcpLimit = 256,
        PortLayerFlowLimit = 256,
        MaxResponseBytes = maxResponseBytes,
    };

    /// <summary>The standard guest: dual-stack-free IPv4 on 172.30.0.0/22, VNI 7777.</summary>
    public static VpcCfg GuestConfig(MacAddr? mac = null, Ipv4Addr? privateIp = null, ExternalIpCfg<Ipv4Addr>? external = null) =>
        new(new IpCfg.Ipv4(new Ipv4Cfg(Ipv4Cidr.Parse("172.30.0.0/22"), privateIp ?? PrivateIp, GatewayIp,
            external ?? ExternalIpCfg<Ipv4Addr>.None, [], [])),
            mac ?? GuestMac, VpcCfg.DefaultGatewayMac, OwnVni, OwnPhys);

    public static CreateXdeReq CreatePort(string name = Port0, VpcCfg? config = null, ushort mtu = 1500) =>
        new(name, 1, config ?? GuestConfig(), DhcpCfg.Empty, false, mtu);

    /// <summary>Creates the standard port with routes for its subnet and the peer's V2P mapping.</summary>
    public CommandCard WithPeerRoute(string name = Port0)
    {
        Ok(CreatePort(name));
        var subnet = IpCidr.Parse("172.30.0.0/22");
        Ok(new AddRouterEntryReq(name, subnet, new RouterTarget.VpcSubnet(subnet), RouterClass.System));
        Ok(new SetVirt2PhysReq(PeerIp, new PhysNet(PeerMac, PeerPhys, OwnVni)));
        return this;
    }

    /// <summary>Runs a command and returns its response; fails the test on an error.</summary>
    public TResp Ok<TReq, TResp>(IOpteRequest<TReq, TResp> request)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp>
    {
        var reply = Run(request);
        Assert.True(reply.Error is null, $"{TReq.Cmd} failed: {reply.Error} (status {reply.Status})");
        return reply.Response!;
    }

    /// <summary>Runs a command that must fail and returns its error.</summary>
    public OpteError Fail<TReq, TResp>(IOpteRequest<TReq, TResp> request)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp>
    {
        var reply = Run(request);
        Assert.True(reply.Error is not null, $"{TReq.Cmd} succeeded but should have failed");
        Assert.Equal(reply.Error.Errno, reply.Status);
        return reply.Error;
    }

    /// <summary>Runs a typed command with the host's grow-and-retry rule.</summary>
    public CommandReply<TResp> Run<TReq, TResp>(IOpteRequest<TReq, TResp> request, ulong firstBuffer = 16 * 1024)
        where TReq : IOpteRequest<TReq, TResp>
        where TResp : IPostcardSerializable<TResp>
    {
        var body = PostcardSerializer.SerializeToArray((TReq)request);
        var size = firstBuffer;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = Post(CardHarness.Envelope(TReq.Cmd, body.Length, size), body);
            if (outcome.Status == Errno.ENOBUFS && attempt < 3)
            {
                size = outcome.Envelope.ResponseLengthActual;
                continue;
            }

            if (outcome.Status == Errno.Ok)
            {
                Assert.True(PostcardSerializer.TryDeserialize<TResp>(outcome.Body, out var response, out var error), error.ToString());
                return new CommandReply<TResp>(0, response, null, attempt);
            }

            Assert.True(PostcardSerializer.TryDeserialize<OpteError>(outcome.Body, out var opteError, out var decodeError),
                $"status {outcome.Status}: {decodeError}");
            return new CommandReply<TResp>(outcome.Status, default, opteError, attempt);
        }
    }

    /// <summary>
    /// Posts one envelope as a host does (§4.5) and steps <see cref="Stepper"/> until Done: the envelope may carry
    /// anything (fuzzing). Returns what the host reads back; asserts the slot completed with this command's sequence.
    /// </summary>
    public MailboxOutcome Post(OpteCmdIoctl envelope, ReadOnlySpan<byte> request)
    {
        var harness = Harness;
        if (!request.IsEmpty)
        {
            Assert.True(harness.HostMemory.TryWrite(CardHarness.RequestAddress, request));
        }

        Assert.Equal((uint)MailboxControl.Idle, harness.Read(Bar0.MailboxControl));
        Span<byte> raw = stackalloc byte[OpteCmdIoctl.Size];
        envelope.WriteTo(raw);
        harness.Bar.WriteBytes(Bar0.MailboxEnvelope, raw);
        var sequence = ++_sequence;
        harness.Bar.Write32(Bar0.MailboxSequence, sequence);
        harness.Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Posted);
        for (var i = 0; i < 1000 && harness.Read(Bar0.MailboxControl) != (uint)MailboxControl.Done; i++)
        {
            Stepper();
        }

        Assert.Equal((uint)MailboxControl.Done, harness.Read(Bar0.MailboxControl));
        Assert.Equal(sequence, harness.Read(Bar0.MailboxCompletionSequence));
        harness.Bar.ReadBytes(Bar0.MailboxEnvelope, raw);
        var completed = OpteCmdIoctl.ReadFrom(raw);
        var body = Array.Empty<byte>();
        if ((completed.Flags & OpteCmdIoctl.FlagResponseWritten) != 0)
        {
            body = new byte[(int)Math.Min(completed.ResponseLengthActual, completed.ResponseLength)];
            Assert.True(harness.HostMemory.TryRead(completed.ResponseAddress, body));
        }

        var outcome = new MailboxOutcome((int)harness.Read(Bar0.MailboxStatus), (MailboxSyndrome)harness.Read(Bar0.MailboxSyndrome), completed, body);
        harness.Bar.Write32(Bar0.MailboxControl, (uint)MailboxControl.Idle);
        return outcome;
    }

    /// <summary>The Stats counter <paramref name="name"/> among <paramref name="counters"/>.</summary>
    public static ulong Counter(IEnumerable<StatCounter> counters, string name) =>
        Assert.Single(counters, c => c.Name == name).Value;

    public void Dispose() => Harness.Dispose();
}

/// <summary>A typed command result: the response, or the error with its errno; <c>Tries</c> counts ENOBUFS retries.</summary>
public sealed record CommandReply<TResp>(int Status, TResp? Response, OpteError? Error, int Tries);
