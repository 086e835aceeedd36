using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An IPv4 or IPv6 prefix. Wire form: enum <c>IpCidr { Ip4(Ipv4Cidr) = 0, Ip6(Ipv6Cidr) = 1 }</c>.
/// </summary>
public readonly record struct IpCidr : IPostcardSerializable<IpCidr>
{
    private readonly Ipv4Cidr _v4;
    private readonly Ipv6Cidr _v6;

    /// <summary>Wraps an IPv4 prefix.</summary>
    public IpCidr(Ipv4Cidr cidr)
    {
        IsIpv4 = true;
        _v4 = cidr;
    }

    /// <summary>Wraps an IPv6 prefix.</summary>
    public IpCidr(Ipv6Cidr cidr) => _v6 = cidr;

    /// <summary>True for variant <c>Ip4</c>.</summary>
    public bool IsIpv4 { get; }

    /// <summary>The IPv4 prefix; throws when this holds IPv6.</summary>
    public Ipv4Cidr Ipv4 => IsIpv4 ? _v4 : throw new InvalidOperationException("not an IPv4 CIDR");

    /// <summary>The IPv6 prefix; throws when this holds IPv4.</summary>
    public Ipv6Cidr Ipv6 => !IsIpv4 ? _v6 : throw new InvalidOperationException("not an IPv6 CIDR");

    /// <summary>Prefix length of either family.</summary>
    public byte PrefixLength => IsIpv4 ? _v4.PrefixLength : _v6.PrefixLength;

    /// <summary>Longest possible prefix of this family (32 or 128).</summary>
    public byte MaxPrefixLength => IsIpv4 ? (byte)32 : (byte)128;

    /// <summary>The address part of either family.</summary>
    public IpAddr Ip => IsIpv4 ? _v4.Ip : _v6.Ip;

    /// <summary>True when <paramref name="address"/> is of this family and inside the prefix.</summary>
    public bool Contains(IpAddr address) =>
        address.IsIpv4 == IsIpv4 && (IsIpv4 ? _v4.Contains(address.Ipv4) : _v6.Contains(address.Ipv6));

    /// <summary>Implicit widening from an IPv4 prefix.</summary>
    public static implicit operator IpCidr(Ipv4Cidr cidr) => new(cidr);

    /// <summary>Implicit widening from an IPv6 prefix.</summary>
    public static implicit operator IpCidr(Ipv6Cidr cidr) => new(cidr);

    /// <summary>Parses either family (<c>addr/len</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpCidr cidr)
    {
        if (Ipv4Cidr.TryParse(text, out Ipv4Cidr v4))
        {
            cidr = v4;
            return true;
        }

        bool ok = Ipv6Cidr.TryParse(text, out Ipv6Cidr v6);
        cidr = ok ? v6 : default;
        return ok;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static IpCidr Parse(string text) =>
        TryParse(text, out IpCidr cidr) ? cidr : throw new FormatException($"'{text}' is not a CIDR");

    /// <summary><c>addr/len</c>.</summary>
    public override string ToString() => IsIpv4 ? _v4.ToString() : _v6.ToString();

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteVariant(IsIpv4 ? 0u : 1u);
        if (IsIpv4)
        {
            _v4.Write(ref writer);
        }
        else
        {
            _v6.Write(ref writer);
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out IpCidr value)
    {
        value = default;
        int start = reader.Position;
        if (!reader.TryReadVariant(out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0 when reader.TryRead(out Ipv4Cidr v4):
                value = v4;
                return true;
            case 1 when reader.TryRead(out Ipv6Cidr v6):
                value = v6;
                return true;
            case 0 or 1:
                return false;
            default:
                return reader.FailDiscriminant(start, nameof(IpCidr));
        }
    }
}
