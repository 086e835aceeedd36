using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// The protocol a firewall rule applies to. Wire form: enum <c>Any = 0, Arp = 1, Tcp = 2, Udp = 3,
/// Icmp(Option&lt;IcmpFilter&gt;) = 4, Icmp6(Option&lt;IcmpFilter&gt;) = 5, Other(u8) = 6</c>. Text form:
/// <c>any</c>, <c>arp</c>, <c>tcp</c>, <c>udp</c>, <c>icmp[:TYPE[,CODES]]</c>, <c>icmp6[:TYPE[,CODES]]</c>, or an IP
/// protocol number 0..255 (6, 17, 1 and 58 read as tcp, udp, icmp and icmp6).
/// </summary>
public abstract record ProtocolFilter : IPostcardSerializable<ProtocolFilter>
{
    private ProtocolFilter()
    {
    }

    /// <summary>Any protocol (0).</summary>
    public sealed record Any : ProtocolFilter
    {
        public override string ToString() => "any";
    }

    /// <summary>ARP (1).</summary>
    public sealed record Arp : ProtocolFilter
    {
        public override string ToString() => "arp";
    }

    /// <summary>TCP (2).</summary>
    public sealed record Tcp : ProtocolFilter
    {
        public override string ToString() => "tcp";
    }

    /// <summary>UDP (3).</summary>
    public sealed record Udp : ProtocolFilter
    {
        public override string ToString() => "udp";
    }

    /// <summary>ICMPv4, optionally one type/codes (4).</summary>
    public sealed record Icmp(IcmpFilter? Filter) : ProtocolFilter
    {
        public override string ToString() => Filter is null ? "icmp" : $"icmp:{Filter}";
    }

    /// <summary>ICMPv6, optionally one type/codes (5).</summary>
    public sealed record Icmp6(IcmpFilter? Filter) : ProtocolFilter
    {
        public override string ToString() => Filter is null ? "icmp6" : $"icmp6:{Filter}";
    }

    /// <summary>Another IP protocol by number (6).</summary>
    public sealed record Other(byte Protocol) : ProtocolFilter
    {
        public override string ToString() => Protocol.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the text form.</summary>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out ProtocolFilter filter)
    {
        filter = null;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? text : text[..colon]).ToLowerInvariant();
        IcmpFilter? icmp = null;
        if (colon >= 0 && (name is not ("icmp" or "icmp6") || !IcmpFilter.TryParse(text.AsSpan(colon + 1), out icmp)))
        {
            return false;
        }

        filter = name switch
        {
            "any" => new Any(),
            "arp" => new Arp(),
            "tcp" or "6" => new Tcp(),
            "udp" or "17" => new Udp(),
            "icmp" or "1" => new Icmp(icmp),
            "icmp6" or "icmpv6" or "58" => new Icmp6(icmp),
            _ when byte.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out byte number) =>
                new Other(number),
            _ => null,
        };
        return filter is not null;
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        switch (this)
        {
            case Any:
                writer.WriteVariant(0);
                break;
            case Arp:
                writer.WriteVariant(1);
                break;
            case Tcp:
                writer.WriteVariant(2);
                break;
            case Udp:
                writer.WriteVariant(3);
                break;
            case Icmp icmp:
                writer.WriteVariant(4);
                writer.WriteOption(icmp.Filter);
                break;
            case Icmp6 icmp6:
                writer.WriteVariant(5);
                writer.WriteOption(icmp6.Filter);
                break;
            case Other other:
                writer.WriteVariant(6);
                writer.WriteU8(other.Protocol);
                break;
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ProtocolFilter value)
    {
        value = null;
        if (!reader.TryReadVariant(7, nameof(ProtocolFilter), out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0:
                value = new Any();
                break;
            case 1:
                value = new Arp();
                break;
            case 2:
                value = new Tcp();
                break;
            case 3:
                value = new Udp();
                break;
            case 4 when reader.TryReadOption(out IcmpFilter? filter):
                value = new Icmp(filter);
                break;
            case 5 when reader.TryReadOption(out IcmpFilter? filter):
                value = new Icmp6(filter);
                break;
            case 6 when reader.TryReadU8(out byte protocol):
                value = new Other(protocol);
                break;
        }

        return value is not null;
    }
}
