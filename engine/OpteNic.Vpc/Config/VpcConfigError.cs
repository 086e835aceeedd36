using OpteNic.Engine.Ports;

namespace OpteNic.Vpc.Config;

/// <summary>The first check a VPC port configuration failed, with a message naming the offending value.</summary>
public sealed record VpcConfigError(VpcConfigErrorKind Kind, string Message)
{
    /// <summary>
    /// For <see cref="VpcConfigErrorKind.EngineRefused"/>: the engine's answer (BadState for a paused port,
    /// LayerNotFound if a VPC layer were missing); <see cref="PortOperationResult.Ok"/> for every other kind.
    /// </summary>
    public PortOperationResult EngineResult { get; init; }

    public override string ToString() => $"{Kind}: {Message}";
}
