using OpteNic.Packets;

namespace OpteNic.Vpc.State;

/// <summary>One flow that an import could not rebuild, with why.</summary>
public sealed record FlowRestoreError(InnerFlowId GuestFlow, FlowRestoreErrorKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{GuestFlow.Protocol} {GuestFlow.Src}:{GuestFlow.SrcPort} -> {GuestFlow.Dst}:{GuestFlow.DstPort}: {Kind}: {Message}";
}
