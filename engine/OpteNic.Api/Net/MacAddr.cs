using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An Ethernet MAC address as carried in commands. Wire form: the six bytes in transmission order, no prefix
/// (OPTE's <c>MacAddr { inner: [u8; 6] }</c>). Text form: <c>a8:40:25:ff:77:77</c> (':' or '-' accepted on input).
/// </summary>
public readonly record struct MacAddr : IPostcardSerializable<MacAddr>
{
    /// <summary>The address in the low 48 bits, first wire byte most significant.</summary>
    public ulong Value { get; }

    /// <summary>Creates an address from its 48-bit value (upper 16 bits must be zero).</summary>
    public MacAddr(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 0xFFFF_FFFF_FFFFUL);
        Value = value;
    }

    /// <summary>Creates an address from its six wire bytes.</summary>
    public static MacAddr FromBytes(ReadOnlySpan<byte> bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(bytes.Length, 6);
        ulong value = 0;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }

        return new MacAddr(value);
    }

    /// <summary>Writes the six wire bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        for (int index = 0; index < 6; index++)
        {
            destination[index] = (byte)(Value >> (8 * (5 - index)));
        }
    }

    /// <summary>True when the group bit (I/G) is set.</summary>
    public bool IsMulticast => (Value & 0x0100_0000_0000UL) != 0;

    /// <summary>Parses <c>xx:xx:xx:xx:xx:xx</c> (or with '-').</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddr address)
    {
        address = default;
        if (text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (int index = 0; index < 6; index++)
        {
            if (index > 0 && text[(index * 3) - 1] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(text.Slice(index * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                    out byte part))
            {
                return false;
            }

            value = (value << 8) | part;
        }

        address = new MacAddr(value);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static MacAddr Parse(string text) =>
        TryParse(text, out MacAddr address) ? address : throw new FormatException($"'{text}' is not a MAC address");

    /// <summary>Lower-case colon-separated form.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[6];
        CopyTo(bytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}:{bytes[3]:x2}:{bytes[4]:x2}:{bytes[5]:x2}");
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Span<byte> bytes = stackalloc byte[6];
        CopyTo(bytes);
        writer.WriteFixedBytes(bytes);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out MacAddr value)
    {
        value = default;
        if (!reader.TryReadFixedBytes(6, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        value = FromBytes(bytes);
        return true;
    }
}
