using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine;
using OpteNic.Engine.Ports;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;
using OpteNic.Vpc;
using OpteNic.Vpc.Hairpins;
using Direction = OpteNic.Engine.Direction;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Fuzz;

/// <summary>
/// Fuzz target for the VPC network: byte 0 picks what gets the rest of the input —
/// 0: a whole <see cref="VpcPort"/> (all five layers, UFT, TCP tracking, NAT, PMTU) outbound;
/// 1: the same port inbound (Geneve from the underlay);
/// 2: the gateway's request dispatcher (ARP, DHCPv4/DHCPv6 and NDP option walkers, echo);
/// 3: each reply writer directly (DHCPv4, DHCPv6, RS, NS, packet-too-big).
/// The port is built once with SNAT, ephemeral and floating IPs, routes, V2P/V2B entries and an allow-all inbound
/// firewall, so inputs reach deep into every layer; time advances with each input and flows are expired every 4096
/// inputs so tables never stay full. A crash is any exception, a reply longer than its buffer, or an emitted frame that
/// no longer parses.
/// </summary>
public static class VpcFuzzTarget
{
    // Declared first: static fields initialise in text order and the port below uses them.
    /// <summary>The guest MAC the port is configured with (seeds use it so they pass anti-spoofing).</summary>
    public static readonly byte[] GuestMac = [0xA8, 0x40, 0x25, 0xF0, 0x00, 0x05];

    /// <summary>The gateway MAC.</summary>
    public static readonly byte[] GatewayMac = [0xA8, 0x40, 0x25, 0xFF, 0x77, 0x77];

    private static readonly Vni s_vni = new(7777);
    private static readonly VpcNetwork s_network = new(4096);
    private static readonly VpcPort s_port = CreatePort();
    private static readonly PacketBuffer s_buffer = new(4096, 256);
    private static readonly byte[] s_reply = new byte[2048];
    private static long s_inputs;
    private static readonly long[] s_outcomes = new long[8];
    private static readonly long[] s_handed = new long[2 * 4];

    /// <summary>The port every input goes through (the replay tests read its counters).</summary>
    public static VpcPort Port => s_port;

    /// <summary>
    /// How many frames this target handed to the port in <paramref name="direction"/> that came back as
    /// <paramref name="outcome"/>: what the port's own counters must agree with (each packet counted exactly once).
    /// </summary>
    public static long Handed(Direction direction, ProcessOutcome outcome) => s_handed[(direction == Direction.Outbound ? 0 : 4) + ((int)outcome & 3)];

    /// <summary>How the port ended the fuzzed packets (Modified/Drop/Hairpin/Error) and replies written: "did the seeds get deep?"</summary>
    public static string Summary() =>
        $"port: modified {s_outcomes[(int)ProcessOutcome.Modified]}, drop {s_outcomes[(int)ProcessOutcome.Drop]}, hairpin {s_outcomes[(int)ProcessOutcome.Hairpin]}, " +
        $"error {s_outcomes[(int)ProcessOutcome.Error]}; gateway replies {s_outcomes[7]}; port flows {s_port.Port.UftOut.Count}/{s_port.Port.UftIn.Count}";

    /// <summary>Runs one input; throws only when VPC or engine code misbehaves.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        long count = ++s_inputs;
        var now = new Moment(10_000_000_000 + (count * 1_000_000));
        if ((count & 4095) == 0)
        {
            s_port.Port.ExpireFlows(now.AddSeconds(3600));
        }

        ReadOnlySpan<byte> frame = input[1..];
        switch (input[0] & 3)
        {
            case 0:
                ThroughPort(Direction.Outbound, frame, now);
                break;
            case 1:
                ThroughPort(Direction.Inbound, frame, now);
                break;
            case 2:
                CheckReply(s_port.Responder.Respond(frame, s_reply));
                break;
            default:
                GatewayResponder responder = s_port.Responder;
                CheckReply(responder.RespondDhcpV4(frame, s_reply));
                CheckReply(responder.RespondDhcpV6(frame, s_reply));
                CheckReply(responder.RespondRouterSolicitation(frame, s_reply));
                CheckReply(responder.RespondNeighborSolicitation(frame, s_reply));
                CheckReply(responder.RespondPacketTooBig(frame, 1280 + (input[0] >> 2), s_reply));
                break;
        }
    }

    private static void ThroughPort(Direction direction, ReadOnlySpan<byte> frame, Moment now)
    {
        if (!s_buffer.TryLoad(frame))
        {
            return;
        }

        ProcessResult result = s_port.Port.Process(direction, s_buffer, now);
        s_outcomes[(int)result.Outcome & 3]++;
        s_handed[(direction == Direction.Outbound ? 0 : 4) + ((int)result.Outcome & 3)]++;
        switch (result.Outcome)
        {
            case ProcessOutcome.Modified:
                // Outbound leaves Geneve-encapsulated; inbound reaches the guest as a plain frame.
                ParseMode mode = direction == Direction.Outbound ? ParseMode.Inbound : ParseMode.Outbound;
                if (!PacketParser.TryParse(s_buffer.Frame, mode, out _, out ParseError error))
                {
                    throw new InvalidOperationException($"{direction} emitted a frame that does not parse ({mode}): {error}");
                }

                break;
            case ProcessOutcome.Hairpin:
                if (!PacketParser.TryParse(s_buffer.Frame, ParseMode.Outbound, out _, out ParseError hairpinError))
                {
                    throw new InvalidOperationException($"{direction} hairpin reply does not parse: {hairpinError}");
                }

                break;
            case ProcessOutcome.Error when result.ErrorKind == ProcessError.BadState:
                throw new InvalidOperationException("the fuzzed port left the Running state");
        }
    }

    private static void CheckReply(HairpinResult result)
    {
        if (!result.IsReply)
        {
            return;
        }

        s_outcomes[7]++;

        if (result.Length <= 0 || result.Length > s_reply.Length)
        {
            throw new InvalidOperationException($"reply length {result.Length} outside its buffer");
        }

        if (!PacketParser.TryParse(s_reply.AsSpan(0, result.Length), ParseMode.Outbound, out _, out ParseError error))
        {
            throw new InvalidOperationException($"reply does not parse: {error}");
        }
    }

    private static VpcPort CreatePort()
    {
        var v4 = new Ipv4Cfg(Ipv4Cidr.Parse("172.30.0.0/22"), Ipv4Addr.Parse("172.30.0.5"), Ipv4Addr.Parse("172.30.0.1"),
            new ExternalIpCfg<Ipv4Addr>(new SNatCfg<Ipv4Addr>(Ipv4Addr.Parse("203.0.113.10"), 1024, 65535), Ipv4Addr.Parse("203.0.113.20"),
                [Ipv4Addr.Parse("203.0.113.30")]), [], []);
        var v6 = new Ipv6Cfg(Ipv6Cidr.Parse("fd00:1122:3344:101::/64"), Ipv6Addr.Parse("fd00:1122:3344:101::5"),
            Ipv6Addr.Parse("fe80::aa40:25ff:feff:7777"), ExternalIpCfg<Ipv6Addr>.None, [], []);
        var config = new VpcCfg(new IpCfg.DualStack(v4, v6), MacAddr.FromBytes(GuestMac), MacAddr.FromBytes(GatewayMac), s_vni, Ipv6Addr.Parse("fd00:aaaa::1"));
        var dhcp = new DhcpCfg("fuzz", "vpc.oxide.internal", [], [Ipv4Addr.Parse("172.30.0.53")], [Ipv6Addr.Parse("fd00:1122:3344:1::53")]);
        if (!VpcPort.TryCreate("fuzz0", config, dhcp, s_network, new VpcPortOptions { UftLimit = 1024, TcpLimit = 1024, LayerFlowLimit = 1024 },
                out VpcPort? port, out var error))
        {
            throw new InvalidOperationException($"fuzz port configuration refused: {error}");
        }

        Require(port.TryAddRouterEntry(IpCidr.Parse("172.30.0.0/22"), new RouterTarget.VpcSubnet(IpCidr.Parse("172.30.0.0/22")), RouterClass.System, out _));
        Require(port.TryAddRouterEntry(IpCidr.Parse("fd00:1122:3344:101::/64"), new RouterTarget.VpcSubnet(IpCidr.Parse("fd00:1122:3344:101::/64")), RouterClass.System, out _));
        Require(port.TryAddRouterEntry(IpCidr.Parse("0.0.0.0/0"), new RouterTarget.InternetGateway(null), RouterClass.System, out _));
        Require(port.TryAddRouterEntry(IpCidr.Parse("::/0"), new RouterTarget.InternetGateway(null), RouterClass.System, out _));
        var peer = new GuestPhysAddr(MacAddr.Parse("a8:40:25:f0:00:06"), Ipv6Addr.Parse("fd00:bbbb::1"));
        Require(s_network.Virt2Phys.TrySet(s_vni, PacketIp.Parse("172.30.0.6"), peer));
        Require(s_network.Virt2Phys.TrySet(s_vni, PacketIp.Parse("fd00:1122:3344:101::6"), peer));
        s_network.Virt2Boundary.Set(IpCidr.Parse("0.0.0.0/0"), [new TunnelEndpoint(Ipv6Addr.Parse("fd00:99::1"), new Vni(99))]);
        Require(s_network.Mcast2Phys.TrySet(OpteNic.Api.Net.IpAddr.Parse("239.1.1.1"), Ipv6Addr.Parse("ff04::1:1"), out _));
        Require(port.SetFirewallRules(
        [
            new FirewallRule(OpteNic.Api.Direction.In, new Filters(new FirewallAddress.Any(), new ProtocolFilter.Any(), new Ports.Any()), FirewallAction.Allow, 65534),
        ]) == PortOperationResult.Ok);
        Require(port.Port.Start() == PortOperationResult.Ok);
        return port;
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("fuzz port setup failed");
        }
    }
}
