using OpteNic.Engine.Layers;
using OpteNic.Engine.Metadata;

namespace OpteNic.Engine.Ports;

/// <summary>
/// Assembles a port: layers are placed (first, last, before X, after X) in outbound order, then
/// <see cref="Create"/> fixes the tables' sizes and preallocates everything.
/// </summary>
public sealed class PortBuilder
{
    private readonly List<Layer> _layers = [];

    /// <summary>Starts a port named <paramref name="name"/> sharing <paramref name="interner"/> (or a new one).</summary>
    public PortBuilder(string name, MetadataInterner? interner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Interner = interner ?? new MetadataInterner();
    }

    /// <summary>The port's name.</summary>
    public string Name { get; }

    /// <summary>Metadata ids shared by the port's layers and actions.</summary>
    public MetadataInterner Interner { get; }

    /// <summary>Layer names in outbound order so far.</summary>
    public IReadOnlyList<string> LayerNames => _layers.ConvertAll(l => l.Name);

    /// <summary>Places <paramref name="layer"/>. Throws on a duplicate name or an unknown reference layer (BadLayerPos).</summary>
    public PortBuilder AddLayer(Layer layer, LayerPosition position)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_layers.Exists(l => l.Name == layer.Name))
        {
            throw new ArgumentException($"a layer named '{layer.Name}' already exists", nameof(layer));
        }

        int index = position.Kind switch
        {
            LayerPositionKind.First => 0,
            LayerPositionKind.Last => _layers.Count,
            LayerPositionKind.Before => IndexOf(position.Other),
            LayerPositionKind.After => IndexOf(position.Other) + 1,
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
        _layers.Insert(index, layer);
        return this;
    }

    /// <summary>Creates the port in state Ready with <paramref name="options"/> (or defaults).</summary>
    public Port Create(PortOptions? options = null) => new(Name, [.. _layers], Interner, options ?? new PortOptions());

    /// <summary>Creates the port with the given UFT and TCP limits.</summary>
    public Port Create(int uftLimit, int tcpLimit) => Create(new PortOptions { UftLimit = uftLimit, TcpLimit = tcpLimit });

    private int IndexOf(string? name)
    {
        int index = _layers.FindIndex(l => l.Name == name);
        return index >= 0 ? index : throw new ArgumentException($"no layer named '{name}' to position against (BadLayerPos)", nameof(name));
    }
}
