using OpteNic.Packets.Parsing;

namespace OpteNic.Engine;

/// <summary>
/// Result of <see cref="IPortDataPath.Process"/>: a value, never an exception. Drops carry their reason (and, for a
/// layer deny, the layer's name and why); errors carry what went wrong. Eight bytes with no object reference (the
/// layer is a <see cref="LayerNameRegistry"/> id), so the fast path returns it in one register.
/// </summary>
public readonly struct ProcessResult
{
    // All six fields packed in one integer (outcome in the low byte, then drop reason, the two-byte layer id, deny
    // reason, parse error, error kind): building a constant result is one register load, and it returns in one register.
    private readonly ulong _bits;

    /// <summary>A result with only an outcome.</summary>
    public ProcessResult(ProcessOutcome outcome) => _bits = (byte)outcome;

    private ProcessResult(ProcessOutcome outcome, DropReason drop, ushort layer, DenyReason deny, ParseError parse, ProcessError error) =>
        _bits = (byte)outcome | ((ulong)(byte)drop << 8) | ((ulong)layer << 16) | ((ulong)(byte)deny << 32) |
            ((ulong)(byte)parse << 40) | ((ulong)(byte)error << 48);

    /// <summary>What became of the packet.</summary>
    public ProcessOutcome Outcome => (ProcessOutcome)(byte)_bits;

    /// <summary>For <see cref="ProcessOutcome.Drop"/>: why.</summary>
    public DropReason DropReason => (DropReason)(byte)(_bits >> 8);

    /// <summary>For a layer drop: the layer's name (an existing string; nothing is allocated).</summary>
    public string? LayerName => LayerNameRegistry.NameOf(LayerId);

    /// <summary>For a layer drop: the layer's <see cref="LayerNameRegistry"/> id (<see cref="LayerNameRegistry.None"/> otherwise).</summary>
    public ushort LayerId => (ushort)(_bits >> 16);

    /// <summary>For a layer drop: action, default or rule.</summary>
    public DenyReason DenyReason => (DenyReason)(byte)(_bits >> 32);

    /// <summary>For a parse drop: the parser's reason.</summary>
    public ParseError ParseError => (ParseError)(byte)(_bits >> 40);

    /// <summary>For <see cref="ProcessOutcome.Error"/>: what went wrong.</summary>
    public ProcessError ErrorKind => (ProcessError)(byte)(_bits >> 48);

    /// <summary>Emit the (possibly transformed) packet.</summary>
    public static ProcessResult Modified => new(ProcessOutcome.Modified);

    /// <summary>A drop without a specific reason (kept for callers of the original contract).</summary>
    public static ProcessResult Drop => new(ProcessOutcome.Drop);

    /// <summary>The buffer now holds a reply to send back the way the packet came.</summary>
    public static ProcessResult Hairpin => new(ProcessOutcome.Hairpin);

    /// <summary>An error without a specific kind (kept for callers of the original contract).</summary>
    public static ProcessResult Error => new(ProcessOutcome.Error);

    /// <summary>A drop for <paramref name="reason"/>.</summary>
    public static ProcessResult Dropped(DropReason reason) => new(ProcessOutcome.Drop, reason, LayerNameRegistry.None, DenyReason.None, ParseError.None, ProcessError.None);

    /// <summary>A layer deny.</summary>
    public static ProcessResult DeniedBy(string layer, DenyReason reason) => DeniedBy(LayerNameRegistry.Register(layer), reason);

    /// <summary>A layer deny by the layer registered as <paramref name="layerId"/>.</summary>
    public static ProcessResult DeniedBy(ushort layerId, DenyReason reason) =>
        new(ProcessOutcome.Drop, DropReason.Layer, layerId, reason, ParseError.None, ProcessError.None);

    /// <summary>A parse drop.</summary>
    public static ProcessResult ParseDrop(ParseError reason) =>
        new(ProcessOutcome.Drop, DropReason.Parse, LayerNameRegistry.None, DenyReason.None, reason, ProcessError.None);

    /// <summary>A layer whose flow table was full.</summary>
    public static ProcessResult LayerFull(string layer) => LayerFull(LayerNameRegistry.Register(layer));

    /// <summary>A layer, registered as <paramref name="layerId"/>, whose flow table was full.</summary>
    public static ProcessResult LayerFull(ushort layerId) =>
        new(ProcessOutcome.Drop, DropReason.LayerFlowTableFull, layerId, DenyReason.None, ParseError.None, ProcessError.None);

    /// <summary>An error of kind <paramref name="error"/>.</summary>
    public static ProcessResult Failed(ProcessError error) =>
        new(ProcessOutcome.Error, DropReason.None, LayerNameRegistry.None, DenyReason.None, ParseError.None, error);

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
