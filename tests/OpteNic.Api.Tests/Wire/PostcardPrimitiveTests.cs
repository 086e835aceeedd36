using System.Buffers;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Tests.Wire;

/// <summary>
/// Golden vectors for each postcard primitive, worked out by hand from the postcard 1.x wire specification:
/// varint = LEB128 (7 bits per byte, low group first, high bit = more follows); zigzag = (n &lt;&lt; 1) ^ (n &gt;&gt; 63).
/// </summary>
public class PostcardPrimitiveTests
{
    private delegate void WriteAction(ref PostcardWriter writer);

    private static string Encode(WriteAction write)
    {
        var buffer = new byte[64];
        var writer = new PostcardWriter(buffer);
        write(ref writer);
        Assert.True(writer.Fits);
        return Hex.Format(writer.Written);
    }

    [Theory]
    // 0..127 fit one byte unchanged.
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    // 128 = 0b1_0000000: low group 0 with continuation (80), then 1.
    [InlineData(128UL, "80 01")]
    // 300 = 0b10_0101100: low group 0x2C|0x80 = AC, then 0b10 = 02.
    [InlineData(300UL, "AC 02")]
    // 16384 = 2^14: two zero groups with continuation, then 1.
    [InlineData(16384UL, "80 80 01")]
    // u32::MAX: four full groups (FF) and the top 4 bits 0x0F.
    [InlineData(4294967295UL, "FF FF FF FF 0F")]
    // u64::MAX: nine full groups and bit 63 alone in the tenth byte.
    [InlineData(ulong.MaxValue, "FF FF FF FF FF FF FF FF FF 01")]
    public void Varint_u64_golden(ulong value, string hex)
    {
        Assert.Equal(hex, Encode((ref PostcardWriter w) => w.WriteU64(value)));
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.True(reader.TryReadU64(out ulong decoded));
        Assert.Equal(value, decoded);
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData((ushort)0, "00")]
    [InlineData((ushort)255, "FF 01")]
    // 65535 = 0x7F | 0x7F<<7 | 0x03<<14.
    [InlineData((ushort)65535, "FF FF 03")]
    public void Varint_u16_golden(ushort value, string hex)
    {
        Assert.Equal(hex, Encode((ref PostcardWriter w) => w.WriteU16(value)));
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.True(reader.TryReadU16(out ushort decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    // zigzag: 0→0, -1→1, 1→2, -2→3, 63→126, -64→127, 64→128.
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(1, "02")]
    [InlineData(-2, "03")]
    [InlineData(-64, "7F")]
    [InlineData(64, "80 01")]
    // i32::MAX → 0xFFFFFFFE; i32::MIN → 0xFFFFFFFF.
    [InlineData(int.MaxValue, "FE FF FF FF 0F")]
    [InlineData(int.MinValue, "FF FF FF FF 0F")]
    public void Zigzag_i32_golden(int value, string hex)
    {
        Assert.Equal(hex, Encode((ref PostcardWriter w) => w.WriteI32(value)));
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.True(reader.TryReadI32(out int decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData(-1L, "01")]
    // i64::MIN → zigzag u64::MAX; i64::MAX → u64::MAX − 1.
    [InlineData(long.MinValue, "FF FF FF FF FF FF FF FF FF 01")]
    [InlineData(long.MaxValue, "FE FF FF FF FF FF FF FF FF 01")]
    public void Zigzag_i64_golden(long value, string hex)
    {
        Assert.Equal(hex, Encode((ref PostcardWriter w) => w.WriteI64(value)));
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.True(reader.TryReadI64(out long decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData((short)-64, "7F")]
    [InlineData((short)64, "80 01")]
    // i16::MIN → zigzag 0xFFFF → FF FF 03.
    [InlineData(short.MinValue, "FF FF 03")]
    public void Zigzag_i16_golden(short value, string hex)
    {
        Assert.Equal(hex, Encode((ref PostcardWriter w) => w.WriteI16(value)));
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.True(reader.TryReadI16(out short decoded));
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Single_byte_types_are_not_varints()
    {
        // u8 and i8 are raw bytes (i8 two's complement, no zigzag); bool 0/1.
        Assert.Equal("FF", Encode((ref PostcardWriter w) => w.WriteU8(255)));
        Assert.Equal("FF", Encode((ref PostcardWriter w) => w.WriteI8(-1)));
        Assert.Equal("80", Encode((ref PostcardWriter w) => w.WriteI8(sbyte.MinValue)));
        Assert.Equal("01 00", Encode((ref PostcardWriter w) => { w.WriteBool(true); w.WriteBool(false); }));
    }

    [Fact]
    public void Floats_are_little_endian_ieee754()
    {
        // 1.0f = 0x3F800000; 1.0 = 0x3FF0000000000000; -2.5f = 0xC0200000.
        Assert.Equal("00 00 80 3F", Encode((ref PostcardWriter w) => w.WriteF32(1.0f)));
        Assert.Equal("00 00 20 C0", Encode((ref PostcardWriter w) => w.WriteF32(-2.5f)));
        Assert.Equal("00 00 00 00 00 00 F0 3F", Encode((ref PostcardWriter w) => w.WriteF64(1.0)));
        var reader = new PostcardReader(Hex.Parse("00 00 20 C0 00 00 00 00 00 00 F0 3F"));
        Assert.True(reader.TryReadF32(out float f));
        Assert.True(reader.TryReadF64(out double d));
        Assert.Equal(-2.5f, f);
        Assert.Equal(1.0, d);
    }

    [Fact]
    public void Strings_bytes_options_and_fixed_arrays()
    {
        // "hi": length 2 then 'h' 'i'. "é" is two UTF-8 bytes C3 A9, so the prefix counts bytes, not chars.
        Assert.Equal("02 68 69", Encode((ref PostcardWriter w) => w.WriteString("hi")));
        Assert.Equal("02 C3 A9", Encode((ref PostcardWriter w) => w.WriteString("é")));
        Assert.Equal("00", Encode((ref PostcardWriter w) => w.WriteString("")));
        Assert.Equal("03 01 02 03", Encode((ref PostcardWriter w) => w.WriteBytes([1, 2, 3])));
        // [u8; 3] has no length prefix.
        Assert.Equal("01 02 03", Encode((ref PostcardWriter w) => w.WriteFixedBytes([1, 2, 3])));
        // None = 00; Some(5u16) = 01 05; Some("x") = 01 01 78.
        Assert.Equal("00", Encode((ref PostcardWriter w) => w.WriteOptionString(null)));
        Assert.Equal("01 01 78", Encode((ref PostcardWriter w) => w.WriteOptionString("x")));
        // Enum variant 130: varint 82 01.
        Assert.Equal("82 01", Encode((ref PostcardWriter w) => w.WriteVariant(130)));

        var reader = new PostcardReader(Hex.Parse("02 C3 A9 03 01 02 03 01 01 78 00"));
        Assert.True(reader.TryReadString(out string text));
        Assert.Equal("é", text);
        Assert.True(reader.TryReadBytes(out ReadOnlySpan<byte> bytes));
        Assert.Equal([1, 2, 3], bytes.ToArray());
        Assert.True(reader.TryReadOptionString(out string? some));
        Assert.Equal("x", some);
        Assert.True(reader.TryReadOptionString(out string? none));
        Assert.Null(none);
        Assert.True(reader.TryExpectEnd());
    }

    [Fact]
    public void Writer_counts_the_needed_size_when_the_buffer_is_too_small()
    {
        var buffer = new byte[3];
        var writer = new PostcardWriter(buffer);
        writer.WriteString("hello");        // 1 + 5 bytes: does not fit
        writer.WriteU64(ulong.MaxValue);    // 10 more
        Assert.False(writer.Fits);
        Assert.Equal(16, writer.BytesRequired);
        Assert.True(writer.Written.IsEmpty);
    }

    [Fact]
    public void Writer_over_an_empty_span_measures()
    {
        var writer = new PostcardWriter(default);
        writer.WriteU16(300);
        Assert.Equal(2, writer.BytesRequired);
    }

    [Fact]
    public void Buffer_writer_output_matches_span_output()
    {
        var output = new ArrayBufferWriter<byte>();
        PostcardSerializer.Serialize<OpteError>(new OpteError.PortNotFound("opte0"), output);
        Assert.Equal("11 05 6F 70 74 65 30", Hex.Format(output.WrittenSpan));
    }

    [Theory]
    // Six bytes for a u32 (max 5): too long.
    [InlineData("80 80 80 80 80 00", PostcardErrorKind.VarintTooLong)]
    // Five bytes but the value needs 33+ bits (top byte 0x1F > 0x0F).
    [InlineData("FF FF FF FF 1F", PostcardErrorKind.VarintOutOfRange)]
    // Ends inside the varint.
    [InlineData("FF FF", PostcardErrorKind.UnexpectedEnd)]
    [InlineData("", PostcardErrorKind.UnexpectedEnd)]
    public void Malformed_u32_varints_fail_with_precise_errors(string hex, PostcardErrorKind kind)
    {
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.False(reader.TryReadU32(out _));
        Assert.Equal(kind, reader.Error.Kind);
        Assert.Equal(0, reader.Error.Offset);
    }

    [Theory]
    [InlineData("FF FF 04", PostcardErrorKind.VarintOutOfRange)]   // 0x4FFFF > u16::MAX
    [InlineData("80 80 80 00", PostcardErrorKind.VarintTooLong)]   // 4 bytes for a u16 (max 3)
    public void Malformed_u16_varints_fail(string hex, PostcardErrorKind kind)
    {
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.False(reader.TryReadU16(out _));
        Assert.Equal(kind, reader.Error.Kind);
    }

    [Theory]
    // The tenth byte of a u64 may only hold bit 63.
    [InlineData("FF FF FF FF FF FF FF FF FF 02", PostcardErrorKind.VarintOutOfRange)]
    [InlineData("FF FF FF FF FF FF FF FF FF 81 00", PostcardErrorKind.VarintTooLong)]
    [InlineData("80 80 80 80 80 80 80 80 80 80 00", PostcardErrorKind.VarintTooLong)]
    public void Malformed_u64_varints_fail(string hex, PostcardErrorKind kind)
    {
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.False(reader.TryReadU64(out _));
        Assert.Equal(kind, reader.Error.Kind);
    }

    [Fact]
    public void Non_minimal_varints_are_accepted_as_postcard_does()
    {
        var reader = new PostcardReader(Hex.Parse("80 00"));
        Assert.True(reader.TryReadU32(out uint value));
        Assert.Equal(0u, value);
    }

    [Theory]
    // Invalid UTF-8: C3 must be followed by a continuation byte; 28 is '('.
    [InlineData("02 C3 28", PostcardErrorKind.InvalidUtf8, 1)]
    // Lone surrogate encoded in UTF-8 (ED A0 80) is not valid UTF-8.
    [InlineData("03 ED A0 80", PostcardErrorKind.InvalidUtf8, 1)]
    // Length 5 but only one byte follows: refused before reading.
    [InlineData("05 61", PostcardErrorKind.LengthExceedsInput, 0)]
    // A huge length (u64::MAX) must not allocate.
    [InlineData("FF FF FF FF FF FF FF FF FF 01", PostcardErrorKind.LengthExceedsInput, 0)]
    public void Malformed_strings_fail(string hex, PostcardErrorKind kind, int offset)
    {
        var reader = new PostcardReader(Hex.Parse(hex));
        Assert.False(reader.TryReadString(out _));
        Assert.Equal(kind, reader.Error.Kind);
        Assert.Equal(offset, reader.Error.Offset);
    }

    [Fact]
    public void Bad_bool_and_option_tags_fail()
    {
        var reader = new PostcardReader([0x02]);
        Assert.False(reader.TryReadBool(out _));
        Assert.Equal(PostcardErrorKind.InvalidBool, reader.Error.Kind);

        reader = new PostcardReader([0x02, 0x00]);
        Assert.False(reader.TryReadOptionString(out _));
        Assert.Equal(PostcardErrorKind.InvalidOptionTag, reader.Error.Kind);
    }

    [Fact]
    public void First_error_sticks_and_later_reads_fail()
    {
        var reader = new PostcardReader([0x05, 0x01, 0x01]);
        Assert.False(reader.TryReadString(out _));
        Assert.False(reader.TryReadU8(out _));
        Assert.Equal(PostcardErrorKind.LengthExceedsInput, reader.Error.Kind);
        Assert.Equal(0, reader.Error.Offset);
    }
}
