using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An IPv6 address. Wire form: sixteen bytes in network order, no prefix (OPTE's <c>Ipv6Addr { inner: [u8; 16] }</c>).
/// Text form: RFC 5952 (compressed, lower case).
/// </summary>
public readonly record struct Ipv6Addr : IPostcardSerializable<Ipv6Addr>, IComparable<Ipv6Addr>
{
    /// <summary>Creates an address from its 128-bit value (first wire byte most significant).</summary>
    public Ipv6Addr(UInt128 value) => Value = value;

    /// <summary>The address as a 128-bit big-endian number.</summary>
    public UInt128 Value { get; }

    /// <summary>The unspecified address (::).</summary>
    public static Ipv6Addr Any => default;

    /// <summary>True for ff00::/8.</summary>
    public bool IsMulticast => (Value >> 120) == 0xFF;

    /// <summary>Creates an address from its sixteen wire bytes.</summary>
    public static Ipv6Addr FromBytes(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128BigEndian(bytes));

    /// <summary>Writes the sixteen wire bytes.</summary>
    public void CopyTo(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, Value);

    /// <summary>Parses IPv6 text (IPv4 dotted quads are rejected; zone ids are rejected).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv6Addr address)
    {
        address = default;
        if (text.IndexOf(':') < 0 || text.IndexOf('%') >= 0 || !IPAddress.TryParse(text, out IPAddress? parsed) ||
            parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        parsed.TryWriteBytes(bytes, out _);
        address = FromBytes(bytes);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static Ipv6Addr Parse(string text) =>
        TryParse(text, out Ipv6Addr address) ? address : throw new FormatException($"'{text}' is not an IPv6 address");

    /// <inheritdoc/>
    public int CompareTo(Ipv6Addr other) => Value.CompareTo(other.Value);

    /// <summary>RFC 5952 form.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        CopyTo(bytes);
        return new IPAddress(bytes).ToString();
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Span<byte> bytes = stackalloc byte[16];
        CopyTo(bytes);
        writer.WriteFixedBytes(bytes);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ipv6Addr value)
    {
        value = default;
        if (!reader.TryReadFixedBytes(16, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        value = FromBytes(bytes);
        return true;
    }
}
