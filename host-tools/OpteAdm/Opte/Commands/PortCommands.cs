using System.CommandLine;
using System.Globalization;
using OpteAdm.Opte.Rendering;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteAdm.Opte.Commands;

/// <summary>Ports and the underlay: list-ports, create-xde, delete-xde, set-xde-underlay, clear-xde-underlay.</summary>
internal static class PortCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() =>
        [ListPorts(), CreateXde(), DeleteXde(), SetXdeUnderlay(), ClearXdeUnderlay()];

    /// <summary><c>list-ports</c>.</summary>
    public static OpteCommand ListPorts() =>
        new OpteCommand<ListPortsReq, ListPortsResp>(
            "list-ports",
            OpteHelp.Describe("List the card's ports: name, guest MAC, private, ephemeral and floating addresses, state",
                "opteadm list-ports", "opteadm list-ports --json | jq -r '.ports[].name'"),
            (_, _) => new ListPortsReq(),
            OpteText.ListPorts,
            OpteJson.ListPorts);

    /// <summary><c>delete-xde NAME</c>.</summary>
    public static OpteCommand DeleteXde()
    {
        var name = CliValues.PortNameArgument("NAME", "The port to delete");
        return new OpteCommand<DeleteXdeReq, NoResp>(
            "delete-xde",
            OpteHelp.Describe("Delete a port and everything it holds (rules, flows, subscriptions)", "opteadm delete-xde opte0"),
            (parse, _) => new DeleteXdeReq(parse.GetValue(name)!))
        {
            name,
        };
    }

    /// <summary><c>set-xde-underlay U1 U2</c>.</summary>
    public static OpteCommand SetXdeUnderlay()
    {
        var u1 = CliValues.NameArgument("U1", "First underlay (wire) port");
        var u2 = CliValues.NameArgument("U2", "Second underlay (wire) port");
        return new OpteCommand<SetXdeUnderlayReq, NoResp>(
            "set-xde-underlay",
            OpteHelp.Describe("Set the two underlay (wire) ports the card sends encapsulated traffic on; needed before create-xde",
                "opteadm set-xde-underlay wire0 wire1"),
            (parse, _) => new SetXdeUnderlayReq(parse.GetValue(u1)!, parse.GetValue(u2)!))
        {
            u1,
            u2,
        };
    }

    /// <summary><c>clear-xde-underlay</c>.</summary>
    public static OpteCommand ClearXdeUnderlay() =>
        new OpteCommand<ClearXdeUnderlayReq, NoResp>(
            "clear-xde-underlay",
            OpteHelp.Describe("Forget the underlay ports (refused while ports exist)", "opteadm clear-xde-underlay"),
            (_, _) => new ClearXdeUnderlayReq());

    /// <summary><c>create-xde NAME --private-mac … --vni … --src-underlay-addr … (IPv4 and/or IPv6 options) [DHCP options]</c>.</summary>
    public static OpteCommand CreateXde()
    {
        var name = CliValues.PortNameArgument("NAME", "Name of the new port, e.g. opte0");
        var privateMac = CliValues.OptionalValueOption<MacAddr>("--private-mac", "The guest's MAC address (required)", "MAC", MacAddr.TryParse, "a MAC address xx:xx:xx:xx:xx:xx");
        privateMac.Required = true;
        var gatewayMac = CliValues.OptionalValueOption<MacAddr>("--gateway-mac", $"The virtual gateway's MAC (default {VpcCfg.DefaultGatewayMac})", "MAC", MacAddr.TryParse, "a MAC address xx:xx:xx:xx:xx:xx");
        var vni = CliValues.OptionalValueOption<Vni>("--vni", "The VPC's VNI (required)", "VNI", Vni.TryParse, "a VNI 0..16777215");
        vni.Aliases.Add("--vpc-vni");
        vni.Required = true;
        var underlay = CliValues.OptionalValueOption<Ipv6Addr>("--src-underlay-addr", "This port's underlay IPv6 address, the outer source of its traffic (required)", "IPV6", Ipv6Addr.TryParse, "an IPv6 address");
        underlay.Required = true;

        var private4 = CliValues.OptionalValueOption<Ipv4Addr>("--private-ipv4", "The guest's private IPv4 address", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var subnet4 = CliValues.OptionalValueOption<Ipv4Cidr>("--vpc-subnet-ipv4", "The VPC subnet of the private IPv4 address", "CIDR", Ipv4Cidr.TryParse, "an IPv4 prefix such as 172.30.0.0/22");
        var gateway4 = CliValues.OptionalValueOption<Ipv4Addr>("--gateway-ipv4", "The gateway's IPv4 address (default: the subnet's first address)", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var snat4 = CliValues.OptionalValueOption<Ipv4Addr>("--snat-ipv4", "Shared source-NAT IPv4 address (with --snat-start/--snat-end)", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var ephemeral4 = CliValues.OptionalValueOption<Ipv4Addr>("--ephemeral-ipv4", "Ephemeral (1:1) external IPv4 address", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var floating4 = CliValues.ListOption<Ipv4Addr>("--floating-ipv4", "Floating (1:1) external IPv4 addresses", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");

        var private6 = CliValues.OptionalValueOption<Ipv6Addr>("--private-ipv6", "The guest's private IPv6 address", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var subnet6 = CliValues.OptionalValueOption<Ipv6Cidr>("--vpc-subnet-ipv6", "The VPC subnet of the private IPv6 address", "CIDR", Ipv6Cidr.TryParse, "an IPv6 prefix such as fd00:1::/64");
        var gateway6 = CliValues.OptionalValueOption<Ipv6Addr>("--gateway-ipv6", "The gateway's IPv6 address (default: the subnet's first address)", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var snat6 = CliValues.OptionalValueOption<Ipv6Addr>("--snat-ipv6", "Shared source-NAT IPv6 address (with --snat-start/--snat-end)", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var ephemeral6 = CliValues.OptionalValueOption<Ipv6Addr>("--ephemeral-ipv6", "Ephemeral (1:1) external IPv6 address", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");
        var floating6 = CliValues.ListOption<Ipv6Addr>("--floating-ipv6", "Floating (1:1) external IPv6 addresses", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");

        var snatStart = CliValues.TransportPortOption("--snat-start", "First port of the SNAT range");
        var snatEnd = CliValues.TransportPortOption("--snat-end", "Last port of the SNAT range (inclusive)");
        var attached = CliValues.ListOption<IpCidr>("--attached-subnet", "A subnet attached to the port (repeatable)", "CIDR", IpCidr.TryParse, "a prefix such as 10.5.0.0/24");
        var external = CliValues.ListOption<IpCidr>("--external-subnet", "An attached subnet that is external: its traffic bypasses NAT (repeatable)", "CIDR", IpCidr.TryParse, "a prefix such as 203.0.113.0/28");
        var transit = CliValues.ListOption<IpCidr>("--transit-ip", "A prefix the guest may route for, both directions (repeatable)", "CIDR", IpCidr.TryParse, "a prefix");

        var hostname = new Option<string?>("--hostname") { Description = "Hostname the DHCP replies give the guest", HelpName = "NAME" };
        var domain = new Option<string?>("--host-domain") { Description = "Domain the DHCP replies give the guest", HelpName = "NAME" };
        var search = new Option<string[]>("--domain-search") { Description = "Domain search list entries (repeatable)", HelpName = "NAME", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var dns4 = CliValues.ListOption<Ipv4Addr>("--dns4", "IPv4 DNS servers for DHCP replies (repeatable)", "ADDR", Ipv4Addr.TryParse, "an IPv4 address");
        var dns6 = CliValues.ListOption<Ipv6Addr>("--dns6", "IPv6 DNS servers for DHCPv6 replies (repeatable)", "ADDR", Ipv6Addr.TryParse, "an IPv6 address");

        var passthrough = new Option<bool>("--passthrough") { Description = "A port without VPC layers: frames pass unchanged" };
        var linkid = CliValues.OptionalValueOption<uint>("--linkid", "Host link id the port sits on (informational on this card; default 0)", "N",
            (ReadOnlySpan<char> t, out uint v) => uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v), "a number");
        var mtu = CliValues.OptionalValueOption<ushort>("--mtu", $"Guest MTU, advertised in router advertisements (default {CreateXdeReq.DefaultMtu})", "BYTES",
            (ReadOnlySpan<char> t, out ushort v) => ushort.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v) && v > 0, "a size 1..65535");

        CreateXdeReq Build(ParseResult parse, TextReader input)
        {
            string port = parse.GetValue(name)!;
            var (snatStartValue, snatEndValue) = (parse.GetValue(snatStart), parse.GetValue(snatEnd));
            SNatCfg<T>? Snat<T>(T? ip, string option)
                where T : struct, OpteNic.Api.Wire.IPostcardSerializable<T>
            {
                if (ip is not { } address)
                {
                    return null;
                }

                if (snatStartValue is not { } first || snatEndValue is not { } last)
                {
                    throw new ArgumentException($"create-xde: {option} needs --snat-start and --snat-end");
                }

                return first <= last
                    ? new SNatCfg<T>(address, first, last)
                    : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"create-xde: --snat-start {first} is after --snat-end {last}"));
            }

            if ((snatStartValue.HasValue || snatEndValue.HasValue) && parse.GetValue(snat4) is null && parse.GetValue(snat6) is null)
            {
                throw new ArgumentException("create-xde: --snat-start/--snat-end need --snat-ipv4 or --snat-ipv6");
            }

            var subnets = parse.GetValue(attached)!.Select(c => (Cidr: c, External: false))
                .Concat(parse.GetValue(external)!.Select(c => (Cidr: c, External: true))).ToList();
            var transits = parse.GetValue(transit)!;

            Ipv4Cfg? v4 = null;
            if (parse.GetValue(private4) is { } ip4)
            {
                var subnet = parse.GetValue(subnet4) ?? throw new ArgumentException("create-xde: --private-ipv4 needs --vpc-subnet-ipv4");
                var gateway = parse.GetValue(gateway4) ?? new Ipv4Addr((subnet.Ip.Value & subnet.Mask) + 1);
                v4 = new Ipv4Cfg(
                    subnet,
                    ip4,
                    gateway,
                    new ExternalIpCfg<Ipv4Addr>(Snat(parse.GetValue(snat4), "--snat-ipv4"), parse.GetValue(ephemeral4), ValueArray<Ipv4Addr>.From(parse.GetValue(floating4)!)),
                    ValueArray<AttachedSubnet<Ipv4Cidr>>.From(subnets.Where(s => s.Cidr.IsIpv4).Select(s => new AttachedSubnet<Ipv4Cidr>(s.Cidr.Ipv4, s.External))),
                    ValueArray<TransitIp<Ipv4Cidr>>.From(transits.Where(c => c.IsIpv4).Select(c => new TransitIp<Ipv4Cidr>(c.Ipv4, true, true))));
            }
            else
            {
                RefuseWithout("IPv4", "--private-ipv4", (subnet4, parse.GetValue(subnet4) is not null), (gateway4, parse.GetValue(gateway4) is not null), (snat4, parse.GetValue(snat4) is not null), (ephemeral4, parse.GetValue(ephemeral4) is not null));
                RefuseListWithout("IPv4", "--private-ipv4", parse.GetValue(floating4)!.Length, subnets.Any(s => s.Cidr.IsIpv4) || transits.Any(c => c.IsIpv4));
            }

            Ipv6Cfg? v6 = null;
            if (parse.GetValue(private6) is { } ip6)
            {
                var subnet = parse.GetValue(subnet6) ?? throw new ArgumentException("create-xde: --private-ipv6 needs --vpc-subnet-ipv6");
                var gateway = parse.GetValue(gateway6) ?? new Ipv6Addr((subnet.Ip.Value & subnet.Mask) + 1);
                v6 = new Ipv6Cfg(
                    subnet,
                    ip6,
                    gateway,
                    new ExternalIpCfg<Ipv6Addr>(Snat(parse.GetValue(snat6), "--snat-ipv6"), parse.GetValue(ephemeral6), ValueArray<Ipv6Addr>.From(parse.GetValue(floating6)!)),
                    ValueArray<AttachedSubnet<Ipv6Cidr>>.From(subnets.Where(s => !s.Cidr.IsIpv4).Select(s => new AttachedSubnet<Ipv6Cidr>(s.Cidr.Ipv6, s.External))),
                    ValueArray<TransitIp<Ipv6Cidr>>.From(transits.Where(c => !c.IsIpv4).Select(c => new TransitIp<Ipv6Cidr>(c.Ipv6, true, true))));
            }
            else
            {
                RefuseWithout("IPv6", "--private-ipv6", (subnet6, parse.GetValue(subnet6) is not null), (gateway6, parse.GetValue(gateway6) is not null), (snat6, parse.GetValue(snat6) is not null), (ephemeral6, parse.GetValue(ephemeral6) is not null));
                RefuseListWithout("IPv6", "--private-ipv6", parse.GetValue(floating6)!.Length, subnets.Any(s => !s.Cidr.IsIpv4) || transits.Any(c => !c.IsIpv4));
            }

            IpCfg ipCfg = (v4, v6) switch
            {
                ({ } a, { } b) => new IpCfg.DualStack(a, b),
                ({ } a, null) => new IpCfg.Ipv4(a),
                (null, { } b) => new IpCfg.Ipv6(b),
                _ => throw new ArgumentException("create-xde: give --private-ipv4 (with --vpc-subnet-ipv4), --private-ipv6 (with --vpc-subnet-ipv6), or both"),
            };

            var cfg = new VpcCfg(ipCfg, parse.GetValue(privateMac)!.Value, parse.GetValue(gatewayMac) ?? VpcCfg.DefaultGatewayMac, parse.GetValue(vni)!.Value, parse.GetValue(underlay)!.Value);
            var dhcp = new DhcpCfg(
                parse.GetValue(hostname),
                parse.GetValue(domain),
                ValueArray<string>.From(parse.GetValue(search)!),
                ValueArray<Ipv4Addr>.From(parse.GetValue(dns4)!),
                ValueArray<Ipv6Addr>.From(parse.GetValue(dns6)!));
            return new CreateXdeReq(port, parse.GetValue(linkid) ?? 0, cfg, dhcp, parse.GetValue(passthrough), parse.GetValue(mtu) ?? CreateXdeReq.DefaultMtu);
        }

        var command = new OpteCommand<CreateXdeReq, NoResp>(
            "create-xde",
            OpteHelp.Describe("Create a guest port with its VPC configuration (IPv4, IPv6 or dual stack), external addresses and DHCP answers",
                "opteadm create-xde opte0 --private-mac a8:40:25:00:00:01 --vni 100 --src-underlay-addr fd00:1::1 --private-ipv4 172.30.0.5 --vpc-subnet-ipv4 172.30.0.0/22 --snat-ipv4 198.51.100.5 --snat-start 1024 --snat-end 2047",
                "opteadm create-xde opte1 --private-mac a8:40:25:00:00:02 --vni 100 --src-underlay-addr fd00:2::1 --private-ipv6 fd00:100::5 --vpc-subnet-ipv6 fd00:100::/64 --ephemeral-ipv6 2001:db8::5",
                "opteadm create-xde opte2 --private-mac a8:40:25:00:00:03 --vni 100 --src-underlay-addr fd00:3::1 --private-ipv4 172.30.0.6 --vpc-subnet-ipv4 172.30.0.0/22 --hostname web1 --dns4 172.30.0.1 --mtu 9000"),
            Build)
        {
            name,
        };
        Option[] options =
        [
            privateMac, gatewayMac, vni, underlay,
            private4, subnet4, gateway4, snat4, ephemeral4, floating4,
            private6, subnet6, gateway6, snat6, ephemeral6, floating6,
            snatStart, snatEnd, attached, external, transit,
            hostname, domain, search, dns4, dns6, passthrough, linkid, mtu,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static void RefuseWithout(string family, string required, params (Option Option, bool Given)[] settings)
    {
        foreach (var (option, given) in settings)
        {
            if (given)
            {
                throw new ArgumentException($"create-xde: {option.Name} is an {family} setting and needs {required}");
            }
        }
    }

    private static void RefuseListWithout(string family, string required, int floating, bool prefixes)
    {
        if (floating > 0 || prefixes)
        {
            throw new ArgumentException($"create-xde: {(floating > 0 ? $"--floating-{family.ToLowerInvariant()}" : $"an {family} attached subnet or transit prefix")} needs {required}");
        }
    }
}
