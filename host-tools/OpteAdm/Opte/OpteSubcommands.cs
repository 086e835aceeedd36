using System.CommandLine;
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
        foreach (var command in Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(CompletionCommand.Create());
        root.Subcommands.Add(CompletionCommand.CreateCompleter());
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
            .Concat(CardCommands.All());
}
