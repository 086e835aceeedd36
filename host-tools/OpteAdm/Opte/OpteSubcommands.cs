using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using OpteAdm.Opte.Commands;

namespace OpteAdm.Opte;

/// <summary>
/// Registers every OPTE subcommand (OPTE's opteadm names and arguments, plus the card's stats and info) and shell
/// completion on the root command: <c>OpteSubcommands.AddTo(root)</c>, one call from Program.cs.
/// </summary>
public static class OpteSubcommands
{
    /// <summary>Adds the OPTE subcommands and <c>completion</c> to <paramref name="root"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var command in Create().Append(CompletionCommand.Create()).Append(CompletionCommand.CreateCompleter()))
        {
            root.Subcommands.Add(command);
        }

        // Examples are printed after a command's help, so the root's command list stays one line per command.
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: SynchronousCommandLineAction help } helpOption
            && help is not ExamplesHelpAction)
        {
            helpOption.Action = new ExamplesHelpAction(help);
        }
    }

    /// <summary>A fresh instance of every OPTE subcommand, in OPTE's order of the command codes.</summary>
    internal static IEnumerable<OpteCommand> Create() =>
        PortCommands.All()
            .Concat(LayerCommands.All())
            .Concat(FirewallCommands.All())
            .Concat(MappingCommands.All())
            .Concat(RouterCommands.All())
            .Concat(ExternalCommands.All())
            .Concat(MulticastCommands.All())
            .Concat(CardCommands.All())
            .Concat(PortStateCommands.All());
}
