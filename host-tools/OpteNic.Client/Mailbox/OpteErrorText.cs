using OpteNic.Api;
using OpteNic.Api.Wire;

namespace OpteNic.Client.Mailbox;

/// <summary>Decodes the serialized <see cref="OpteError"/> a failing command wrote.</summary>
public static class OpteErrorText
{
    /// <summary>The decoded error, or null when the body is empty or does not decode.</summary>
    public static OpteError? TryDecode(ReadOnlySpan<byte> body) =>
        !body.IsEmpty && PostcardSerializer.TryDeserialize<OpteError>(body, out var error, out _) ? error : null;

    /// <summary>
    /// Decodes an error from the start of <paramref name="buffer"/> without requiring it to fill the buffer. Needed on
    /// ENOBUFS, where <c>resp_len_actual</c> carries the size the response needs, not the error body's length
    /// (datasheet §4.4); postcard values delimit themselves.
    /// </summary>
    public static OpteError? TryDecodePrefix(ReadOnlySpan<byte> buffer)
    {
        var reader = new PostcardReader(buffer);
        return !buffer.IsEmpty && reader.TryRead(out OpteError error) ? error : null;
    }

    /// <summary>The error in words; for a body that does not decode, says so (with its size) rather than hiding it.</summary>
    public static string? TryDescribe(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        return TryDecode(body) is { } error
            ? error.Message
            : $"the firmware's error body ({body.Length} bytes) does not decode as an OpteError";
    }
}
