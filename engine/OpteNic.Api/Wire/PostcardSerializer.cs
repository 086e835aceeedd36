using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace OpteNic.Api.Wire;

/// <summary>
/// Whole-value entry points over <see cref="PostcardWriter"/> and <see cref="PostcardReader"/>: encode into a span
/// (with the needed size when it does not fit), into an <see cref="IBufferWriter{T}"/>, or to an array; decode a
/// whole buffer, rejecting trailing bytes.
/// </summary>
public static class PostcardSerializer
{
    /// <summary>
    /// Encodes <paramref name="value"/> into <paramref name="destination"/>. When it does not fit, nothing useful is
    /// written, <see cref="PostcardWriteResult.Fits"/> is false and <see cref="PostcardWriteResult.BytesRequired"/> is
    /// the size to ask for (what the firmware reports as <c>RespTooLarge { needed }</c>).
    /// </summary>
    public static PostcardWriteResult Serialize<T>(T value, Span<byte> destination) where T : IPostcardSerializable<T>
    {
        var writer = new PostcardWriter(destination);
        value.Write(ref writer);
        return new PostcardWriteResult(writer.BytesRequired, writer.Fits);
    }

    /// <summary>Size of <paramref name="value"/>'s encoding, without writing it.</summary>
    public static long Measure<T>(T value) where T : IPostcardSerializable<T>
    {
        var writer = new PostcardWriter(default);
        value.Write(ref writer);
        return writer.BytesRequired;
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="output"/> (measures first, then writes once).</summary>
    public static void Serialize<T>(T value, IBufferWriter<byte> output) where T : IPostcardSerializable<T>
    {
        int size = checked((int)Measure(value));
        Span<byte> target = output.GetSpan(size)[..size];
        var writer = new PostcardWriter(target);
        value.Write(ref writer);
        output.Advance(size);
    }

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    public static byte[] SerializeToArray<T>(T value) where T : IPostcardSerializable<T>
    {
        var result = new byte[checked((int)Measure(value))];
        var writer = new PostcardWriter(result);
        value.Write(ref writer);
        return result;
    }

    /// <summary>
    /// Decodes one value that must span all of <paramref name="source"/>. Never throws: on failure returns false with
    /// the precise <paramref name="error"/>.
    /// </summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> source, [MaybeNullWhen(false)] out T value,
        out PostcardError error) where T : IPostcardSerializable<T>
    {
        var reader = new PostcardReader(source);
        if (reader.TryRead(out T read) && reader.TryExpectEnd())
        {
            value = read;
            error = default;
            return true;
        }

        value = default;
        error = reader.Error;
        return false;
    }
}
