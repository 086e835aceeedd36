using OpteNic.Packets.Parsing;

namespace OpteNic.Engine;

/// <summary>
/// Result of <see cref="IPortDataPath.Process"/>: a value, never an exception. Drops carry their reason (and, for a
/// layer deny, the layer's name and why); errors carry what went wrong.
/// </summary>
public readonly struct ProcessResult
{
    /// <summary>A result with only an outcome.</summary>
    public ProcessResult(ProcessOutcome outcome) => Outcome = outcome;

    private ProcessResult(ProcessOutcome outcome, DropReason drop, string? layer, DenyReason deny, ParseError parse, ProcessError error)
    {
        Outcome = outcome;
        DropReason = drop;
        LayerName = layer;
        DenyReason = deny;
        ParseError = parse;
        ErrorKind = error;
    }

    /// <summary>What became of the packet.</summary>
    public ProcessOutcome Outcome { get; }

    /// <summary>For <see cref="ProcessOutcome.Drop"/>: why.</summary>
    public DropReason DropReason { get; }

    /// <summary>For a layer drop: the layer's name (an existing string; nothing is allocated).</summary>
    public string? LayerName { get; }

    /// <summary>For a layer drop: action, default or rule.</summary>
    public DenyReason DenyReason { get; }

    /// <summary>For a parse drop: the parser's reason.</summary>
    public ParseError ParseError { get; }

    /// <summary>For <see cref="ProcessOutcome.Error"/>: what went wrong.</summary>
    public ProcessError ErrorKind { get; }

    /// <summary>Emit the (possibly transformed) packet.</summary>
    public static ProcessResult Modified => new(ProcessOutcome.Modified);

    /// <summary>A drop without a specific reason (kept for callers of the original contract).</summary>
    public static ProcessResult Drop => new(ProcessOutcome.Drop);

    /// <summary>The buffer now holds a reply to send back the way the packet came.</summary>
    public static ProcessResult Hairpin => new(ProcessOutcome.Hairpin);

    /// <summary>An error without a specific kind (kept for callers of the original contract).</summary>
    public static ProcessResult Error => new(ProcessOutcome.Error);

    /// <summary>A drop for <paramref name="reason"/>.</summary>
    public static ProcessResult Dropped(DropReason reason) => new(ProcessOutcome.Drop, reason, null, DenyReason.None, ParseError.None, ProcessError.None);

    /// <summary>A layer deny.</summary>
    public static ProcessResult DeniedBy(string layer, DenyReason reason) =>
        new(ProcessOutcome.Drop, DropReason.Layer, layer, reason, ParseError.None, ProcessError.None);

    /// <summary>A parse drop.</summary>
    public static ProcessResult ParseDrop(ParseError reason) =>
        new(ProcessOutcome.Drop, DropReason.Parse, null, DenyReason.None, reason, ProcessError.None);

    /// <summary>A layer whose flow table was full.</summary>
    public static ProcessResult LayerFull(string layer) =>
        new(ProcessOutcome.Drop, DropReason.LayerFlowTableFull, layer, DenyReason.None, ParseError.None, ProcessError.None);

    /// <summary>An error of kind <paramref name="error"/>.</summary>
    public static ProcessResult Failed(ProcessError error) =>
        new(ProcessOutcome.Error, DropReason.None, null, DenyReason.None, ParseError.None, error);

    /// <inheritdoc/>
    public override string ToString() => Outcome switch
    {
        ProcessOutcome.Drop when DropReason == DropReason.Layer => $"Drop(layer {LayerName}: {DenyReason})",
        ProcessOutcome.Drop when DropReason == DropReason.Parse => $"Drop(parse: {ParseError})",
        ProcessOutcome.Drop when DropReason == DropReason.LayerFlowTableFull => $"Drop(lft full: {LayerName})",
        ProcessOutcome.Drop => $"Drop({DropReason})",
        ProcessOutcome.Error => $"Error({ErrorKind})",
        _ => Outcome.ToString(),
    };
}
