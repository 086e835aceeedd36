using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// A port's IPv6 configuration. Wire form, in order: vpc_subnet, private_ip, gateway_ip, external_ips,
/// attached_subnets (map: count, then cidr + is_external per entry), transit_ips (map: count, then cidr + allow_in +
/// allow_out per entry).
/// </summary>
/// <param name="VpcSubnet">The VPC subnet the guest's private address belongs to.</param>
/// <param name="PrivateIp">The guest's private address (the only source address allowed out).</param>
/// <param name="GatewayIp">The virtual gateway's address (NDP/DHCPv6/ICMPv6 answered by the gateway layer; OPTE uses the link-local EUI-64 of the gateway MAC).</param>
/// <param name="ExternalIps">SNAT, ephemeral and floating addresses.</param>
/// <param name="AttachedSubnets">Subnets attached to the port.</param>
/// <param name="TransitIps">Prefixes the guest may route for.</param>
public sealed record Ipv6Cfg(
    Ipv6Cidr VpcSubnet,
    Ipv6Addr PrivateIp,
    Ipv6Addr GatewayIp,
    ExternalIpCfg<Ipv6Addr> ExternalIps,
    ValueArray<AttachedSubnet<Ipv6Cidr>> AttachedSubnets,
    ValueArray<TransitIp<Ipv6Cidr>> TransitIps) : IPostcardSerializable<Ipv6Cfg>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        VpcSubnet.Write(ref writer);
        PrivateIp.Write(ref writer);
        GatewayIp.Write(ref writer);
        ExternalIps.Write(ref writer);
        writer.WriteSequence(AttachedSubnets);
        writer.WriteSequence(TransitIps);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ipv6Cfg value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Cidr subnet) || !reader.TryRead(out Ipv6Addr privateIp) ||
            !reader.TryRead(out Ipv6Addr gatewayIp) || !reader.TryRead(out ExternalIpCfg<Ipv6Addr> external) ||
            !reader.TryReadSequence(out ValueArray<AttachedSubnet<Ipv6Cidr>> attached, 18) ||
            !reader.TryReadSequence(out ValueArray<TransitIp<Ipv6Cidr>> transit, 19))
        {
            return false;
        }

        value = new Ipv6Cfg(subnet, privateIp, gatewayIp, external, attached, transit);
        return true;
    }
}
