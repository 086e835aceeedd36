using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// Where the router sends traffic for a destination. Wire form: enum <c>Drop = 0, InternetGateway(Option&lt;Uuid&gt;)
/// = 1, Ip(IpAddr) = 2, VpcSubnet(IpCidr) = 3</c>; a UUID is a 16-byte byte string. Text form (opteadm and the
/// <c>router-target</c> metadata): <c>drop</c>, <c>ig</c>, <c>ig=&lt;uuid&gt;</c>, <c>ip4=…</c>, <c>ip6=…</c>,
/// <c>sub4=…</c>, <c>sub6=…</c>.
/// </summary>
public abstract record RouterTarget : IPostcardSerializable<RouterTarget>
{
    private RouterTarget()
    {
    }

    /// <summary>Traffic to this destination is dropped (0).</summary>
    public sealed record Drop : RouterTarget
    {
        public override string ToString() => "drop";
    }

    /// <summary>Traffic leaves through an internet gateway, optionally a specific one (1).</summary>
    public sealed record InternetGateway(Guid? Id) : RouterTarget
    {
        public override string ToString() => Id is { } id ? $"ig={id}" : "ig";
    }

    /// <summary>Traffic goes to this VPC address (its V2P entry) (2).</summary>
    public sealed record Ip(IpAddr Address) : RouterTarget
    {
        public override string ToString() => (Address.IsIpv4 ? "ip4=" : "ip6=") + Address;
    }

    /// <summary>Traffic goes to its destination inside this VPC subnet (3).</summary>
    public sealed record VpcSubnet(IpCidr Subnet) : RouterTarget
    {
        public override string ToString() => (Subnet.IsIpv4 ? "sub4=" : "sub6=") + Subnet;
    }

    /// <summary>Parses the text form; on failure <paramref name="error"/> says what was wrong.</summary>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out RouterTarget target, out string error)
    {
        target = null;
        error = string.Empty;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        string kind = (equals < 0 ? text : text[..equals]).ToLowerInvariant();
        string argument = equals < 0 ? string.Empty : text[(equals + 1)..];
        switch (kind)
        {
            case "drop" when equals < 0:
                target = new Drop();
                return true;
            case "ig" when equals < 0:
                target = new InternetGateway(null);
                return true;
            case "ig" when Guid.TryParse(argument, out Guid id):
                target = new InternetGateway(id);
                return true;
            case "ip4" when Ipv4Addr.TryParse(argument, out Ipv4Addr v4):
                target = new Ip(v4);
                return true;
            case "ip6" when Ipv6Addr.TryParse(argument, out Ipv6Addr v6):
                target = new Ip(v6);
                return true;
            case "sub4" when Ipv4Cidr.TryParse(argument, out Ipv4Cidr c4):
                target = new VpcSubnet(c4);
                return true;
            case "sub6" when Ipv6Cidr.TryParse(argument, out Ipv6Cidr c6):
                target = new VpcSubnet(c6);
                return true;
            case "drop" or "ig" or "ip4" or "ip6" or "sub4" or "sub6":
                error = $"bad argument '{argument}' for router target '{kind}'";
                return false;
            default:
                error = $"unknown router target '{text}' (expected drop, ig[=uuid], ip4=, ip6=, sub4=, sub6=)";
                return false;
        }
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        switch (this)
        {
            case Drop:
                writer.WriteVariant(0);
                break;
            case InternetGateway ig:
                writer.WriteVariant(1);
                writer.WriteOptionTag(ig.Id.HasValue);
                if (ig.Id is { } id)
                {
                    writer.WriteUuid(id);
                }

                break;
            case Ip ip:
                writer.WriteVariant(2);
                ip.Address.Write(ref writer);
                break;
            case VpcSubnet subnet:
                writer.WriteVariant(3);
                subnet.Subnet.Write(ref writer);
                break;
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out RouterTarget value)
    {
        value = null;
        if (!reader.TryReadVariant(4, nameof(RouterTarget), out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0:
                value = new Drop();
                break;
            case 1 when reader.TryReadOptionTag(out bool hasId):
                if (!hasId)
                {
                    value = new InternetGateway(null);
                }
                else if (reader.TryReadUuid(out Guid id))
                {
                    value = new InternetGateway(id);
                }

                break;
            case 2 when reader.TryRead(out IpAddr address):
                value = new Ip(address);
                break;
            case 3 when reader.TryRead(out IpCidr subnet):
                value = new VpcSubnet(subnet);
                break;
        }

        return value is not null;
    }
}
