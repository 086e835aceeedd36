namespace OpteNic.Engine.Ports;

/// <summary>Lifecycle of a port (behaviour §1 Port).</summary>
public enum PortState : byte
{
    /// <summary>Built (or reset): configurable, not processing.</summary>
    Ready,
    /// <summary>Processing packets.</summary>
    Running,
    /// <summary>Not processing and no rule changes; dumps still work.</summary>
    Paused,
}
