using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace OpteNic.Packets;

/// <summary>
/// A 48-bit Ethernet address held in the low 48 bits of a <see cref="ulong"/> (first wire byte most significant), so
/// comparing, hashing and copying cost one register operation on the data path.
/// </summary>
public readonly struct MacAddress : IEquatable<MacAddress>
{
    private const ulong Mask = 0xFFFF_FFFF_FFFF;

    private readonly ulong _value;

    /// <summary>Wraps a 48-bit value; bits above 48 are discarded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MacAddress(ulong value) => _value = value & Mask;

    /// <summary>00:00:00:00:00:00, also what encapsulation leaves in outer MACs for the underlay port to fill.</summary>
    public static MacAddress Zero => default;

    /// <summary>FF:FF:FF:FF:FF:FF.</summary>
    public static MacAddress Broadcast => new(Mask);

    /// <summary>The address as a 48-bit number, first wire byte most significant.</summary>
    public ulong Value => _value;

    /// <summary>The group (multicast) bit: least significant bit of the first byte. Broadcast is multicast too.</summary>
    public bool IsMulticast => (_value & 0x0100_0000_0000) != 0;

    /// <summary>True for FF:FF:FF:FF:FF:FF.</summary>
    public bool IsBroadcast => _value == Mask;

    /// <summary>Reads six bytes in wire order; <paramref name="source"/> must hold at least six.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> source)
    {
        uint high = BinaryPrimitives.ReadUInt32BigEndian(source);
        ushort low = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(4));
        return new MacAddress(((ulong)high << 16) | low);
    }

    /// <summary>Writes six bytes in wire order.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(4), (ushort)_value);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(_value >> 16));
    }

    /// <summary>Parses "aa:bb:cc:dd:ee:ff" (or with '-'); for configuration and tests, not the data path.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress address)
    {
        address = default;
        if (text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (int i = 0; i < 6; i++)
        {
            if (i > 0 && text[(i * 3) - 1] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(text.Slice(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte octet))
            {
                return false;
            }

            value = (value << 8) | octet;
        }

        address = new MacAddress(value);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws on bad text (configuration only).</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out MacAddress address) ? address : throw new FormatException($"not a MAC address: '{text}'");

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>Lower-case colon form, e.g. a8:40:25:ff:77:77.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[6];
        WriteTo(bytes);
        return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}:{bytes[3]:x2}:{bytes[4]:x2}:{bytes[5]:x2}");
    }

    public static bool operator ==(MacAddress left, MacAddress right) => left._value == right._value;

    public static bool operator !=(MacAddress left, MacAddress right) => left._value != right._value;
}
