using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Response of <see cref="OpteCmd.DumpVirt2Boundary"/>.
/// Wire form: <c>mappings</c> (V2bMapResp).
/// </summary>
/// <param name="Mappings">Every V2B mapping.</param>
public sealed record DumpVirt2BoundaryResp(
    V2bMapResp Mappings) : IPostcardSerializable<DumpVirt2BoundaryResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Mappings.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DumpVirt2BoundaryResp value)
    {
        value = null;
        if (!reader.TryRead(out V2bMapResp fMappings))
        {
            return false;
        }

        value = new DumpVirt2BoundaryResp(fMappings);
        return true;
    }
}
