using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace OpteNic.Api.Wire;

/// <summary>
/// Decodes postcard 1.x from a span. Never throws on malformed input: every <c>Try*</c> returns false and records the
/// first failure in <see cref="Error"/> (kind, byte offset, context). After a failure every later call fails too,
/// so a decoder may check once at the end, though returning at the first false is cheaper.
/// </summary>
/// <remarks>
/// Varints are accepted up to their type's maximum length (3 bytes for u16, 5 for u32, 10 for u64/usize) and must
/// fit the type, as postcard's own decoder requires; non-minimal encodings (e.g. <c>80 00</c> for 0) are accepted,
/// as postcard accepts them. Length prefixes larger than the remaining input fail before anything is allocated.
/// </remarks>
public ref struct PostcardReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;
    private PostcardError _error;

    /// <summary>Creates a reader over <paramref name="source"/>.</summary>
    public PostcardReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
        _error = default;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _source.Length - _position;

    /// <summary>The first failure, or an error of kind <see cref="PostcardErrorKind.None"/>.</summary>
    public readonly PostcardError Error => _error;

    /// <summary>True after any failure.</summary>
    public readonly bool HasError => _error.Kind != PostcardErrorKind.None;

    /// <summary>Records a failure at <paramref name="offset"/> (the first one wins) and returns false.</summary>
    public bool Fail(PostcardErrorKind kind, int offset, string? context = null)
    {
        if (!HasError)
        {
            _error = new PostcardError(kind, offset, context);
        }

        return false;
    }

    /// <summary>Records a failure at the current position and returns false.</summary>
    public bool Fail(PostcardErrorKind kind, string? context = null) => Fail(kind, _position, context);

    /// <summary>Records an out-of-range enum discriminant for <paramref name="typeName"/> and returns false.</summary>
    public bool FailDiscriminant(int offset, string typeName) =>
        Fail(PostcardErrorKind.InvalidDiscriminant, offset, typeName);

    /// <summary>Fails with <see cref="PostcardErrorKind.TrailingBytes"/> unless all input was consumed.</summary>
    public bool TryExpectEnd() =>
        !HasError && (_position == _source.Length || Fail(PostcardErrorKind.TrailingBytes));

    /// <summary>Reads <paramref name="count"/> bytes with no prefix (fixed-size arrays).</summary>
    public bool TryReadFixedBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if (HasError || (uint)count > (uint)Remaining)
        {
            bytes = default;
            return Fail(PostcardErrorKind.UnexpectedEnd);
        }

        bytes = _source.Slice(_position, count);
        _position += count;
        return true;
    }

    /// <summary>Reads a u8.</summary>
    public bool TryReadU8(out byte value)
    {
        if (HasError || _position >= _source.Length)
        {
            value = 0;
            return Fail(PostcardErrorKind.UnexpectedEnd);
        }

        value = _source[_position++];
        return true;
    }

    /// <summary>Reads an i8 (one byte, two's complement).</summary>
    public bool TryReadI8(out sbyte value)
    {
        bool ok = TryReadU8(out byte raw);
        value = unchecked((sbyte)raw);
        return ok;
    }

    /// <summary>Reads a bool; any byte other than 0 or 1 fails with <see cref="PostcardErrorKind.InvalidBool"/>.</summary>
    public bool TryReadBool(out bool value)
    {
        int start = _position;
        value = false;
        if (!TryReadU8(out byte raw))
        {
            return false;
        }

        if (raw > 1)
        {
            return Fail(PostcardErrorKind.InvalidBool, start);
        }

        value = raw == 1;
        return true;
    }

    /// <summary>Reads an unsigned varint of at most <paramref name="maxBytes"/> bytes whose value is at most
    /// <paramref name="maxValue"/>.</summary>
    private bool TryReadVarint(int maxBytes, ulong maxValue, out ulong value)
    {
        value = 0;
        if (HasError)
        {
            return false;
        }

        int start = _position;
        for (int index = 0; index < maxBytes; index++)
        {
            if (_position >= _source.Length)
            {
                value = 0;
                return Fail(PostcardErrorKind.UnexpectedEnd, start);
            }

            byte current = _source[_position++];
            // The tenth byte of a u64 varint holds only bit 63; anything above it would be shifted out silently.
            if (index == 9 && (current & 0x7F) > 1)
            {
                value = 0;
                return Fail(PostcardErrorKind.VarintOutOfRange, start);
            }

            value |= (ulong)(current & 0x7F) << (7 * index);
            if ((current & 0x80) == 0)
            {
                if (value > maxValue)
                {
                    value = 0;
                    return Fail(PostcardErrorKind.VarintOutOfRange, start);
                }

                return true;
            }
        }

        value = 0;
        return Fail(PostcardErrorKind.VarintTooLong, start);
    }

    /// <summary>Reads a u16 varint (at most 3 bytes).</summary>
    public bool TryReadU16(out ushort value)
    {
        bool ok = TryReadVarint(3, ushort.MaxValue, out ulong raw);
        value = (ushort)raw;
        return ok;
    }

    /// <summary>Reads a u32 varint (at most 5 bytes).</summary>
    public bool TryReadU32(out uint value)
    {
        bool ok = TryReadVarint(5, uint.MaxValue, out ulong raw);
        value = (uint)raw;
        return ok;
    }

    /// <summary>Reads a u64 varint (at most 10 bytes).</summary>
    public bool TryReadU64(out ulong value) => TryReadVarint(10, ulong.MaxValue, out value);

    /// <summary>Reads a usize varint (encoded as u64).</summary>
    public bool TryReadUsize(out ulong value) => TryReadVarint(10, ulong.MaxValue, out value);

    /// <summary>Reads a zigzag i16.</summary>
    public bool TryReadI16(out short value)
    {
        bool ok = TryReadVarint(3, ushort.MaxValue, out ulong raw);
        value = (short)((short)(raw >> 1) ^ -(short)(raw & 1));
        return ok;
    }

    /// <summary>Reads a zigzag i32.</summary>
    public bool TryReadI32(out int value)
    {
        bool ok = TryReadVarint(5, uint.MaxValue, out ulong raw);
        uint zigzag = (uint)raw;
        value = (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
        return ok;
    }

    /// <summary>Reads a zigzag i64.</summary>
    public bool TryReadI64(out long value)
    {
        bool ok = TryReadVarint(10, ulong.MaxValue, out ulong raw);
        value = (long)(raw >> 1) ^ -(long)(raw & 1);
        return ok;
    }

    /// <summary>Reads a little-endian f32.</summary>
    public bool TryReadF32(out float value)
    {
        bool ok = TryReadFixedBytes(4, out ReadOnlySpan<byte> bytes);
        value = ok ? BinaryPrimitives.ReadSingleLittleEndian(bytes) : 0;
        return ok;
    }

    /// <summary>Reads a little-endian f64.</summary>
    public bool TryReadF64(out double value)
    {
        bool ok = TryReadFixedBytes(8, out ReadOnlySpan<byte> bytes);
        value = ok ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : 0;
        return ok;
    }

    /// <summary>
    /// Reads a sequence or map element count and checks that <paramref name="minimumElementBytes"/> bytes per element
    /// are left, so a lying count can never make a decoder allocate or loop far beyond the input.
    /// </summary>
    public bool TryReadLength(out int count, int minimumElementBytes = 1)
    {
        int start = _position;
        count = 0;
        if (!TryReadUsize(out ulong raw))
        {
            return false;
        }

        if (raw > (ulong)Remaining / (ulong)Math.Max(1, minimumElementBytes))
        {
            return Fail(PostcardErrorKind.LengthExceedsInput, start);
        }

        count = (int)raw;
        return true;
    }

    /// <summary>Reads a byte sequence (varint length then bytes) without copying.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        return TryReadLength(out int length) && TryReadFixedBytes(length, out bytes);
    }

    /// <summary>Reads a UTF-8 string; invalid UTF-8 fails with <see cref="PostcardErrorKind.InvalidUtf8"/>.</summary>
    public bool TryReadString(out string value)
    {
        value = string.Empty;
        if (!TryReadLength(out int length))
        {
            return false;
        }

        int start = _position;
        if (!TryReadFixedBytes(length, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        if (!Utf8.IsValid(bytes))
        {
            return Fail(PostcardErrorKind.InvalidUtf8, start);
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Reads an enum discriminant (u32 varint); the caller checks it against its variant count.</summary>
    public bool TryReadVariant(out uint discriminant) => TryReadU32(out discriminant);

    /// <summary>
    /// Reads an enum discriminant and checks it against <paramref name="variantCount"/>; an unknown variant fails
    /// with <see cref="PostcardErrorKind.InvalidDiscriminant"/> naming <paramref name="typeName"/>.
    /// </summary>
    public bool TryReadVariant(uint variantCount, string typeName, out uint discriminant)
    {
        int start = _position;
        if (!TryReadU32(out discriminant))
        {
            return false;
        }

        if (discriminant >= variantCount)
        {
            discriminant = 0;
            return FailDiscriminant(start, typeName);
        }

        return true;
    }

    /// <summary>Reads an Option tag; anything other than 0 or 1 fails with
    /// <see cref="PostcardErrorKind.InvalidOptionTag"/>.</summary>
    public bool TryReadOptionTag(out bool isSome)
    {
        int start = _position;
        isSome = false;
        if (!TryReadU8(out byte raw))
        {
            return false;
        }

        if (raw > 1)
        {
            return Fail(PostcardErrorKind.InvalidOptionTag, start);
        }

        isSome = raw == 1;
        return true;
    }

    /// <summary>Reads a nested value.</summary>
    public bool TryRead<T>(out T value) where T : IPostcardSerializable<T>
    {
        if (HasError)
        {
            value = default!;
            return false;
        }

        if (T.TryRead(ref this, out T? read))
        {
            value = read;
            return true;
        }

        value = default!;
        // A decoder that returned false without recording why would hide the cause; name the type instead.
        return Fail(PostcardErrorKind.InvalidValue, typeof(T).Name);
    }

    /// <summary>Reads an Option of a nested reference type.</summary>
    public bool TryReadOption<T>(out T? value) where T : class, IPostcardSerializable<T>
    {
        value = null;
        if (!TryReadOptionTag(out bool isSome))
        {
            return false;
        }

        if (!isSome)
        {
            return true;
        }

        bool ok = TryRead(out T read);
        value = ok ? read : null;
        return ok;
    }

    /// <summary>Reads an Option of a nested value type.</summary>
    public bool TryReadOptionValue<T>(out T? value) where T : struct, IPostcardSerializable<T>
    {
        value = null;
        if (!TryReadOptionTag(out bool isSome))
        {
            return false;
        }

        if (!isSome)
        {
            return true;
        }

        bool ok = TryRead(out T read);
        value = ok ? read : null;
        return ok;
    }

    /// <summary>Reads an Option&lt;String&gt;.</summary>
    public bool TryReadOptionString(out string? value)
    {
        value = null;
        if (!TryReadOptionTag(out bool isSome))
        {
            return false;
        }

        if (!isSome)
        {
            return true;
        }

        bool ok = TryReadString(out string read);
        value = ok ? read : null;
        return ok;
    }

    /// <summary>Reads a sequence (<c>Vec&lt;T&gt;</c>) whose elements take at least
    /// <paramref name="minimumElementBytes"/> bytes each.</summary>
    public bool TryReadSequence<T>(out ValueArray<T> items, int minimumElementBytes = 1)
        where T : IPostcardSerializable<T>
    {
        items = default;
        if (!TryReadLength(out int count, minimumElementBytes))
        {
            return false;
        }

        if (count == 0)
        {
            return true;
        }

        var buffer = new T[count];
        for (int index = 0; index < count; index++)
        {
            if (!TryRead(out buffer[index]))
            {
                return false;
            }
        }

        items = new ValueArray<T>(buffer);
        return true;
    }

    /// <summary>Reads a <c>Vec&lt;String&gt;</c>.</summary>
    public bool TryReadStringSequence(out ValueArray<string> items)
    {
        items = default;
        if (!TryReadLength(out int count))
        {
            return false;
        }

        if (count == 0)
        {
            return true;
        }

        var buffer = new string[count];
        for (int index = 0; index < count; index++)
        {
            if (!TryReadString(out buffer[index]))
            {
                return false;
            }
        }

        items = new ValueArray<string>(buffer);
        return true;
    }

    /// <summary>Reads a UUID written as a 16-byte byte string; any other length fails with
    /// <see cref="PostcardErrorKind.InvalidValue"/>.</summary>
    public bool TryReadUuid(out Guid value)
    {
        value = Guid.Empty;
        int start = _position;
        if (!TryReadBytes(out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        if (bytes.Length != 16)
        {
            return Fail(PostcardErrorKind.InvalidValue, start, "UUID must be 16 bytes");
        }

        value = new Guid(bytes, bigEndian: true);
        return true;
    }

    /// <summary>Reads an <c>Option&lt;Vec&lt;T&gt;&gt;</c>.</summary>
    public bool TryReadOptionSequence<T>(out ValueArray<T>? items, int minimumElementBytes = 1)
        where T : IPostcardSerializable<T>
    {
        items = null;
        if (!TryReadOptionTag(out bool isSome))
        {
            return false;
        }

        if (!isSome)
        {
            return true;
        }

        bool ok = TryReadSequence(out ValueArray<T> read, minimumElementBytes);
        items = ok ? read : null;
        return ok;
    }

    /// <summary>Reads an <c>Option&lt;u32&gt;</c>.</summary>
    public bool TryReadOptionU32(out uint? value)
    {
        value = null;
        if (!TryReadOptionTag(out bool isSome))
        {
            return false;
        }

        if (!isSome)
        {
            return true;
        }

        bool ok = TryReadU32(out uint read);
        value = ok ? read : null;
        return ok;
    }

    /// <summary>Reads a <c>Vec&lt;Uuid&gt;</c> (or a set of them).</summary>
    public bool TryReadUuidSequence(out ValueArray<Guid> ids)
    {
        ids = default;
        if (!TryReadLength(out int count, 17))
        {
            return false;
        }

        if (count == 0)
        {
            return true;
        }

        var buffer = new Guid[count];
        for (int index = 0; index < count; index++)
        {
            if (!TryReadUuid(out buffer[index]))
            {
                return false;
            }
        }

        ids = new ValueArray<Guid>(buffer);
        return true;
    }
}
