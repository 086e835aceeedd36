using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An IPv6 prefix. Wire form: the address (16 bytes) then the prefix length as one byte (OPTE's
/// <c>Ipv6Cidr { ip, prefix_len: Ipv6PrefixLen(u8) }</c>); a length above 128 fails to decode. The address is kept as
/// given (host bits may be set); <see cref="Network"/> gives the masked form. Text form: <c>fd00::/64</c>.
/// </summary>
public readonly record struct Ipv6Cidr : IPostcardSerializable<Ipv6Cidr>
{
    /// <summary>Creates a prefix; throws when <paramref name="prefixLength"/> is above 128.</summary>
    public Ipv6Cidr(Ipv6Addr ip, byte prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, (byte)128);
        Ip = ip;
        PrefixLength = prefixLength;
    }

    /// <summary>The address part.</summary>
    public Ipv6Addr Ip { get; }

    /// <summary>Prefix length, 0..128.</summary>
    public byte PrefixLength { get; }

    /// <summary>The netmask as a 128-bit number.</summary>
    public UInt128 Mask => PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - PrefixLength);

    /// <summary>The prefix with host bits cleared.</summary>
    public Ipv6Cidr Network => new(new Ipv6Addr(Ip.Value & Mask), PrefixLength);

    /// <summary>True when <paramref name="address"/> lies inside this prefix.</summary>
    public bool Contains(Ipv6Addr address) => (address.Value & Mask) == (Ip.Value & Mask);

    /// <summary>Parses <c>addr/len</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv6Cidr cidr)
    {
        cidr = default;
        int slash = text.IndexOf('/');
        if (slash < 0 || !Ipv6Addr.TryParse(text[..slash], out Ipv6Addr ip) ||
            !byte.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out byte length) ||
            length > 128)
        {
            return false;
        }

        cidr = new Ipv6Cidr(ip, length);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static Ipv6Cidr Parse(string text) =>
        TryParse(text, out Ipv6Cidr cidr) ? cidr : throw new FormatException($"'{text}' is not an IPv6 CIDR");

    /// <summary><c>addr/len</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ip}/{PrefixLength}");

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ip.Write(ref writer);
        writer.WriteU8(PrefixLength);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ipv6Cidr value)
    {
        value = default;
        if (!reader.TryRead(out Ipv6Addr ip))
        {
            return false;
        }

        int lengthOffset = reader.Position;
        if (!reader.TryReadU8(out byte length))
        {
            return false;
        }

        if (length > 128)
        {
            return reader.Fail(PostcardErrorKind.InvalidValue, lengthOffset, "Ipv6Cidr prefix length above 128");
        }

        value = new Ipv6Cidr(ip, length);
        return true;
    }
}
