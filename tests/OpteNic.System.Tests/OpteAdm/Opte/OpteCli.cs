using System.CommandLine;
using global::OpteAdm;
using global::OpteAdm.Opte;
using OpteNic.Api.Commands;

namespace OpteNic.System.Tests.OpteAdm.Opte;

/// <summary>The opteadm command tree as Program.cs builds it (global options + the OPTE subcommands), parsed in-process.</summary>
internal static class OpteCli
{
    /// <summary>A root command like opteadm's.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("opteadm (test)")
        {
            GlobalOptions.Device,
            GlobalOptions.TimeoutMs,
            GlobalOptions.ApiVersionOverride,
        };
        OpteSubcommands.AddTo(root);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and asserts there were no errors.</summary>
    public static ParseResult ParseOk(params string[] args)
    {
        var parse = Root().Parse(args);
        Assert.True(parse.Errors.Count == 0, $"opteadm {string.Join(' ', args)}: unexpected errors: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        return parse;
    }

    /// <summary>The request the command line builds (standard input = <paramref name="stdin"/>).</summary>
    public static IOpteRequest Request(string[] args, string stdin = "")
    {
        var parse = ParseOk(args);
        var command = Assert.IsAssignableFrom<OpteCommand>(parse.CommandResult.Command);
        using var input = new StringReader(stdin);
        return command.BuildRequest(parse, input);
    }

    /// <summary>The parse errors of <paramref name="args"/> joined (asserts there is at least one).</summary>
    public static string Errors(params string[] args)
    {
        var parse = Root().Parse(args);
        Assert.True(parse.Errors.Count > 0, $"opteadm {string.Join(' ', args)} parsed without errors");
        return string.Join("; ", parse.Errors.Select(e => e.Message));
    }
}
