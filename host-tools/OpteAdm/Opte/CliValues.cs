using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteAdm.Opte;

/// <summary>
/// Arguments and options for OPTE's value types (MAC, IP, CIDR, VNI, direction, router target…) with strict parsers:
/// a bad value is a parse error naming the argument, the text given and the form expected, so the command never runs
/// (exit code 2) and the request is never built from a half-understood line.
/// </summary>
internal static class CliValues
{
    /// <summary>The layer names of the Oxide VPC network, offered as completions (any name is accepted).</summary>
    public static readonly string[] LayerNames = ["gateway", "firewall", "router", "nat", "overlay"];

    /// <summary>Boundary services' VNI, the default for V2B tunnel endpoints.</summary>
    public const uint BoundaryServicesVni = 99;

    /// <summary>The underlay multicast VNI, the default for multicast next hops.</summary>
    public const uint MulticastVni = 77;

    /// <summary><c>-p/--port NAME</c>: the port (xde device) a command applies to; required.</summary>
    public static Option<string> PortOption(string description = "The port (xde device) name, e.g. opte0") =>
        new("--port", "-p")
        {
            Description = description,
            HelpName = "PORT",
            Required = true,
            CustomParser = ParsePortName,
        };

    /// <summary><c>--json</c>: machine-readable output instead of the table.</summary>
    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print JSON (one document, snake_case keys as in OPTE's types) instead of a table",
    };

    /// <summary>A port name argument (as create-xde and delete-xde take it, positionally).</summary>
    public static Argument<string> PortNameArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = ParsePortName,
    };

    /// <summary>A free-text name argument (layer names, underlay link names).</summary>
    public static Argument<string> NameArgument(string name, string description, params string[] completions)
    {
        var argument = new Argument<string>(name) { Description = description, HelpName = name, CustomParser = ParsePortName };
        if (completions.Length > 0)
        {
            argument.CompletionSources.Add(completions);
        }

        return argument;
    }

    /// <summary>An IPv4 or IPv6 address argument.</summary>
    public static Argument<IpAddr> IpArgument(string name, string description) =>
        new(name) { Description = description, CustomParser = r => Parse<IpAddr>(r, IpAddr.TryParse, "an IPv4 or IPv6 address") };

    /// <summary>An IPv6 address argument.</summary>
    public static Argument<Ipv6Addr> Ipv6Argument(string name, string description) =>
        new(name) { Description = description, CustomParser = r => Parse<Ipv6Addr>(r, Ipv6Addr.TryParse, "an IPv6 address") };

    /// <summary>A MAC address argument.</summary>
    public static Argument<MacAddr> MacArgument(string name, string description) =>
        new(name) { Description = description, CustomParser = r => Parse<MacAddr>(r, MacAddr.TryParse, "a MAC address xx:xx:xx:xx:xx:xx") };

    /// <summary>A VNI argument (0..16777215).</summary>
    public static Argument<Vni> VniArgument(string name, string description) =>
        new(name) { Description = description, CustomParser = r => Parse<Vni>(r, Vni.TryParse, "a VNI 0..16777215") };

    /// <summary>A CIDR argument (IPv4 or IPv6).</summary>
    public static Argument<IpCidr> CidrArgument(string name, string description) =>
        new(name) { Description = description, CustomParser = r => Parse<IpCidr>(r, IpCidr.TryParse, "a prefix such as 10.0.0.0/24 or fd00::/64") };

    /// <summary>A direction argument (<c>in</c> or <c>out</c>).</summary>
    public static Argument<Direction> DirectionArgument(string name, string description)
    {
        var argument = new Argument<Direction>(name) { Description = description, HelpName = name, CustomParser = ParseDirection };
        argument.CompletionSources.Clear(); // not the enum's names (In, Out): the words opteadm accepts
        argument.CompletionSources.Add("in", "out");
        return argument;
    }

    /// <summary>A rule id argument (u64, as dump-layer shows it).</summary>
    public static Argument<ulong> RuleIdArgument(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = r => Parse<ulong>(r, (ReadOnlySpan<char> t, out ulong v) => ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v), "a rule id (a number, as dump-layer shows it)"),
        };

    /// <summary>A router target argument: <c>drop</c>, <c>ig[=UUID]</c>, <c>ip4=</c>, <c>ip6=</c>, <c>sub4=</c>, <c>sub6=</c>.</summary>
    public static Argument<RouterTarget> RouterTargetArgument(string name, string description)
    {
        var argument = new Argument<RouterTarget>(name)
        {
            Description = description,
            HelpName = name,
            CustomParser = r =>
            {
                var text = Text(r);
                if (RouterTarget.TryParse(text, out var target, out var error))
                {
                    return target;
                }

                r.AddError($"bad {r.Argument.Name} '{text}': {error}");
                return null;
            },
        };
        argument.CompletionSources.Add("drop", "ig", "ig=", "ip4=", "ip6=", "sub4=", "sub6=");
        return argument;
    }

    /// <summary><c>--class system|custom</c> of a router entry (default system).</summary>
    public static Option<RouterClass> RouterClassOption()
    {
        var option = new Option<RouterClass>("--class")
        {
            Description = "Who owns the entry: system (the VPC's own routes) or custom (a user's router; wins ties)",
            HelpName = "system|custom",
            DefaultValueFactory = _ => RouterClass.System,
            CustomParser = r => Text(r).ToLowerInvariant() switch
            {
                "system" => RouterClass.System,
                "custom" => RouterClass.Custom,
                _ => Error<RouterClass>(r, "--class", "expected system or custom"),
            },
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add("system", "custom");
        return option;
    }

    /// <summary>
    /// A V2B tunnel endpoint: <c>ADDR</c> (VNI 99, boundary services) or <c>ADDR,VNI</c>.
    /// </summary>
    public static Argument<TunnelEndpoint[]> TunnelEndpointsArgument(string name, string description) =>
        new(name)
        {
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r =>
            {
                var endpoints = new TunnelEndpoint[r.Tokens.Count];
                for (var index = 0; index < r.Tokens.Count; index++)
                {
                    if (!TryParseTunnelEndpoint(r.Tokens[index].Value, out endpoints[index], out var why))
                    {
                        r.AddError($"bad {r.Argument.Name} '{r.Tokens[index].Value}': {why}");
                        return [];
                    }
                }

                return endpoints;
            },
        };

    /// <summary>
    /// Multicast next hops: <c>ADDR[,VNI[,REPLICATION]]</c> each. VNI defaults to 77 (the underlay multicast VNI);
    /// replication is external, underlay or both, default external (OPTE's first variant).
    /// </summary>
    public static Argument<McastNextHop[]> NextHopsArgument(string name, string description) =>
        new(name)
        {
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r =>
            {
                var hops = new McastNextHop[r.Tokens.Count];
                for (var index = 0; index < r.Tokens.Count; index++)
                {
                    if (!TryParseNextHop(r.Tokens[index].Value, out var hop, out var why))
                    {
                        r.AddError($"bad {r.Argument.Name} '{r.Tokens[index].Value}': {why}");
                        return [];
                    }

                    hops[index] = hop;
                }

                return hops;
            },
        };

    /// <summary>Parses <c>ADDR</c> or <c>ADDR,VNI</c>.</summary>
    public static bool TryParseTunnelEndpoint(string text, out TunnelEndpoint endpoint, out string why)
    {
        endpoint = default;
        var parts = text.Split(',');
        if (parts.Length > 2)
        {
            why = "expected ADDR or ADDR,VNI";
            return false;
        }

        if (!Ipv6Addr.TryParse(parts[0], out var address))
        {
            why = $"'{parts[0]}' is not an IPv6 address";
            return false;
        }

        var vni = new Vni(BoundaryServicesVni);
        if (parts.Length == 2 && !Vni.TryParse(parts[1], out vni))
        {
            why = $"'{parts[1]}' is not a VNI 0..16777215";
            return false;
        }

        endpoint = new TunnelEndpoint(address, vni);
        why = string.Empty;
        return true;
    }

    /// <summary>Parses <c>ADDR[,VNI[,REPLICATION]]</c>.</summary>
    public static bool TryParseNextHop(string text, out McastNextHop hop, out string why)
    {
        hop = null!;
        var parts = text.Split(',');
        if (parts.Length > 3)
        {
            why = "expected ADDR[,VNI[,external|underlay|both]]";
            return false;
        }

        if (!Ipv6Addr.TryParse(parts[0], out var address))
        {
            why = $"'{parts[0]}' is not an IPv6 address";
            return false;
        }

        var vni = new Vni(MulticastVni);
        if (parts.Length >= 2 && !Vni.TryParse(parts[1], out vni))
        {
            why = $"'{parts[1]}' is not a VNI 0..16777215";
            return false;
        }

        var replication = Replication.External;
        if (parts.Length == 3 && !TryParseReplication(parts[2], out replication))
        {
            why = $"'{parts[2]}' is not a replication mode (expected external, underlay or both)";
            return false;
        }

        hop = new McastNextHop(new NextHopV6(address, vni), replication);
        why = string.Empty;
        return true;
    }

    /// <summary>Parses <c>external</c>, <c>underlay</c> or <c>both</c>.</summary>
    public static bool TryParseReplication(string text, out Replication replication)
    {
        switch (text.ToLowerInvariant())
        {
            case "external":
                replication = Replication.External;
                return true;
            case "underlay":
                replication = Replication.Underlay;
                return true;
            case "both":
                replication = Replication.Both;
                return true;
            default:
                replication = default;
                return false;
        }
    }

    /// <summary>Name of a replication mode as typed and shown.</summary>
    public static string Name(Replication replication) => replication switch
    {
        Replication.External => "external",
        Replication.Underlay => "underlay",
        Replication.Both => "both",
        _ => ((byte)replication).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Name of a router class as typed and shown.</summary>
    public static string Name(RouterClass routerClass) => routerClass == RouterClass.Custom ? "custom" : "system";

    /// <summary>An optional value option (absent = null).</summary>
    public static Option<T?> OptionalValueOption<T>(string name, string description, string helpName, TryParser<T> tryParse, string expected)
        where T : struct =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r => r.Tokens.Count == 0 ? null : Parse(r, tryParse, expected),
        };

    /// <summary>A repeatable value option (<c>--x A --x B</c> or <c>--x A B</c>).</summary>
    public static Option<T[]> ListOption<T>(string name, string description, string helpName, TryParser<T> tryParse, string expected)
        where T : struct =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
            CustomParser = r =>
            {
                var values = new T[r.Tokens.Count];
                for (var index = 0; index < values.Length; index++)
                {
                    if (!tryParse(r.Tokens[index].Value, out values[index]))
                    {
                        r.AddError($"bad {DisplayName(r)} '{r.Tokens[index].Value}': expected {expected}");
                        return [];
                    }
                }

                return values;
            },
        };

    /// <summary>A port number option (1..65535: port 0 is never a valid transport port).</summary>
    public static Option<ushort?> TransportPortOption(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "PORT",
            CustomParser = r => r.Tokens.Count == 0 ? null : ParseTransportPort(r),
        };

    /// <summary>Parses 1..65535, naming the option on failure.</summary>
    public static ushort ParseTransportPort(ArgumentResult r)
    {
        var text = Text(r);
        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port != 0)
        {
            return port;
        }

        r.AddError($"bad {DisplayName(r)} '{text}': expected a port number 1..65535 (port 0 is invalid)");
        return 0;
    }

    /// <summary>A span-based try-parse function.</summary>
    public delegate bool TryParser<T>(ReadOnlySpan<char> text, out T value);

    private static T Parse<T>(ArgumentResult r, TryParser<T> tryParse, string expected)
    {
        var text = Text(r);
        if (tryParse(text, out var value))
        {
            return value;
        }

        r.AddError($"bad {DisplayName(r)} '{text}': expected {expected}");
        return default!;
    }

    private static Direction ParseDirection(ArgumentResult r) => Text(r).ToLowerInvariant() switch
    {
        "in" => Direction.In,
        "out" => Direction.Out,
        _ => Error<Direction>(r, DisplayName(r), "expected in or out"),
    };

    private static string ParsePortName(ArgumentResult r)
    {
        var text = Text(r);
        // Names travel as postcard strings; the firmware enforces its own limits (BadName). Reject only what can never
        // be a device name, so a typo like an empty string or stray whitespace is caught here with the field named.
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            r.AddError($"bad {DisplayName(r)} '{text}': expected a name without spaces");
        }

        return text;
    }

    private static T Error<T>(ArgumentResult r, string field, string why)
    {
        r.AddError($"bad {field} '{Text(r)}': {why}");
        return default!;
    }

    private static string Text(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;

    /// <summary>The option's name (<c>--port</c>) or the argument's name, for messages.</summary>
    private static string DisplayName(ArgumentResult r) =>
        r.Parent is OptionResult option ? option.Option.Name : r.Argument.Name;
}
