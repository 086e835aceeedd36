using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An IPv4 address. Wire form: four bytes in network order, no prefix (OPTE's <c>Ipv4Addr { inner: [u8; 4] }</c>).
/// Text form: dotted quad.
/// </summary>
public readonly record struct Ipv4Addr : IPostcardSerializable<Ipv4Addr>, IComparable<Ipv4Addr>
{
    /// <summary>Creates an address from its host-order value (a.b.c.d = a&lt;&lt;24 | b&lt;&lt;16 | c&lt;&lt;8 | d).</summary>
    public Ipv4Addr(uint value) => Value = value;

    /// <summary>The address as a host-order number.</summary>
    public uint Value { get; }

    /// <summary>0.0.0.0.</summary>
    public static Ipv4Addr Any => default;

    /// <summary>True for 224.0.0.0/4.</summary>
    public bool IsMulticast => (Value >> 28) == 0xE;

    /// <summary>Parses a dotted quad (only IPv4 text is accepted).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Addr address)
    {
        // Strict dotted quad: exactly four decimal parts 0..255 of 1-3 digits. IPAddress.TryParse would also accept
        // "1", hex parts and leading-zero octal, which a firewall rule or route must not silently reinterpret.
        address = default;
        uint value = 0;
        int part = 0;
        int index = 0;
        while (part < 4)
        {
            int start = index;
            uint octet = 0;
            while (index < text.Length && char.IsAsciiDigit(text[index]) && index - start < 3)
            {
                octet = (octet * 10) + (uint)(text[index] - '0');
                index++;
            }

            if (index == start || octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
            part++;
            if (part < 4)
            {
                if (index >= text.Length || text[index] != '.')
                {
                    return false;
                }

                index++;
            }
        }

        if (index != text.Length)
        {
            return false;
        }

        address = new Ipv4Addr(value);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static Ipv4Addr Parse(string text) =>
        TryParse(text, out Ipv4Addr address) ? address : throw new FormatException($"'{text}' is not an IPv4 address");

    /// <inheritdoc/>
    public int CompareTo(Ipv4Addr other) => Value.CompareTo(other.Value);

    /// <summary>Dotted-quad form.</summary>
    public override string ToString() =>
        $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}";

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, Value);
        writer.WriteFixedBytes(bytes);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ipv4Addr value)
    {
        value = default;
        if (!reader.TryReadFixedBytes(4, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        value = new Ipv4Addr(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes));
        return true;
    }
}
