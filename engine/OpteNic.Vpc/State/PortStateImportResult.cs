namespace OpteNic.Vpc.State;

/// <summary>What an import did: flows rebuilt and, per flow that was not, the reason.</summary>
public sealed record PortStateImportResult(int Restored, IReadOnlyList<FlowRestoreError> Errors);
