using System.Runtime.CompilerServices;

namespace OpteNic.Packets.Transforms;

/// <summary>Inline storage for a compiled entry's precomputed outer header bytes (no array to allocate or chase).</summary>
[InlineArray(HeaderTransformer.MaxOuterLength)]
internal struct OuterHeaderTemplate
{
    private byte _element0;
}
