using System.CommandLine;
using System.CommandLine.Invocation;

namespace OpteAdm.Opte;

/// <summary>
/// The root's <c>--help</c> action, extended: after System.CommandLine's help for a command, prints that command's
/// examples (<see cref="OpteHelp.ExamplesOf"/>). Clears parse errors like the help it wraps, so
/// <c>opteadm dump-uft --help</c> works without the required <c>--port</c>.
/// </summary>
internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    private readonly SynchronousCommandLineAction _help;

    /// <summary>Wraps the built-in help action.</summary>
    public ExamplesHelpAction(SynchronousCommandLineAction help) => _help = help;

    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var result = _help.Invoke(parseResult);
        var examples = OpteHelp.ExamplesOf(parseResult.CommandResult.Command);
        if (examples.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        return result;
    }
}
