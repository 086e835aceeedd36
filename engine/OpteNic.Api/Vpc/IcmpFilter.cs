using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// Narrows an ICMP/ICMPv6 firewall rule to one message type and optionally an inclusive range of codes. Wire form:
/// type (u8), codes (Option of first u8, last u8). Text form: <c>TYPE</c>, <c>TYPE,CODE</c> or
/// <c>TYPE,FIRST-LAST</c>.
/// </summary>
public sealed record IcmpFilter : IPostcardSerializable<IcmpFilter>
{
    /// <summary>Creates a filter; throws when <paramref name="codeFirst"/> &gt; <paramref name="codeLast"/>.</summary>
    public IcmpFilter(byte type, byte? codeFirst = null, byte? codeLast = null)
    {
        if (codeFirst.HasValue != codeLast.HasValue || codeFirst > codeLast)
        {
            throw new ArgumentException("ICMP code range must have first <= last, or neither", nameof(codeFirst));
        }

        Type = type;
        CodeFirst = codeFirst;
        CodeLast = codeLast;
    }

    /// <summary>ICMP message type.</summary>
    public byte Type { get; }

    /// <summary>First code matched (inclusive), or null for any code.</summary>
    public byte? CodeFirst { get; }

    /// <summary>Last code matched (inclusive), or null for any code.</summary>
    public byte? CodeLast { get; }

    /// <summary>Parses <c>TYPE[,CODE|,FIRST-LAST]</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [MaybeNullWhen(false)] out IcmpFilter filter)
    {
        filter = null;
        int comma = text.IndexOf(',');
        ReadOnlySpan<char> typeText = comma < 0 ? text : text[..comma];
        if (!byte.TryParse(typeText, NumberStyles.None, CultureInfo.InvariantCulture, out byte type))
        {
            return false;
        }

        if (comma < 0)
        {
            filter = new IcmpFilter(type);
            return true;
        }

        ReadOnlySpan<char> codes = text[(comma + 1)..];
        int dash = codes.IndexOf('-');
        ReadOnlySpan<char> firstText = dash < 0 ? codes : codes[..dash];
        ReadOnlySpan<char> lastText = dash < 0 ? codes : codes[(dash + 1)..];
        if (!byte.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out byte first) ||
            !byte.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out byte last) || first > last)
        {
            return false;
        }

        filter = new IcmpFilter(type, first, last);
        return true;
    }

    /// <summary>Text form.</summary>
    public override string ToString() =>
        CodeFirst is not { } first ? Type.ToString(CultureInfo.InvariantCulture) :
        first == CodeLast ? string.Create(CultureInfo.InvariantCulture, $"{Type},{first}") :
        string.Create(CultureInfo.InvariantCulture, $"{Type},{first}-{CodeLast}");

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteU8(Type);
        writer.WriteOptionTag(CodeFirst.HasValue);
        if (CodeFirst is { } first)
        {
            writer.WriteU8(first);
            writer.WriteU8(CodeLast.GetValueOrDefault());
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out IcmpFilter value)
    {
        value = null;
        if (!reader.TryReadU8(out byte type) || !reader.TryReadOptionTag(out bool hasCodes))
        {
            return false;
        }

        if (!hasCodes)
        {
            value = new IcmpFilter(type);
            return true;
        }

        int start = reader.Position;
        if (!reader.TryReadU8(out byte first) || !reader.TryReadU8(out byte last))
        {
            return false;
        }

        if (first > last)
        {
            return reader.Fail(PostcardErrorKind.InvalidValue, start, "ICMP code range first > last");
        }

        value = new IcmpFilter(type, first, last);
        return true;
    }
}
