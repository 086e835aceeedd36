namespace OpteNic.Api.Wire;

/// <summary>
/// Why a postcard decode failed. Every malformed input maps to exactly one kind so the firmware can answer a precise
/// <c>DeserCmdReq</c> and a fuzzer can tell failures apart.
/// </summary>
public enum PostcardErrorKind : byte
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>The input ended inside a value.</summary>
    UnexpectedEnd,
    /// <summary>A varint carried more bytes than its type allows (3 for u16, 5 for u32, 10 for u64/usize).</summary>
    VarintTooLong,
    /// <summary>A varint's value does not fit its declared type (e.g. a u16 field holding 70000).</summary>
    VarintOutOfRange,
    /// <summary>A bool byte other than 0 or 1.</summary>
    InvalidBool,
    /// <summary>An Option tag other than 0 (None) or 1 (Some).</summary>
    InvalidOptionTag,
    /// <summary>An enum discriminant past the last declared variant.</summary>
    InvalidDiscriminant,
    /// <summary>A string whose bytes are not valid UTF-8.</summary>
    InvalidUtf8,
    /// <summary>A length prefix larger than the bytes left (so nothing is allocated for a lying prefix).</summary>
    LengthExceedsInput,
    /// <summary>A well-formed encoding of a value its type forbids (VNI above 2^24-1, prefix length above 32, ...).</summary>
    InvalidValue,
    /// <summary>Bytes were left over after the top-level value.</summary>
    TrailingBytes,
}
