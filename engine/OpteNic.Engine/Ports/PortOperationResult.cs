namespace OpteNic.Engine.Ports;

/// <summary>Outcome of a control operation on a port (mapped by the network definition to OPTE's errors).</summary>
public enum PortOperationResult : byte
{
    /// <summary>Done.</summary>
    Ok,
    /// <summary>The port's state forbids this (e.g. rule changes while paused): OPTE's BadState.</summary>
    BadState,
    /// <summary>No layer has that name: OPTE's LayerNotFound.</summary>
    LayerNotFound,
    /// <summary>No rule has that id: OPTE's RuleNotFound.</summary>
    RuleNotFound,
}
