namespace OpteNic.Engine.Ports;

/// <summary>Kinds of <see cref="LayerPosition"/>.</summary>
public enum LayerPositionKind : byte
{
    /// <summary>At the front.</summary>
    First,
    /// <summary>At the back.</summary>
    Last,
    /// <summary>Before a named layer.</summary>
    Before,
    /// <summary>After a named layer.</summary>
    After,
}
