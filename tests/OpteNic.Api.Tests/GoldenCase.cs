using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests;

/// <summary>A golden vector for a table-driven theory: the value, its hand-derived bytes, and the type under test.</summary>
public abstract class GoldenCase
{
    public abstract Type Type { get; }

    public abstract void Run();

    public static GoldenCase Of<T>(T value, string hex) where T : IPostcardSerializable<T> =>
        new Typed<T>(value, hex, -1, default);

    /// <summary>A vector whose first <paramref name="opteFormLength"/> bytes are OPTE's form (the card extension
    /// absent) and decode to <paramref name="opteFormValue"/>.</summary>
    public static GoldenCase Extended<T>(T value, string hex, int opteFormLength, T opteFormValue)
        where T : IPostcardSerializable<T> => new Typed<T>(value, hex, opteFormLength, opteFormValue);

    public abstract object Value { get; }

    private sealed class Typed<T>(T value, string hex, int opteFormLength, T? opteFormValue) : GoldenCase
        where T : IPostcardSerializable<T>
    {
        public override Type Type => typeof(T);

        public override object Value => value;

        public override void Run() => Golden.Check(value, hex, opteFormLength, opteFormValue);

        public override string ToString() => $"{typeof(T).Name}: {hex}";
    }
}
