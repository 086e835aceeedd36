using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace OpteNic.Api.Vpc;

/// <summary>
/// The firewall rule text grammar used by <c>opteadm add-fw-rule</c> and <c>set-fw-rules</c> (one rule per line on
/// stdin):
/// <code>
/// dir=in|out action=allow|deny priority=N [hosts=any|ip=ADDR|subnet=CIDR|vni=N] [protocol=P] [port=any|a,b,...]
/// </code>
/// Fields are separated by whitespace, in any order, each at most once; keywords are case-insensitive. <c>dir</c>,
/// <c>action</c> and <c>priority</c> (0..65535) are required; hosts, protocol and port default to any. The host
/// selector may also be written without the <c>hosts=</c> key (<c>ip=…</c>, <c>subnet=…</c>, <c>vni=…</c>).
/// Protocol: <c>any</c>, <c>arp</c>, <c>tcp</c>, <c>udp</c>, <c>icmp[:TYPE[,CODE|,FIRST-LAST]]</c>,
/// <c>icmp6[:…]</c> or a protocol number. Ports match TCP/UDP destination ports; port 0 is invalid, and ports with
/// arp/icmp/icmp6 are rejected. Multi-rule input skips
/// blank lines and lines starting with '#'.
/// </summary>
public static class FirewallRuleText
{
    /// <summary>Parses one rule.</summary>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out FirewallRule rule,
        [MaybeNullWhen(true)] out FirewallRuleParseError error)
    {
        rule = null;
        Direction? direction = null;
        FirewallAction? action = null;
        ushort? priority = null;
        FirewallAddress? hosts = null;
        ProtocolFilter? protocol = null;
        Ports? ports = null;

        foreach (string token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = new FirewallRuleParseError("field", token, "expected key=value");
                return false;
            }

            string key = token[..equals].ToLowerInvariant();
            string value = token[(equals + 1)..];
            string? duplicate = key switch
            {
                "dir" when direction.HasValue => key,
                "action" when action.HasValue => key,
                "priority" when priority.HasValue => key,
                "hosts" or "ip" or "subnet" or "vni" when hosts is not null => "hosts",
                "protocol" when protocol is not null => key,
                "port" when ports is not null => key,
                _ => null,
            };
            if (duplicate is not null)
            {
                error = new FirewallRuleParseError(duplicate, value, "given more than once");
                return false;
            }

            switch (key)
            {
                case "dir":
                    direction = value.ToLowerInvariant() switch
                    {
                        "in" => Direction.In,
                        "out" => Direction.Out,
                        _ => null,
                    };
                    if (direction is null)
                    {
                        error = new FirewallRuleParseError("dir", value, "expected in or out");
                        return false;
                    }

                    break;
                case "action":
                    action = value.ToLowerInvariant() switch
                    {
                        "allow" => FirewallAction.Allow,
                        "deny" => FirewallAction.Deny,
                        _ => null,
                    };
                    if (action is null)
                    {
                        error = new FirewallRuleParseError("action", value, "expected allow or deny");
                        return false;
                    }

                    break;
                case "priority":
                    if (!ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort parsed))
                    {
                        error = new FirewallRuleParseError("priority", value, "expected a number 0..65535");
                        return false;
                    }

                    priority = parsed;
                    break;
                case "hosts" or "ip" or "subnet" or "vni":
                    string hostText = key == "hosts" ? value : token;
                    if (!FirewallAddress.TryParse(hostText, out hosts))
                    {
                        error = new FirewallRuleParseError("hosts", hostText,
                            "expected any, ip=ADDR, subnet=CIDR or vni=0..16777215");
                        return false;
                    }

                    break;
                case "protocol":
                    if (!ProtocolFilter.TryParse(value, out protocol))
                    {
                        error = new FirewallRuleParseError("protocol", value,
                            "expected any, arp, tcp, udp, icmp[:TYPE[,CODES]], icmp6[:TYPE[,CODES]] or 0..255");
                        return false;
                    }

                    break;
                case "port":
                    if (!Ports.TryParse(value, out ports, out string portError))
                    {
                        error = new FirewallRuleParseError("port", value, portError);
                        return false;
                    }

                    break;
                default:
                    error = new FirewallRuleParseError(key, value,
                        "unknown field (expected dir, action, priority, hosts, protocol, port)");
                    return false;
            }
        }

        string? missing = direction is null ? "dir" : action is null ? "action" : priority is null ? "priority" : null;
        if (missing is not null)
        {
            error = new FirewallRuleParseError(missing, string.Empty, "required field missing");
            return false;
        }

        ports ??= new Ports.Any();
        protocol ??= new ProtocolFilter.Any();
        if (ports is Ports.PortList && protocol is ProtocolFilter.Arp or ProtocolFilter.Icmp or ProtocolFilter.Icmp6)
        {
            error = new FirewallRuleParseError("port", ports.ToString(), $"protocol {protocol} has no ports");
            return false;
        }

        rule = new FirewallRule(direction!.Value, new Filters(hosts ?? new FirewallAddress.Any(), protocol, ports),
            action!.Value, priority!.Value);
        error = null;
        return true;
    }

    /// <summary>Parses several rules, one per line (blank lines and '#' comments skipped); the error names the line.</summary>
    public static bool TryParseMany(string text, out ValueArray<FirewallRule> rules,
        [MaybeNullWhen(true)] out FirewallRuleParseError error)
    {
        var parsed = new List<FirewallRule>();
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (!TryParse(line, out FirewallRule? rule, out FirewallRuleParseError? lineError))
            {
                rules = default;
                error = lineError with { Line = index + 1 };
                return false;
            }

            parsed.Add(rule);
        }

        rules = ValueArray<FirewallRule>.From(parsed);
        error = null;
        return true;
    }

    /// <summary>Canonical text: every field present, lower case, in grammar order. Parses back to an equal rule.</summary>
    public static string Format(FirewallRule rule)
    {
        var text = new StringBuilder();
        text.Append("dir=").Append(rule.Direction == Direction.In ? "in" : "out")
            .Append(" action=").Append(rule.Action == FirewallAction.Allow ? "allow" : "deny")
            .Append(CultureInfo.InvariantCulture, $" priority={rule.Priority}")
            .Append(" hosts=").Append(rule.Filters.Hosts)
            .Append(" protocol=").Append(rule.Filters.Protocol)
            .Append(" port=").Append(rule.Filters.Ports);
        return text.ToString();
    }
}
