namespace OpteNic.Vpc.State;

/// <summary>A refused port state blob: the reason and a message naming the offending offset, record or field.</summary>
public sealed record PortStateError(PortStateErrorKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Kind}: {Message}";
}
