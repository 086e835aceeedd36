using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests;

/// <summary>
/// The checks every golden vector gets: exact encoding, decoding back to an equal value, the needed size reported
/// when the buffer is one byte short, and every strict prefix of the encoding rejected (never thrown).
/// </summary>
internal static class Golden
{
    public static void Check<T>(T value, string hex) where T : IPostcardSerializable<T> =>
        Check(value, hex, -1, default);

    /// <summary>
    /// As <see cref="Check{T}(T, string)"/> for a type whose card extension may be absent: the prefix of
    /// <paramref name="opteFormLength"/> bytes (OPTE's form) must decode to <paramref name="opteFormValue"/>; every
    /// other strict prefix must fail.
    /// </summary>
    public static void Check<T>(T value, string hex, int opteFormLength, T? opteFormValue) where T : IPostcardSerializable<T>
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

        TruncationFails(expected, opteFormLength, opteFormValue);
        TrailingByteFails<T>(expected);
    }

    /// <summary>Every strict prefix fails to decode with a recorded error.</summary>
    public static void TruncationFails<T>(byte[] encoding, int opteFormLength = -1, T? opteFormValue = default)
        where T : IPostcardSerializable<T>
    {
        for (int length = 0; length < encoding.Length; length++)
        {
            if (length == opteFormLength)
            {
                Assert.True(PostcardSerializer.TryDeserialize<T>(encoding.AsSpan(0, length), out T? shorter, out _));
                Assert.Equal(opteFormValue, shorter);
                continue;
            }

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
