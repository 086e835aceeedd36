using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Net;

/// <summary>
/// An IPv4 or IPv6 address. Wire form: enum <c>IpAddr { Ip4(Ipv4Addr) = 0, Ip6(Ipv6Addr) = 1 }</c>, i.e. a
/// discriminant byte then 4 or 16 address bytes.
/// </summary>
public readonly record struct IpAddr : IPostcardSerializable<IpAddr>, IComparable<IpAddr>
{
    private readonly Ipv6Addr _v6;
    private readonly Ipv4Addr _v4;

    /// <summary>Wraps an IPv4 address.</summary>
    public IpAddr(Ipv4Addr address)
    {
        IsIpv4 = true;
        _v4 = address;
    }

    /// <summary>Wraps an IPv6 address.</summary>
    public IpAddr(Ipv6Addr address) => _v6 = address;

    /// <summary>True when this holds an IPv4 address (variant <c>Ip4</c>).</summary>
    public bool IsIpv4 { get; }

    /// <summary>The IPv4 address; throws when this holds IPv6.</summary>
    public Ipv4Addr Ipv4 => IsIpv4 ? _v4 : throw new InvalidOperationException("not an IPv4 address");

    /// <summary>The IPv6 address; throws when this holds IPv4.</summary>
    public Ipv6Addr Ipv6 => !IsIpv4 ? _v6 : throw new InvalidOperationException("not an IPv6 address");

    /// <summary>True for IPv4 224.0.0.0/4 or IPv6 ff00::/8.</summary>
    public bool IsMulticast => IsIpv4 ? _v4.IsMulticast : _v6.IsMulticast;

    /// <summary>Implicit widening from IPv4.</summary>
    public static implicit operator IpAddr(Ipv4Addr address) => new(address);

    /// <summary>Implicit widening from IPv6.</summary>
    public static implicit operator IpAddr(Ipv6Addr address) => new(address);

    /// <summary>Parses either family.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddr address)
    {
        if (Ipv4Addr.TryParse(text, out Ipv4Addr v4))
        {
            address = v4;
            return true;
        }

        bool ok = Ipv6Addr.TryParse(text, out Ipv6Addr v6);
        address = ok ? v6 : default;
        return ok;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> (for literals in tools and tests).</summary>
    public static IpAddr Parse(string text) =>
        TryParse(text, out IpAddr address) ? address : throw new FormatException($"'{text}' is not an IP address");

    /// <summary>IPv4 sorts before IPv6, then by value (as OPTE's derived ordering).</summary>
    public int CompareTo(IpAddr other) =>
        IsIpv4 != other.IsIpv4 ? (IsIpv4 ? -1 : 1) :
        IsIpv4 ? _v4.CompareTo(other._v4) : _v6.CompareTo(other._v6);

    /// <summary>The address text.</summary>
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
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out IpAddr value)
    {
        value = default;
        int start = reader.Position;
        if (!reader.TryReadVariant(out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0 when reader.TryRead(out Ipv4Addr v4):
                value = v4;
                return true;
            case 1 when reader.TryRead(out Ipv6Addr v6):
                value = v6;
                return true;
            case 0 or 1:
                return false;
            default:
                return reader.FailDiscriminant(start, nameof(IpAddr));
        }
    }
}
