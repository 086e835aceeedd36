using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// The destination ports a firewall rule applies to (TCP/UDP only). Wire form: enum <c>Any = 0,
/// PortList(Vec&lt;u16&gt;) = 1</c>. Text form: <c>any</c> or <c>a,b,c</c>; port 0 is invalid.
/// </summary>
public abstract record Ports : IPostcardSerializable<Ports>
{
    private Ports()
    {
    }

    /// <summary>Any port (0).</summary>
    public sealed record Any : Ports
    {
        public override string ToString() => "any";
    }

    /// <summary>These ports (1); the firewall merges consecutive ports into ranges.</summary>
    public sealed record PortList(ValueArray<ushort> Values) : Ports
    {
        public override string ToString() => string.Join(',', Values);
    }

    /// <summary>Parses the text form; on failure <paramref name="error"/> names the bad part.</summary>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out Ports ports, out string error)
    {
        ports = null;
        error = string.Empty;
        if (text.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            ports = new Any();
            return true;
        }

        string[] parts = text.Split(',');
        var values = new ushort[parts.Length];
        for (int index = 0; index < parts.Length; index++)
        {
            if (!ushort.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
            {
                error = $"'{parts[index]}' is not a port number (1..65535)";
                return false;
            }

            if (port == 0)
            {
                error = "port 0 is invalid";
                return false;
            }

            values[index] = port;
        }

        ports = new PortList(ValueArray.Create<ushort>(values));
        return true;
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        if (this is PortList list)
        {
            writer.WriteVariant(1);
            writer.WriteLength(list.Values.Count);
            foreach (ushort port in list.Values.AsSpan())
            {
                writer.WriteU16(port);
            }
        }
        else
        {
            writer.WriteVariant(0);
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ports value)
    {
        value = null;
        if (!reader.TryReadVariant(2, nameof(Ports), out uint variant))
        {
            return false;
        }

        if (variant == 0)
        {
            value = new Any();
            return true;
        }

        if (!reader.TryReadLength(out int count))
        {
            return false;
        }

        var ports = new ushort[count];
        for (int index = 0; index < count; index++)
        {
            if (!reader.TryReadU16(out ports[index]))
            {
                return false;
            }
        }

        value = new PortList(ValueArray.Create<ushort>(ports));
        return true;
    }
}
