using System.Diagnostics.CodeAnalysis;

namespace OpteNic.Api.Wire;

/// <summary>
/// A type with a hand-written postcard encoding. Static abstract members keep (de)serialization free of reflection,
/// so the API stays NativeAOT- and trim-clean, and generic callers (<see cref="PostcardSerializer"/>) are specialised
/// by the JIT/AOT compiler without boxing.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IPostcardSerializable<TSelf> where TSelf : IPostcardSerializable<TSelf>
{
    /// <summary>Writes this value's fields in declaration order.</summary>
    void Write(ref PostcardWriter writer);

    /// <summary>Reads a value; on failure returns false and the reader holds the error. Never throws.</summary>
    static abstract bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out TSelf value);
}
