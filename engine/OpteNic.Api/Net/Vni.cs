using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// A Geneve virtual network identifier: 24 bits, validated on construction. Wire form: three bytes, big-endian, no
/// prefix (OPTE's <c>Vni { inner: [u8; 3] }</c>), so an out-of-range VNI cannot be encoded at all.
/// </summary>
public readonly record struct Vni : IPostcardSerializable<Vni>, IComparable<Vni>
{
    /// <summary>Largest VNI (2^24 − 1).</summary>
    public const uint MaxValue = 0xFF_FFFF;

    /// <summary>The VNI as a number.</summary>
    public uint Value { get; }

    /// <summary>Creates a VNI; throws when above <see cref="MaxValue"/> (use <see cref="TryCreate"/> for input).</summary>
    public Vni(uint value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        Value = value;
    }

    /// <summary>Creates a VNI from untrusted input.</summary>
    public static bool TryCreate(ulong value, out Vni vni)
    {
        vni = value <= MaxValue ? new Vni((uint)value) : default;
        return value <= MaxValue;
    }

    /// <summary>Parses a decimal VNI in range.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Vni vni)
    {
        vni = default;
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) &&
               TryCreate(value, out vni);
    }

    /// <inheritdoc/>
    public int CompareTo(Vni other) => Value.CompareTo(other.Value);

    /// <summary>Decimal form.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Span<byte> bytes = [(byte)(Value >> 16), (byte)(Value >> 8), (byte)Value];
        writer.WriteFixedBytes(bytes);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Vni value)
    {
        value = default;
        if (!reader.TryReadFixedBytes(3, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        value = new Vni(((uint)bytes[0] << 16) | ((uint)bytes[1] << 8) | bytes[2]);
        return true;
    }
}
