using OpteNic.Packets;

namespace OpteNic.Engine.Rules;

/// <summary>
/// An IPv4 or IPv6 prefix over <see cref="IpAddr"/> (IPv4 held IPv4-mapped), so matching is two masked compares.
/// An exact address is a full-length prefix. <see cref="Length"/> counts bits of the family (0–32 or 0–128).
/// </summary>
public readonly record struct IpPrefix
{
    /// <summary>Creates a prefix; host bits of <paramref name="address"/> are cleared.</summary>
    public IpPrefix(IpAddr address, int length)
    {
        IsIpv4 = address.IsIpv4;
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, IsIpv4 ? 32u : 128u, nameof(length));
        Length = (byte)length;
        (MaskHigh, MaskLow) = MaskOf(IsIpv4, length);
        Address = new IpAddr(address.High & MaskHigh, address.Low & MaskLow);
    }

    /// <summary>True for an IPv4 prefix.</summary>
    public bool IsIpv4 { get; }

    /// <summary>The network address (host bits cleared).</summary>
    public IpAddr Address { get; }

    /// <summary>Prefix length in bits of the family.</summary>
    public byte Length { get; }

    /// <summary>Mask over <see cref="IpAddr.High"/>.</summary>
    public ulong MaskHigh { get; }

    /// <summary>Mask over <see cref="IpAddr.Low"/>.</summary>
    public ulong MaskLow { get; }

    /// <summary>A single address (full-length prefix).</summary>
    public static IpPrefix Exact(IpAddr address) => new(address, address.IsIpv4 ? 32 : 128);

    /// <summary>Parses <c>10.0.0.0/24</c>, <c>fd00::/64</c> or a bare address. Control path only.</summary>
    public static IpPrefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        IpAddr address = IpAddr.Parse(slash < 0 ? text : text[..slash]);
        return slash < 0 ? Exact(address) : new IpPrefix(address, int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Masks over (High, Low) for a prefix of <paramref name="length"/> family bits. IPv4 masks include the 96-bit
    /// IPv4-mapped prefix, so an IPv4 prefix never matches an IPv6 address.
    /// </summary>
    public static (ulong High, ulong Low) MaskOf(bool ipv4, int length)
    {
        int bits = ipv4 ? length + 96 : length;
        if (bits <= 0)
        {
            return (0, 0);
        }

        if (bits <= 64)
        {
            return (ulong.MaxValue << (64 - bits), 0);
        }

        return (ulong.MaxValue, bits >= 128 ? ulong.MaxValue : ulong.MaxValue << (128 - bits));
    }

    /// <summary>True when <paramref name="address"/> lies inside this prefix (same family).</summary>
    public bool Contains(IpAddr address) =>
        address.IsIpv4 == IsIpv4 && (address.High & MaskHigh) == Address.High && (address.Low & MaskLow) == Address.Low;

    /// <inheritdoc/>
    public override string ToString() => $"{Address}/{Length}";
}
