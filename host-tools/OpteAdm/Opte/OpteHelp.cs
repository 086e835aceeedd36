namespace OpteAdm.Opte;

/// <summary>Builds subcommand descriptions: one line saying what it does, then examples (shown by <c>--help</c>).</summary>
internal static class OpteHelp
{
    /// <summary><paramref name="summary"/>, a blank line, then "Examples:" and each example indented.</summary>
    public static string Describe(string summary, params string[] examples) =>
        examples.Length == 0
            ? summary
            : summary + Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine +
              string.Join(Environment.NewLine, examples.Select(e => "  " + e));
}
