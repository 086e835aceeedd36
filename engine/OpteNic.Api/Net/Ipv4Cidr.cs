using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An IPv4 prefix. Wire form: the address (4 bytes) then the prefix length as one byte (OPTE's
/// <c>Ipv4Cidr { ip, prefix_len: Ipv4PrefixLen(u8) }</c>); a length above 32 fails to decode. The address is kept as
/// given (host bits may be set); <see cref="Network"/> gives the masked form. Text form: <c>10.0.0.0/24</c>.
/// </summary>
public readonly record struct Ipv4Cidr : IPostcardSerializable<Ipv4Cidr>
{
    /// <summary>Creates a prefix; throws when <paramref name="prefixLength"/> is above 32.</summary>
    public Ipv4Cidr(Ipv4Addr ip, byte prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, (byte)32);
        Ip = ip;
        PrefixLength = prefixLength;
    }

    /// <summary>The address part.</summary>
    public Ipv4Addr Ip { get; }

    /// <summary>Prefix length, 0..32.</summary>
    public byte PrefixLength { get; }

    /// <summary>The netmask as a host-order number.</summary>
    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    /// <summary>The prefix with host bits cleared.</summary>
    public Ipv4Cidr Network => new(new Ipv4Addr(Ip.Value & Mask), PrefixLength);

    /// <summary>True when <paramref name="address"/> lies inside this prefix.</summary>
    public bool Contains(Ipv4Addr address) => (address.Value & Mask) == (Ip.Value & Mask);

    /// <summary>Parses <c>a.b.c.d/len</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Cidr cidr)
    {
        cidr = default;
        int slash = text.IndexOf('/');
        if (slash < 0 || !Ipv4Addr.TryParse(text[..slash], out Ipv4Addr ip) ||
            !byte.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out byte length) ||
            length > 32)
        {
            return false;
        }

        cidr = new Ipv4Cidr(ip, length);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out Ipv4Cidr cidr) ? cidr : throw new FormatException($"'{text}' is not an IPv4 CIDR");

    /// <summary><c>a.b.c.d/len</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ip}/{PrefixLength}");

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ip.Write(ref writer);
        writer.WriteU8(PrefixLength);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ipv4Cidr value)
    {
        value = default;
        if (!reader.TryRead(out Ipv4Addr ip))
        {
            return false;
        }

        int lengthOffset = reader.Position;
        if (!reader.TryReadU8(out byte length))
        {
            return false;
        }

        if (length > 32)
        {
            return reader.Fail(PostcardErrorKind.InvalidValue, lengthOffset, "Ipv4Cidr prefix length above 32");
        }

        value = new Ipv4Cidr(ip, length);
        return true;
    }
}
