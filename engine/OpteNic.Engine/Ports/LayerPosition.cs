namespace OpteNic.Engine.Ports;

/// <summary>Where <see cref="PortBuilder.AddLayer"/> puts a layer, in outbound order.</summary>
public readonly record struct LayerPosition(LayerPositionKind Kind, string? Other)
{
    /// <summary>Before every layer added so far.</summary>
    public static LayerPosition First => new(LayerPositionKind.First, null);

    /// <summary>After every layer added so far.</summary>
    public static LayerPosition Last => new(LayerPositionKind.Last, null);

    /// <summary>Immediately before the layer named <paramref name="layer"/>.</summary>
    public static LayerPosition Before(string layer) => new(LayerPositionKind.Before, layer);

    /// <summary>Immediately after the layer named <paramref name="layer"/>.</summary>
    public static LayerPosition After(string layer) => new(LayerPositionKind.After, layer);
}
