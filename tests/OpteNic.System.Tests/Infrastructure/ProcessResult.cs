namespace OpteNic.System.Tests.Infrastructure;

/// <summary>How a finished process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
