using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// The remote hosts a firewall rule applies to (the source of inbound traffic, the destination of outbound). Wire form:
/// enum <c>Any = 0, Ip(IpAddr) = 1, Subnet(IpCidr) = 2, Vni(Vni) = 3</c>. Text form: <c>any</c>, <c>ip=…</c>,
/// <c>subnet=…</c>, <c>vni=…</c>.
/// </summary>
public abstract record FirewallAddress : IPostcardSerializable<FirewallAddress>
{
    private FirewallAddress()
    {
    }

    /// <summary>Any host (0).</summary>
    public sealed record Any : FirewallAddress
    {
        public override string ToString() => "any";
    }

    /// <summary>One address (1).</summary>
    public sealed record Ip(IpAddr Address) : FirewallAddress
    {
        public override string ToString() => $"ip={Address}";
    }

    /// <summary>A prefix (2).</summary>
    public sealed record Subnet(IpCidr Cidr) : FirewallAddress
    {
        public override string ToString() => $"subnet={Cidr}";
    }

    /// <summary>Every host of a VPC, by VNI (3).</summary>
    public sealed record Vni(Net.Vni Value) : FirewallAddress
    {
        public override string ToString() => $"vni={Value}";
    }

    /// <summary>Parses the text form.</summary>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out FirewallAddress address)
    {
        address = null;
        if (text.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            address = new Any();
            return true;
        }

        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return false;
        }

        string argument = text[(equals + 1)..];
        switch (text[..equals].ToLowerInvariant())
        {
            case "ip" when IpAddr.TryParse(argument, out IpAddr ip):
                address = new Ip(ip);
                return true;
            case "subnet" when IpCidr.TryParse(argument, out IpCidr cidr):
                address = new Subnet(cidr);
                return true;
            case "vni" when Net.Vni.TryParse(argument, out Net.Vni vni):
                address = new Vni(vni);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        switch (this)
        {
            case Any:
                writer.WriteVariant(0);
                break;
            case Ip ip:
                writer.WriteVariant(1);
                ip.Address.Write(ref writer);
                break;
            case Subnet subnet:
                writer.WriteVariant(2);
                subnet.Cidr.Write(ref writer);
                break;
            case Vni vni:
                writer.WriteVariant(3);
                vni.Value.Write(ref writer);
                break;
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out FirewallAddress value)
    {
        value = null;
        if (!reader.TryReadVariant(4, nameof(FirewallAddress), out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0:
                value = new Any();
                break;
            case 1 when reader.TryRead(out IpAddr ip):
                value = new Ip(ip);
                break;
            case 2 when reader.TryRead(out IpCidr cidr):
                value = new Subnet(cidr);
                break;
            case 3 when reader.TryRead(out Net.Vni vni):
                value = new Vni(vni);
                break;
        }

        return value is not null;
    }
}
