using System.Buffers.Binary;
using System.Text;

namespace OpteNic.Api.Wire;

/// <summary>
/// Encodes postcard 1.x into a caller-provided span. Writing never fails part-way: once the span is full the writer
/// keeps counting, so after the whole value <see cref="Fits"/> says whether it fit and <see cref="BytesRequired"/> is
/// the exact size needed, which the firmware returns as <c>RespTooLarge { needed }</c> with ENOBUFS.
/// A writer over an empty span is a pure size measurement.
/// </summary>
/// <remarks>
/// Encoding rules (postcard 1.x wire format): u8/i8/bool one byte; u16/u32/u64/usize unsigned LEB128 varint; signed
/// integers zigzag then varint; f32/f64 little-endian; strings and byte sequences varint length then bytes;
/// sequences and maps varint count then elements; enum varint discriminant then payload; Option 0 or 1 then value;
/// fixed arrays and structs/tuples their elements in order with no prefix; unit nothing.
/// </remarks>
public ref struct PostcardWriter
{
    private readonly Span<byte> _buffer;
    private long _length;

    /// <summary>Creates a writer that encodes into <paramref name="buffer"/> starting at offset 0.</summary>
    public PostcardWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    /// <summary>Bytes the encoding needs so far, whether or not they fit.</summary>
    public readonly long BytesRequired => _length;

    /// <summary>True while everything written so far fits the buffer.</summary>
    public readonly bool Fits => _length <= _buffer.Length;

    /// <summary>The encoded bytes; empty when the encoding did not fit.</summary>
    public readonly ReadOnlySpan<byte> Written => Fits ? _buffer[..(int)_length] : default;

    /// <summary>Reserves <paramref name="count"/> bytes; returns an empty span when they do not fit (counting only).</summary>
    private Span<byte> Reserve(int count)
    {
        long start = _length;
        _length += count;
        return _length <= _buffer.Length ? _buffer.Slice((int)start, count) : default;
    }

    /// <summary>Writes raw bytes with no prefix (fixed-size arrays such as <c>[u8; 6]</c>).</summary>
    public void WriteFixedBytes(scoped ReadOnlySpan<byte> bytes)
    {
        Span<byte> target = Reserve(bytes.Length);
        if (!target.IsEmpty)
        {
            bytes.CopyTo(target);
        }
    }

    /// <summary>Writes a u8 (one byte).</summary>
    public void WriteU8(byte value)
    {
        Span<byte> target = Reserve(1);
        if (!target.IsEmpty)
        {
            target[0] = value;
        }
    }

    /// <summary>Writes an i8 (one byte, two's complement; postcard does not zigzag i8).</summary>
    public void WriteI8(sbyte value) => WriteU8(unchecked((byte)value));

    /// <summary>Writes a bool as 0 or 1.</summary>
    public void WriteBool(bool value) => WriteU8(value ? (byte)1 : (byte)0);

    /// <summary>Writes an unsigned LEB128 varint (the encoding of u16, u32, u64 and usize).</summary>
    public void WriteVarint(ulong value)
    {
        Span<byte> scratch = stackalloc byte[10];
        int count = 0;
        while (value >= 0x80)
        {
            scratch[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        scratch[count++] = (byte)value;
        WriteFixedBytes(scratch[..count]);
    }

    /// <summary>Writes a u16 as a varint.</summary>
    public void WriteU16(ushort value) => WriteVarint(value);

    /// <summary>Writes a u32 as a varint.</summary>
    public void WriteU32(uint value) => WriteVarint(value);

    /// <summary>Writes a u64 as a varint.</summary>
    public void WriteU64(ulong value) => WriteVarint(value);

    /// <summary>Writes a usize (postcard encodes it as a u64 varint).</summary>
    public void WriteUsize(ulong value) => WriteVarint(value);

    /// <summary>Writes an i16 zigzag-encoded then as a varint.</summary>
    public void WriteI16(short value) => WriteVarint((ushort)((value << 1) ^ (value >> 15)));

    /// <summary>Writes an i32 zigzag-encoded then as a varint.</summary>
    public void WriteI32(int value) => WriteVarint(unchecked((uint)((value << 1) ^ (value >> 31))));

    /// <summary>Writes an i64 zigzag-encoded then as a varint.</summary>
    public void WriteI64(long value) => WriteVarint(unchecked((ulong)((value << 1) ^ (value >> 63))));

    /// <summary>Writes an f32 as 4 little-endian bytes.</summary>
    public void WriteF32(float value)
    {
        Span<byte> target = Reserve(4);
        if (!target.IsEmpty)
        {
            BinaryPrimitives.WriteSingleLittleEndian(target, value);
        }
    }

    /// <summary>Writes an f64 as 8 little-endian bytes.</summary>
    public void WriteF64(double value)
    {
        Span<byte> target = Reserve(8);
        if (!target.IsEmpty)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(target, value);
        }
    }

    /// <summary>Writes a byte sequence (<c>Vec&lt;u8&gt;</c>, <c>&amp;[u8]</c>, serde bytes): varint length then bytes.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        WriteVarint((ulong)bytes.Length);
        WriteFixedBytes(bytes);
    }

    /// <summary>Writes a string: varint UTF-8 byte length then the UTF-8 bytes.</summary>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)byteCount);
        Span<byte> target = Reserve(byteCount);
        if (!target.IsEmpty)
        {
            Encoding.UTF8.GetBytes(value, target);
        }
    }

    /// <summary>Writes a sequence or map element count (a usize varint).</summary>
    public void WriteLength(int count) => WriteVarint((ulong)count);

    /// <summary>Writes an enum discriminant (variant index in declaration order) as a varint.</summary>
    public void WriteVariant(uint discriminant) => WriteVarint(discriminant);

    /// <summary>Writes an Option tag: 0 for None, 1 for Some (the value follows).</summary>
    public void WriteOptionTag(bool isSome) => WriteU8(isSome ? (byte)1 : (byte)0);

    /// <summary>Writes a nested value.</summary>
    public void Write<T>(T value) where T : IPostcardSerializable<T> => value.Write(ref this);

    /// <summary>Writes an Option of a nested value.</summary>
    public void WriteOption<T>(T? value) where T : class, IPostcardSerializable<T>
    {
        WriteOptionTag(value is not null);
        value?.Write(ref this);
    }

    /// <summary>Writes an Option of a nested value type.</summary>
    public void WriteOption<T>(T? value) where T : struct, IPostcardSerializable<T>
    {
        WriteOptionTag(value.HasValue);
        if (value.HasValue)
        {
            value.GetValueOrDefault().Write(ref this);
        }
    }

    /// <summary>Writes an Option&lt;String&gt;.</summary>
    public void WriteOptionString(string? value)
    {
        WriteOptionTag(value is not null);
        if (value is not null)
        {
            WriteString(value);
        }
    }

    /// <summary>Writes a sequence (<c>Vec&lt;T&gt;</c>): count then each element.</summary>
    public void WriteSequence<T>(ValueArray<T> items) where T : IPostcardSerializable<T>
    {
        WriteLength(items.Count);
        foreach (T item in items.AsSpan())
        {
            item.Write(ref this);
        }
    }

    /// <summary>Writes a <c>Vec&lt;String&gt;</c>.</summary>
    public void WriteStringSequence(ValueArray<string> items)
    {
        WriteLength(items.Count);
        foreach (string item in items.AsSpan())
        {
            WriteString(item);
        }
    }

    /// <summary>
    /// Writes a UUID as the Rust <c>uuid</c> crate does in binary formats: a 16-byte byte string (length 0x10, then
    /// the RFC 9562 big-endian bytes).
    /// </summary>
    public void WriteUuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        WriteBytes(bytes);
    }

    /// <summary>Writes an <c>Option&lt;Vec&lt;T&gt;&gt;</c>.</summary>
    public void WriteOptionSequence<T>(ValueArray<T>? items) where T : IPostcardSerializable<T>
    {
        WriteOptionTag(items.HasValue);
        if (items is { } present)
        {
            WriteSequence(present);
        }
    }

    /// <summary>Writes an <c>Option&lt;u32&gt;</c>.</summary>
    public void WriteOptionU32(uint? value)
    {
        WriteOptionTag(value.HasValue);
        if (value is { } present)
        {
            WriteU32(present);
        }
    }

    /// <summary>Writes a <c>Vec&lt;Uuid&gt;</c> (or a set of them): count, then each as a 16-byte byte string.</summary>
    public void WriteUuidSequence(ValueArray<Guid> ids)
    {
        WriteLength(ids.Count);
        foreach (Guid id in ids.AsSpan())
        {
            WriteUuid(id);
        }
    }
}
