namespace OpteAdm.Opte;

/// <summary>Input read by a subcommand (standard input, not the command line) is malformed; the message names the
/// line, field and value. Exit code <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class OpteInputException : Exception
{
    /// <summary>Creates the error.</summary>
    public OpteInputException(string message)
        : base(message)
    {
    }
}
