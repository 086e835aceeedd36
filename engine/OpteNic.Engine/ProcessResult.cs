namespace OpteNic.Engine;

/// <summary>Result of <see cref="IPortDataPath.Process"/>: a value, never an exception.</summary>
public readonly struct ProcessResult
{
    public ProcessResult(ProcessOutcome outcome) => Outcome = outcome;

    public ProcessOutcome Outcome { get; }

    public static ProcessResult Modified => new(ProcessOutcome.Modified);
    public static ProcessResult Drop => new(ProcessOutcome.Drop);
    public static ProcessResult Hairpin => new(ProcessOutcome.Hairpin);
    public static ProcessResult Error => new(ProcessOutcome.Error);
}
