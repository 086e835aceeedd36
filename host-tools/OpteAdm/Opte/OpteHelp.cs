using System.CommandLine;
using System.Runtime.CompilerServices;

namespace OpteAdm.Opte;

/// <summary>
/// A subcommand's help: a one-line summary (what the root's command list shows) and examples (shown at the end of
/// <c>opteadm CMD --help</c> by <see cref="ExamplesHelpAction"/>). Examples are kept per command so the root's list
/// stays one line per command.
/// </summary>
/// <param name="Summary">What the command does, in one line.</param>
/// <param name="Examples">Complete command lines, each runnable as written.</param>
internal sealed record OpteHelp(string Summary, IReadOnlyList<string> Examples)
{
    private static readonly ConditionalWeakTable<Command, IReadOnlyList<string>> s_examples = new();

    /// <summary>A summary and its examples.</summary>
    public static OpteHelp Describe(string summary, params string[] examples) => new(summary, examples);

    /// <summary>Records <paramref name="help"/>'s examples for <paramref name="command"/>.</summary>
    public static void Attach(Command command, OpteHelp help) => s_examples.AddOrUpdate(command, help.Examples);

    /// <summary>The examples recorded for <paramref name="command"/> (none if it has none).</summary>
    public static IReadOnlyList<string> ExamplesOf(Command command) =>
        s_examples.TryGetValue(command, out var examples) ? examples : [];
}
