using System.CommandLine;
using OpteNic.Api.Commands;

namespace OpteAdm.Opte;

/// <summary>
/// An opteadm subcommand that sends one OPTE request. Its three steps are separate so each can be tested without a
/// card: <see cref="BuildRequest"/> (command line → request value), the call through the mailbox client
/// (<see cref="OpteCall"/>), and rendering the response (<see cref="Rendering.OpteText"/>, <see cref="Rendering.OpteJson"/>).
/// </summary>
internal abstract class OpteCommand : Command
{
    /// <summary>Creates the command.</summary>
    protected OpteCommand(string name, OpteHelp help)
        : base(name, help.Summary)
    {
        OpteHelp.Attach(this, help);
    }

    /// <summary>
    /// Builds the request from a parse without errors; <paramref name="input"/> is standard input (set-fw-rules reads
    /// its rules there). Throws <see cref="OpteInputException"/> when that input is malformed.
    /// </summary>
    public abstract IOpteRequest BuildRequest(ParseResult parse, TextReader input);
}
