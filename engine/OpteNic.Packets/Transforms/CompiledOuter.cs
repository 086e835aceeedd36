namespace OpteNic.Packets.Transforms;

/// <summary>What a <see cref="CompiledTransform"/> does to the outer headers.</summary>
public enum CompiledOuter : byte
{
    /// <summary>Outer headers untouched.</summary>
    None = 0,
    /// <summary>Push Ethernet + IP + UDP + Geneve from precomputed bytes (outbound encapsulation).</summary>
    PushAll = 1,
    /// <summary>Pop every outer header (inbound decapsulation).</summary>
    PopAll = 2,
}
