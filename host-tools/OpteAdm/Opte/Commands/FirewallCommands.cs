using System.CommandLine;
using System.CommandLine.Parsing;
using OpteNic.Api;
using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;

namespace OpteAdm.Opte.Commands;

/// <summary>
/// Firewall rules: add-fw-rule, rm-fw-rule, set-fw-rules. Rules are written in the firewall text grammar
/// (<see cref="FirewallRuleText"/>): <c>dir=in|out action=allow|deny priority=N [hosts=…] [protocol=…] [port=…]</c>.
/// add-fw-rule also takes the same fields as options (<c>--direction --action --priority --hosts --protocol
/// --ports</c>); both forms go through the one grammar, so they accept and reject exactly the same rules.
/// </summary>
internal static class FirewallCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() => [AddFwRule(), RmFwRule(), SetFwRules()];

    /// <summary><c>add-fw-rule -p PORT (RULE… | --direction … --action … --priority … [--hosts] [--protocol] [--ports])</c>.</summary>
    public static OpteCommand AddFwRule()
    {
        var port = CliValues.PortOption();
        var rule = new Argument<string[]>("RULE")
        {
            Description = "The rule in the text grammar: dir=in|out action=allow|deny priority=N [hosts=any|ip=ADDR|subnet=CIDR|vni=N] [protocol=any|arp|tcp|udp|icmp[:T[,C]]|icmp6[:T[,C]]|N] [port=any|A,B,…]",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var direction = new Option<string?>("--direction", "--dir") { Description = "in or out", HelpName = "in|out" };
        direction.CompletionSources.Add("in", "out");
        var action = new Option<string?>("--action") { Description = "allow (stateful) or deny", HelpName = "allow|deny" };
        action.CompletionSources.Add("allow", "deny");
        var priority = new Option<string?>("--priority") { Description = "0..65535, lower runs first", HelpName = "N" };
        var hosts = new Option<string?>("--hosts") { Description = "any, ip=ADDR, subnet=CIDR or vni=N (source for in, destination for out)", HelpName = "HOSTS" };
        var protocol = new Option<string?>("--protocol") { Description = "any, arp, tcp, udp, icmp[:TYPE[,CODES]], icmp6[:…] or a number", HelpName = "PROTO" };
        protocol.CompletionSources.Add("any", "arp", "tcp", "udp", "icmp", "icmp6");
        var ports = new Option<string?>("--ports") { Description = "any or a comma-separated list of destination ports 1..65535", HelpName = "PORTS" };

        Option<string?>[] fieldOptions = [direction, action, priority, hosts, protocol, ports];
        string[] grammarKeys = ["dir", "action", "priority", "hosts", "protocol", "port"];

        // The option form is turned into grammar text, so both forms share one parser and one set of messages.
        string RuleText(string[]? words, Func<Option<string?>, string?> valueOf) =>
            words is { Length: > 0 }
                ? string.Join(' ', words)
                : string.Join(' ', fieldOptions.Select((o, i) => valueOf(o) is { } v ? $"{grammarKeys[i]}={v}" : null).OfType<string>());

        var command = new OpteCommand<AddFwRuleReq, NoResp>(
            "add-fw-rule",
            OpteHelp.Describe("Add one firewall rule to a port; existing flows keep their state",
                "opteadm add-fw-rule -p opte0 dir=in action=allow priority=10 protocol=tcp port=22",
                "opteadm add-fw-rule -p opte0 --direction in --action allow --priority 10 --protocol tcp --ports 80,443",
                "opteadm add-fw-rule -p opte0 dir=out action=deny priority=5 hosts=subnet=10.1.0.0/16"),
            (parse, _) => new AddFwRuleReq(parse.GetValue(port)!, ParseRule(RuleText(parse.GetValue(rule), parse.GetValue)).Rule))
        {
            port,
            rule,
        };
        foreach (var option in fieldOptions)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var words = result.GetValue(rule) ?? [];
            var anyOption = fieldOptions.Any(o => result.GetResult(o) is not null);
            if (words.Length > 0 && anyOption)
            {
                result.AddError("add-fw-rule: give the rule either as RULE text or as --direction/--action/… options, not both");
                return;
            }

            var parsed = ParseRule(RuleText(words, result.GetValue));
            if (parsed.Error is { } error)
            {
                result.AddError($"add-fw-rule: {error}");
            }
        });
        return command;
    }

    /// <summary><c>rm-fw-rule -p PORT DIRECTION ID</c>.</summary>
    public static OpteCommand RmFwRule()
    {
        var port = CliValues.PortOption();
        var direction = CliValues.DirectionArgument("DIRECTION", "Which rule table: in or out");
        var id = CliValues.RuleIdArgument("ID", "The rule id, as dump-layer shows it");
        return new OpteCommand<RemFwRuleReq, NoResp>(
            "rm-fw-rule",
            OpteHelp.Describe("Remove one firewall rule by direction and id (ids come from dump-layer -p PORT firewall)",
                "opteadm rm-fw-rule -p opte0 in 3"),
            (parse, _) => new RemFwRuleReq(parse.GetValue(port)!, parse.GetValue(direction), parse.GetValue(id)))
        {
            port,
            direction,
            id,
        };
    }

    /// <summary><c>set-fw-rules -p PORT &lt; RULES</c>.</summary>
    public static OpteCommand SetFwRules()
    {
        var port = CliValues.PortOption();
        return new OpteCommand<SetFwRulesReq, NoResp>(
            "set-fw-rules",
            OpteHelp.Describe("Replace every firewall rule of a port with the rules read from standard input, one per line in the text grammar (blank lines and # comments skipped; no rules = deny all inbound). Clears the firewall's flow tables",
                "printf 'dir=in action=allow priority=10 protocol=tcp port=22\\ndir=out action=allow priority=65535\\n' | opteadm set-fw-rules -p opte0",
                "opteadm set-fw-rules -p opte0 < rules.txt"),
            (parse, input) => new SetFwRulesReq(parse.GetValue(port)!, ParseRules(input.ReadToEnd())))
        {
            port,
        };
    }

    /// <summary>Parses rules, one per line; throws <see cref="OpteInputException"/> naming the line, field and value.</summary>
    public static ValueArray<FirewallRule> ParseRules(string text) =>
        FirewallRuleText.TryParseMany(text, out var rules, out var error)
            ? rules
            : throw new OpteInputException($"standard input: {error}");

    private static (FirewallRule Rule, FirewallRuleParseError? Error) ParseRule(string text) =>
        FirewallRuleText.TryParse(text, out var rule, out var error) ? (rule, null) : (null!, error);
}
