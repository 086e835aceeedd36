namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>
/// Bad command lines never build a request: each is a parse error (exit code 2 through Program.cs) or a usage error
/// thrown by the request builder, and the message names the field and the text given.
/// </summary>
public sealed class OpteBadInputTests
{
    [Theory]
    [InlineData("bad MAC", "VPC_MAC 'a8:40:25:00:00'", "set-v2p", "172.30.0.6", "a8:40:25:00:00", "fd00:2::1", "100")]
    [InlineData("MAC with a bad digit", "VPC_MAC 'a8:40:25:00:00:0g'", "clear-v2p", "172.30.0.6", "a8:40:25:00:00:0g", "fd00:2::1", "100")]
    [InlineData("bad IP", "VPC_IP '172.30.0.256'", "set-v2p", "172.30.0.256", "a8:40:25:00:00:01", "fd00:2::1", "100")]
    [InlineData("IPv4 where the underlay needs IPv6", "UNDERLAY_IP '10.0.0.1'", "set-v2p", "172.30.0.6", "a8:40:25:00:00:01", "10.0.0.1", "100")]
    [InlineData("VNI too large", "VNI '16777216'", "set-v2p", "172.30.0.6", "a8:40:25:00:00:01", "fd00:2::1", "16777216")]
    [InlineData("bad CIDR prefix length", "PREFIX '10.0.0.0/33'", "allow-cidr", "-p", "opte0", "10.0.0.0/33", "in")]
    [InlineData("CIDR without a prefix length", "SUBNET '10.5.0.0'", "attach-subnet", "-p", "opte0", "10.5.0.0")]
    [InlineData("unknown direction", "DIRECTION 'sideways'", "rm-fw-rule", "-p", "opte0", "sideways", "3")]
    [InlineData("unknown direction for a CIDR", "DIRECTION 'both'", "remove-cidr", "-p", "opte0", "10.0.0.0/8", "both")]
    [InlineData("rule id not a number", "ID 'seven'", "rm-fw-rule", "-p", "opte0", "in", "seven")]
    [InlineData("negative rule id", "ID '-1'", "rm-fw-rule", "-p", "opte0", "in", "-1")]
    [InlineData("port 0 in a rule", "port '0'", "add-fw-rule", "-p", "opte0", "dir=in", "action=allow", "priority=1", "protocol=tcp", "port=0")]
    [InlineData("port 0 as an option", "port '53,0': port 0 is invalid", "add-fw-rule", "-p", "opte0", "--direction", "in", "--action", "allow", "--priority", "1", "--protocol", "udp", "--ports", "53,0")]
    [InlineData("rule missing its priority", "priority", "add-fw-rule", "-p", "opte0", "dir=in", "action=allow")]
    [InlineData("rule with a bad direction", "dir 'up'", "add-fw-rule", "-p", "opte0", "dir=up", "action=allow", "priority=1")]
    [InlineData("rule text and options at once", "not both", "add-fw-rule", "-p", "opte0", "dir=in", "action=allow", "priority=1", "--priority", "2")]
    [InlineData("SNAT port 0", "--snat-start '0'", "set-external-ips", "-p", "opte0", "--snat-ipv4", "198.51.100.5", "--snat-start", "0", "--snat-end", "10")]
    [InlineData("bad router target", "TARGET 'gateway'", "add-router-entry", "-p", "opte0", "0.0.0.0/0", "gateway")]
    [InlineData("router target with a bad address", "TARGET 'ip4=10.0.0'", "add-router-entry", "-p", "opte0", "10.0.0.0/8", "ip4=10.0.0")]
    [InlineData("bad router class", "--class 'user'", "del-router-entry", "-p", "opte0", "0.0.0.0/0", "ig", "--class", "user")]
    [InlineData("bad tunnel endpoint VNI", "TUNNEL_ENDPOINT 'fd00:99::1,x'", "set-v2b", "0.0.0.0/0", "fd00:99::1,x")]
    [InlineData("bad replication", "NEXT_HOP 'fd00:2::1,77,everywhere'", "set-mcast-fwd", "ff04::1", "fd00:2::1,77,everywhere")]
    [InlineData("bad inet gateway id", "--inet-gw '198.51.100.30=not-a-uuid'", "set-external-ips", "-p", "opte0", "--floating-ipv4", "198.51.100.30", "--inet-gw", "198.51.100.30=not-a-uuid")]
    [InlineData("missing --port", "--port", "dump-uft")]
    [InlineData("empty port name", "--port ''", "dump-uft", "-p", "")]
    [InlineData("missing layer name", "NAME", "dump-layer", "-p", "opte0")]
    [InlineData("create-xde bad MAC", "--private-mac 'a8:40:25'", "create-xde", "opte0", "--private-mac", "a8:40:25", "--vni", "1", "--src-underlay-addr", "fd00::1", "--private-ipv4", "10.0.0.5", "--vpc-subnet-ipv4", "10.0.0.0/24")]
    [InlineData("create-xde without a VNI", "--vni", "create-xde", "opte0", "--private-mac", "a8:40:25:00:00:01", "--src-underlay-addr", "fd00::1", "--private-ipv4", "10.0.0.5", "--vpc-subnet-ipv4", "10.0.0.0/24")]
    [InlineData("unknown subcommand", "dump-everything", "dump-everything")]
    public void Bad_command_line_is_a_parse_error_naming_the_field(string why, string expected, params string[] args)
    {
        var errors = OpteCli.Errors(args);
        Assert.True(errors.Contains(expected, StringComparison.Ordinal), $"{why}: expected '{expected}' in: {errors}");
    }

    [Theory]
    [InlineData("SNAT address without a range", "--snat-ipv4 needs --snat-start and --snat-end", "set-external-ips", "-p", "opte0", "--snat-ipv4", "198.51.100.5")]
    [InlineData("SNAT range backwards", "--snat-start 2000 is after --snat-end 1000", "set-external-ips", "-p", "opte0", "--snat-ipv4", "198.51.100.5", "--snat-start", "2000", "--snat-end", "1000")]
    [InlineData("nothing to set", "give IPv4 and/or IPv6 addresses", "set-external-ips", "-p", "opte0")]
    [InlineData("clear and set at once", "--clear-ipv4 cannot be combined", "set-external-ips", "-p", "opte0", "--clear-ipv4", "--ephemeral-ipv4", "198.51.100.9")]
    [InlineData("no IP family", "give --private-ipv4", "create-xde", "opte0", "--private-mac", "a8:40:25:00:00:01", "--vni", "1", "--src-underlay-addr", "fd00::1")]
    [InlineData("private IP without its subnet", "--private-ipv4 needs --vpc-subnet-ipv4", "create-xde", "opte0", "--private-mac", "a8:40:25:00:00:01", "--vni", "1", "--src-underlay-addr", "fd00::1", "--private-ipv4", "10.0.0.5")]
    [InlineData("IPv6 setting without IPv6", "--ephemeral-ipv6 is an IPv6 setting and needs --private-ipv6", "create-xde", "opte0", "--private-mac", "a8:40:25:00:00:01", "--vni", "1", "--src-underlay-addr", "fd00::1", "--private-ipv4", "10.0.0.5", "--vpc-subnet-ipv4", "10.0.0.0/24", "--ephemeral-ipv6", "2001:db8::1")]
    [InlineData("IPv6 attached subnet on an IPv4 port", "needs --private-ipv6", "create-xde", "opte0", "--private-mac", "a8:40:25:00:00:01", "--vni", "1", "--src-underlay-addr", "fd00::1", "--private-ipv4", "10.0.0.5", "--vpc-subnet-ipv4", "10.0.0.0/24", "--attached-subnet", "fd00:5::/64")]
    public void Inconsistent_options_are_a_usage_error_from_the_builder(string why, string expected, params string[] args)
    {
        // These parse (every value is well-formed) but do not make one request; CommandRunner maps the
        // ArgumentException to exit code 2 with the message.
        var error = Assert.Throws<ArgumentException>(() => OpteCli.Request(args));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{why}: expected '{expected}' in: {error.Message}");
        Assert.Null(error.ParamName);
    }

    [Theory]
    [InlineData("dir=in action=allow priority=10 port=0\n", "line 1: bad port '0': ")]
    [InlineData("# comment\ndir=in action=allow priority=10\ndir=in action=maybe priority=1\n", "line 3: bad action 'maybe'")]
    [InlineData("dir=out action=deny priority=70000\n", "line 1: bad priority '70000'")]
    [InlineData("dir=out action=deny priority=1 colour=blue\n", "line 1: bad colour 'blue': unknown field")]
    public void Set_fw_rules_names_the_line_field_and_value_of_a_bad_rule(string stdin, string expected)
    {
        var error = Assert.Throws<global::OpteAdm.Opte.OpteInputException>(() => OpteCli.Request(["set-fw-rules", "-p", "opte0"], stdin));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
