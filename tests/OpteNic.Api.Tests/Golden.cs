using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests;

/// <summary>
/// The checks every golden vector gets: exact encoding, decoding back to an equal value, the needed size reported
/// when the buffer is one byte short, and every strict prefix of the encoding rejected (never thrown).
/// </summary>
internal static class Golden
{
    public static void Check<T>(T value, string hex) where T : IPostcardSerializable<T>
    {
        byte[] expected = Hex.Parse(hex);
        byte[] actual = PostcardSerializer.SerializeToArray(value);
        Assert.Equal(Hex.Format(expected), Hex.Format(actual));
        Assert.Equal(expected.Length, PostcardSerializer.Measure(value));

        Assert.True(PostcardSerializer.TryDeserialize<T>(expected, out T? decoded, out PostcardError error), error.ToString());
        Assert.Equal(value, decoded);

        if (expected.Length > 0)
        {
            var small = new byte[expected.Length - 1];
            PostcardWriteResult result = PostcardSerializer.Serialize(value, small);
            Assert.False(result.Fits);
            Assert.Equal(expected.Length, result.BytesRequired);
        }

        TruncationFails<T>(expected);
        TrailingByteFails<T>(expected);
    }

    /// <summary>Every strict prefix fails to decode with a recorded error.</summary>
    public static void TruncationFails<T>(byte[] encoding) where T : IPostcardSerializable<T>
    {
        for (int length = 0; length < encoding.Length; length++)
        {
            bool ok = PostcardSerializer.TryDeserialize<T>(encoding.AsSpan(0, length), out _, out PostcardError error);
            Assert.False(ok, $"prefix of {length} bytes decoded");
            Assert.True(error.IsError);
            Assert.InRange(error.Offset, 0, length);
        }
    }

    /// <summary>An extra byte after the value is rejected as trailing.</summary>
    public static void TrailingByteFails<T>(byte[] encoding) where T : IPostcardSerializable<T>
    {
        byte[] longer = [.. encoding, 0x00];
        Assert.False(PostcardSerializer.TryDeserialize<T>(longer, out _, out PostcardError error));
        Assert.Equal(PostcardErrorKind.TrailingBytes, error.Kind);
        Assert.Equal(encoding.Length, error.Offset);
    }
}
