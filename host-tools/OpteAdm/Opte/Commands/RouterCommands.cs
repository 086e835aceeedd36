using System.CommandLine;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte.Commands;

/// <summary>The router layer's table: add-router-entry, del-router-entry.</summary>
internal static class RouterCommands
{
    /// <summary>All commands of this group.</summary>
    public static IEnumerable<OpteCommand> All() => [AddRouterEntry(), DelRouterEntry()];

    /// <summary><c>add-router-entry -p PORT DEST TARGET [--class system|custom]</c>.</summary>
    public static OpteCommand AddRouterEntry()
    {
        var (port, dest, target, routerClass) = EntryArguments();
        return new OpteCommand<AddRouterEntryReq, NoResp>(
            "add-router-entry",
            OpteHelp.Describe("Add a route to a port's router layer (longest prefix first; custom wins ties). TARGET: drop, ig[=UUID], ip4=ADDR, ip6=ADDR, sub4=CIDR, sub6=CIDR",
                "opteadm add-router-entry -p opte0 0.0.0.0/0 ig",
                "opteadm add-router-entry -p opte0 172.30.0.0/22 sub4=172.30.0.0/22",
                "opteadm add-router-entry -p opte0 10.9.0.0/16 ip4=172.30.0.9 --class custom"),
            (parse, _) => new AddRouterEntryReq(parse.GetValue(port)!, parse.GetValue(dest), parse.GetValue(target)!, parse.GetValue(routerClass)))
        {
            port,
            dest,
            target,
            routerClass,
        };
    }

    /// <summary><c>del-router-entry -p PORT DEST TARGET [--class system|custom]</c>.</summary>
    public static OpteCommand DelRouterEntry()
    {
        var (port, dest, target, routerClass) = EntryArguments();
        return new OpteCommand<DelRouterEntryReq, DelRouterEntryResp>(
            "del-router-entry",
            OpteHelp.Describe("Delete a route from a port's router layer (destination, target and class must match)",
                "opteadm del-router-entry -p opte0 0.0.0.0/0 ig"),
            (parse, _) => new DelRouterEntryReq(parse.GetValue(port)!, parse.GetValue(dest), parse.GetValue(target)!, parse.GetValue(routerClass)))
        {
            NotFoundWhen = static (request, response) => response.Outcome == RemovalOutcome.NotFound
                ? $"port {request.PortName}: no {CliValues.Name(request.Class)} router entry {request.Dest} -> {request.Target}; dump-layer -p {request.PortName} router lists the entries"
                : null,
            Options = { port, routerClass },
            Arguments = { dest, target },
        };
    }

    private static (Option<string> Port, Argument<OpteNic.Api.Net.IpCidr> Dest, Argument<OpteNic.Api.Vpc.RouterTarget> Target, Option<OpteNic.Api.Vpc.RouterClass> Class) EntryArguments() =>
        (CliValues.PortOption(),
         CliValues.CidrArgument("DEST", "Destination prefix"),
         CliValues.RouterTargetArgument("TARGET", "drop, ig[=UUID], ip4=ADDR, ip6=ADDR, sub4=CIDR or sub6=CIDR"),
         CliValues.RouterClassOption());
}
