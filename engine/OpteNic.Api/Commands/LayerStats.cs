using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// The counters of one layer.
/// Wire form: <c>layer</c> (String), <c>counters</c> (Vec&lt;StatCounter&gt;).
/// </summary>
/// <param name="Layer">Layer name.</param>
/// <param name="Counters">Its counters.</param>
public sealed record LayerStats(
    string Layer,
    ValueArray<StatCounter> Counters) : IPostcardSerializable<LayerStats>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(Layer);
        writer.WriteSequence(Counters);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out LayerStats value)
    {
        value = null;
        if (!reader.TryReadString(out string fLayer) ||
            !reader.TryReadSequence(out ValueArray<StatCounter> fCounters, 2))
        {
            return false;
        }

        value = new LayerStats(fLayer, fCounters);
        return true;
    }
}
