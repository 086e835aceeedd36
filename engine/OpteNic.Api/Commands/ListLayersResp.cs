using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.ListLayers"/>: layers in outbound order.
/// Wire form: <c>layers</c> (Vec&lt;LayerDesc&gt;).
/// </summary>
/// <param name="Layers">One row per layer.</param>
public sealed record ListLayersResp(
    ValueArray<LayerDesc> Layers) : IPostcardSerializable<ListLayersResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Layers);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ListLayersResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<LayerDesc> fLayers, 6))
        {
            return false;
        }

        value = new ListLayersResp(fLayers);
        return true;
    }
}
