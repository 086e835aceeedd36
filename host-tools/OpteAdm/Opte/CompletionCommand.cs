using System.CommandLine;

namespace OpteAdm.Opte;

/// <summary>
/// Shell completion. <c>opteadm completion bash</c> (or <c>zsh</c>) prints a script to source; the script asks
/// opteadm itself for candidates through the hidden <c>__complete POSITION LINE</c> command, which runs
/// System.CommandLine's completion over the real command tree (subcommands, options, and value lists such as
/// in/out, layer names, router classes). Nothing about the command set is duplicated in the script.
/// </summary>
internal static class CompletionCommand
{
    /// <summary>Name of the hidden command the scripts call.</summary>
    public const string CompleterName = "__complete";

    /// <summary><c>completion bash|zsh</c>.</summary>
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var help = OpteHelp.Describe("Print a shell completion script",
            "source <(opteadm completion bash)          # this shell",
            "opteadm completion bash > /etc/bash_completion.d/opteadm",
            "source <(opteadm completion zsh)");
        var command = new Command("completion", help.Summary)
        {
            shell,
        };
        OpteHelp.Attach(command, help);
        command.SetAction(parse =>
        {
            Console.Out.Write(Script(parse.GetValue(shell)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The hidden <c>__complete POSITION LINE</c>: prints one candidate per line.</summary>
    public static Command CreateCompleter()
    {
        var position = new Argument<int>("POSITION") { Description = "Cursor offset in LINE" };
        var line = new Argument<string>("LINE") { Description = "The command line typed so far, starting with the program name" };
        var command = new Command(CompleterName, "Print completion candidates (used by the completion scripts)")
        {
            position,
            line,
        };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var root = parse.RootCommandResult.Command;
            foreach (var candidate in Complete(root, parse.GetValue(line) ?? string.Empty, parse.GetValue(position)))
            {
                Console.Out.WriteLine(candidate);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Candidates for the word at <paramref name="position"/> of <paramref name="line"/> (which starts with the program
    /// name, as the shell gives it). Hidden commands are not offered.
    /// </summary>
    public static IReadOnlyList<string> Complete(Command root, string line, int position)
    {
        position = Math.Clamp(position, 0, line.Length);
        var text = line[..position];
        // Drop the program name (opteadm, ./opteadm, /usr/bin/opteadm): completion works on the arguments.
        var firstSpace = text.IndexOf(' ', StringComparison.Ordinal);
        var arguments = firstSpace < 0 ? string.Empty : text[(firstSpace + 1)..];
        var parse = root.Parse(arguments);
        return parse.GetCompletions(arguments.Length)
            .Select(c => c.Label)
            .Where(label => label != CompleterName)
            .ToList();
    }

    /// <summary>The completion script for <paramref name="shell"/>.</summary>
    public static string Script(string shell) => shell switch
    {
        "zsh" => """
            #compdef opteadm
            # zsh completion for opteadm: candidates come from 'opteadm __complete POSITION LINE'.
            _opteadm() {
              local -a candidates
              candidates=("${(@f)$(opteadm __complete "${#BUFFER[1,CURSOR]}" "$BUFFER" 2>/dev/null)}")
              compadd -a candidates
            }
            compdef _opteadm opteadm

            """,
        _ => """
            # bash completion for opteadm: candidates come from 'opteadm __complete POSITION LINE'.
            _opteadm() {
              local IFS=$'\n'
              local current="${COMP_WORDS[COMP_CWORD]}"
              COMPREPLY=($(compgen -W "$(opteadm __complete "$COMP_POINT" "$COMP_LINE" 2>/dev/null)" -- "$current"))
            }
            complete -o default -F _opteadm opteadm

            """,
    };
}
