using System.Runtime.CompilerServices;

namespace OpteNic.Packets.Transforms;

/// <summary>
/// Inline storage for a compiled entry's precomputed outer header bytes (no array to allocate or chase). The stack is
/// stored right-aligned, so a push can copy the whole fixed-size block (a few vector moves, no length-dependent
/// memmove) to end exactly where the inner frame begins.
/// </summary>
[InlineArray(CompiledTransform.MaxOuterLength)]
internal struct OuterHeaderTemplate
{
    private byte _element0;
}
