using System.CommandLine;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteAdm.Opte.Commands;

/// <summary>A port's external addresses and extra prefixes: set-external-ips, allow-cidr, remove-cidr,
/// attach-subnet, detach-subnet.</summary>
internal static class ExternalCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() => [SetExternalIps(), AllowCidr(), RemoveCidr(), AttachSubnet(), DetachSubnet()];

    /// <summary><c>set-external-ips -p PORT [--snat-ipv4 …] [--ephemeral-ipv4 …] [--floating-ipv4 …] [same for ipv6] [--inet-gw IP=UUID,…]</c>.</summary>
    public static OpteCommand SetExternalIps()
    {
        var port = CliValues.PortOption();
        var snat4 = CliValues.OptionalValueOption<Ipv4Addr>("--snat-ipv4", "Shared source-NAT IPv4 address", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var ephemeral4 = CliValues.OptionalValueOption<Ipv4Addr>("--ephemeral-ipv4", "Ephemeral (1:1) IPv4 address", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var floating4 = CliValues.ListOption<Ipv4Addr>("--floating-ipv4", "Floating (1:1) IPv4 addresses (repeatable)", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var clear4 = new Option<bool>("--clear-ipv4") { Description = "Remove every external IPv4 address" };
        var snat6 = CliValues.OptionalValueOption<Ipv6Addr>("--snat-ipv6", "Shared source-NAT IPv6 address", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var ephemeral6 = CliValues.OptionalValueOption<Ipv6Addr>("--ephemeral-ipv6", "Ephemeral (1:1) IPv6 address", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var floating6 = CliValues.ListOption<Ipv6Addr>("--floating-ipv6", "Floating (1:1) IPv6 addresses (repeatable)", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var clear6 = new Option<bool>("--clear-ipv6") { Description = "Remove every external IPv6 address" };
        var snatStart = CliValues.TransportPortOption("--snat-start", "First port of the SNAT range (both families)");
        var snatEnd = CliValues.TransportPortOption("--snat-end", "Last port of the SNAT range, inclusive (both families)");
        var inetGw = new Option<InetGatewayEntry[]>("--inet-gw")
        {
            Description = "Internet gateways a floating IP may leave through: IP=UUID[,UUID…] (repeatable; absent = any)",
            HelpName = "IP=UUID,…",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
            CustomParser = r =>
            {
                var entries = new InetGatewayEntry[r.Tokens.Count];
                for (var index = 0; index < entries.Length; index++)
                {
                    if (!TryParseGatewayEntry(r.Tokens[index].Value, out var entry, out var why))
                    {
                        r.AddError($"bad --inet-gw '{r.Tokens[index].Value}': {why}");
                        return [];
                    }

                    entries[index] = entry;
                }

                return entries;
            },
        };

        SetExternalIpsReq Build(ParseResult parse, TextReader input)
        {
            var (first, last) = (parse.GetValue(snatStart), parse.GetValue(snatEnd));
            SNatCfg<T>? Snat<T>(T? ip, string option)
                where T : struct, OpteNic.Api.Wire.IPostcardSerializable<T>
            {
                if (ip is not { } address)
                {
                    return null;
                }

                if (first is not { } start || last is not { } end)
                {
                    throw new ArgumentException($"set-external-ips: {option} needs --snat-start and --snat-end");
                }

                return start <= end ? new SNatCfg<T>(address, start, end) : throw new ArgumentException($"set-external-ips: --snat-start {start} is after --snat-end {end}");
            }

            if ((first.HasValue || last.HasValue) && parse.GetValue(snat4) is null && parse.GetValue(snat6) is null)
            {
                throw new ArgumentException("set-external-ips: --snat-start/--snat-end need --snat-ipv4 or --snat-ipv6");
            }

            ExternalIpCfg<Ipv4Addr>? v4 = null;
            var floating4Values = parse.GetValue(floating4)!;
            var any4 = parse.GetValue(snat4) is not null || parse.GetValue(ephemeral4) is not null || floating4Values.Length > 0;
            if (parse.GetValue(clear4))
            {
                v4 = any4 ? throw new ArgumentException("set-external-ips: --clear-ipv4 cannot be combined with IPv4 addresses") : ExternalIpCfg<Ipv4Addr>.None;
            }
            else if (any4)
            {
                v4 = new ExternalIpCfg<Ipv4Addr>(Snat(parse.GetValue(snat4), "--snat-ipv4"), parse.GetValue(ephemeral4), ValueArray<Ipv4Addr>.From(floating4Values));
            }

            ExternalIpCfg<Ipv6Addr>? v6 = null;
            var floating6Values = parse.GetValue(floating6)!;
            var any6 = parse.GetValue(snat6) is not null || parse.GetValue(ephemeral6) is not null || floating6Values.Length > 0;
            if (parse.GetValue(clear6))
            {
                v6 = any6 ? throw new ArgumentException("set-external-ips: --clear-ipv6 cannot be combined with IPv6 addresses") : ExternalIpCfg<Ipv6Addr>.None;
            }
            else if (any6)
            {
                v6 = new ExternalIpCfg<Ipv6Addr>(Snat(parse.GetValue(snat6), "--snat-ipv6"), parse.GetValue(ephemeral6), ValueArray<Ipv6Addr>.From(floating6Values));
            }

            if (v4 is null && v6 is null)
            {
                throw new ArgumentException("set-external-ips: give IPv4 and/or IPv6 addresses (--snat-ipv4, --ephemeral-ipv4, --floating-ipv4, … or --clear-ipv4/--clear-ipv6)");
            }

            var gateways = parse.GetValue(inetGw)!;
            return new SetExternalIpsReq(parse.GetValue(port)!, v4, v6, gateways.Length == 0 ? null : ValueArray<InetGatewayEntry>.From(gateways));
        }

        var command = new OpteCommand<SetExternalIpsReq, NoResp>(
            "set-external-ips",
            OpteHelp.Describe("Replace a port's external addresses for the families given (NAT is refreshed softly: flows survive while their address stays)",
                "opteadm set-external-ips -p opte0 --snat-ipv4 198.51.100.5 --snat-start 1024 --snat-end 2047 --ephemeral-ipv4 198.51.100.20",
                "opteadm set-external-ips -p opte0 --floating-ipv4 198.51.100.30 --inet-gw 198.51.100.30=6d2c2f33-35a4-4c0e-9a3e-4b4e6b0c7a11",
                "opteadm set-external-ips -p opte0 --clear-ipv6"),
            Build)
        {
            port,
        };
        foreach (Option option in new Option[] { snat4, ephemeral4, floating4, clear4, snat6, ephemeral6, floating6, clear6, snatStart, snatEnd, inetGw })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary><c>allow-cidr -p PORT PREFIX DIRECTION</c>.</summary>
    public static OpteCommand AllowCidr()
    {
        var port = CliValues.PortOption();
        var prefix = CliValues.CidrArgument("PREFIX", "The prefix the guest may use");
        var direction = CliValues.DirectionArgument("DIRECTION", "in (as destination) or out (as source)");
        return new OpteCommand<AllowCidrReq, NoResp>(
            "allow-cidr",
            OpteHelp.Describe("Let a port's guest use addresses of a prefix in one direction (a transit prefix)",
                "opteadm allow-cidr -p opte0 10.20.0.0/16 out"),
            (parse, _) => new AllowCidrReq(parse.GetValue(port)!, parse.GetValue(prefix), parse.GetValue(direction)))
        {
            port,
            prefix,
            direction,
        };
    }

    /// <summary><c>remove-cidr -p PORT PREFIX DIRECTION</c>.</summary>
    public static OpteCommand RemoveCidr()
    {
        var port = CliValues.PortOption();
        var prefix = CliValues.CidrArgument("PREFIX", "The prefix to stop allowing");
        var direction = CliValues.DirectionArgument("DIRECTION", "in or out");
        return new OpteCommand<RemoveCidrReq, RemoveCidrResp>(
            "remove-cidr",
            OpteHelp.Describe("Stop allowing a prefix in one direction", "opteadm remove-cidr -p opte0 10.20.0.0/16 out"),
            (parse, _) => new RemoveCidrReq(parse.GetValue(port)!, parse.GetValue(prefix), parse.GetValue(direction)))
        {
            NotFoundWhen = static (request, response) => response.Outcome == RemovalOutcome.NotFound
                ? $"port {request.PortName}: {request.Cidr} was not allowed {(request.Dir == Direction.In ? "inbound" : "outbound")}"
                : null,
            Options = { port },
            Arguments = { prefix, direction },
        };
    }

    /// <summary><c>attach-subnet -p PORT SUBNET [--external]</c>.</summary>
    public static OpteCommand AttachSubnet()
    {
        var port = CliValues.PortOption();
        var subnet = CliValues.CidrArgument("SUBNET", "The subnet to attach");
        var external = new Option<bool>("--external") { Description = "The subnet is external: its traffic bypasses NAT" };
        return new OpteCommand<AttachSubnetReq, NoResp>(
            "attach-subnet",
            OpteHelp.Describe("Attach a subnet to a port: the guest may use its addresses as its own",
                "opteadm attach-subnet -p opte0 10.5.0.0/24", "opteadm attach-subnet -p opte0 203.0.113.0/28 --external"),
            (parse, _) => new AttachSubnetReq(parse.GetValue(port)!, parse.GetValue(subnet), parse.GetValue(external)))
        {
            port,
            subnet,
            external,
        };
    }

    /// <summary><c>detach-subnet -p PORT SUBNET</c>.</summary>
    public static OpteCommand DetachSubnet()
    {
        var port = CliValues.PortOption();
        var subnet = CliValues.CidrArgument("SUBNET", "The subnet to detach");
        return new OpteCommand<DetachSubnetReq, NoResp>(
            "detach-subnet",
            OpteHelp.Describe("Detach a subnet from a port", "opteadm detach-subnet -p opte0 10.5.0.0/24"),
            (parse, _) => new DetachSubnetReq(parse.GetValue(port)!, parse.GetValue(subnet)))
        {
            port,
            subnet,
        };
    }

    /// <summary>Parses <c>IP=UUID[,UUID…]</c>.</summary>
    public static bool TryParseGatewayEntry(string text, out InetGatewayEntry entry, out string why)
    {
        entry = null!;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !IpAddr.TryParse(text.AsSpan(0, equals), out var ip))
        {
            why = "expected IP=UUID[,UUID…] with an IPv4 or IPv6 address before '='";
            return false;
        }

        var ids = new List<Guid>();
        foreach (var part in text[(equals + 1)..].Split(','))
        {
            if (!Guid.TryParse(part, out var id))
            {
                why = $"'{part}' is not a UUID";
                return false;
            }

            ids.Add(id);
        }

        entry = new InetGatewayEntry(ip, ValueArray<Guid>.From(ids.Distinct().Order()));
        why = string.Empty;
        return true;
    }
}
