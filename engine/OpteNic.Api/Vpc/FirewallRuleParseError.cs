namespace OpteNic.Api.Vpc;

/// <summary>
/// Why a firewall rule's text did not parse: the field (<c>dir</c>, <c>action</c>, <c>priority</c>, <c>hosts</c>,
/// <c>protocol</c>, <c>port</c>, or the unknown key), the offending text, and the reason. <see cref="Line"/> is the
/// 1-based line for multi-rule input (0 for a single rule).
/// </summary>
public sealed record FirewallRuleParseError(string Field, string Value, string Reason, int Line = 0)
{
    /// <summary>e.g. <c>line 3: bad port '0': port 0 is invalid</c>.</summary>
    public override string ToString() =>
        (Line > 0 ? $"line {Line}: " : string.Empty) + $"bad {Field} '{Value}': {Reason}";
}
