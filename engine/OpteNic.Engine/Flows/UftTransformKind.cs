namespace OpteNic.Engine.Flows;

/// <summary>How a UFT entry's transformations are stored and applied.</summary>
public enum UftTransformKind : byte
{
    /// <summary>No transformation (every layer passed the packet unchanged).</summary>
    Identity,
    /// <summary>Compiled: the per-layer transformations folded into one, applied in one pass.</summary>
    Compiled,
    /// <summary>Replayed: the per-layer list (kept because they do not fold into one, or a body transformation runs).</summary>
    List,
}
