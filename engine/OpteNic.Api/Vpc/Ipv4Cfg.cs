using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// A port's IPv4 configuration. Wire form, in order: vpc_subnet, private_ip, gateway_ip, external_ips,
/// attached_subnets (map: count, then cidr + is_external per entry), transit_ips (map: count, then cidr + allow_in +
/// allow_out per entry).
/// </summary>
/// <param name="VpcSubnet">The VPC subnet the guest's private address belongs to.</param>
/// <param name="PrivateIp">The guest's private address (the only source address allowed out).</param>
/// <param name="GatewayIp">The virtual gateway's address (ARP/DHCP/ICMP answered by the gateway layer).</param>
/// <param name="ExternalIps">SNAT, ephemeral and floating addresses.</param>
/// <param name="AttachedSubnets">Subnets attached to the port.</param>
/// <param name="TransitIps">Prefixes the guest may route for.</param>
public sealed record Ipv4Cfg(
    Ipv4Cidr VpcSubnet,
    Ipv4Addr PrivateIp,
    Ipv4Addr GatewayIp,
    ExternalIpCfg<Ipv4Addr> ExternalIps,
    ValueArray<AttachedSubnet<Ipv4Cidr>> AttachedSubnets,
    ValueArray<TransitIp<Ipv4Cidr>> TransitIps) : IPostcardSerializable<Ipv4Cfg>
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
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Ipv4Cfg value)
    {
        value = null;
        if (!reader.TryRead(out Ipv4Cidr subnet) || !reader.TryRead(out Ipv4Addr privateIp) ||
            !reader.TryRead(out Ipv4Addr gatewayIp) || !reader.TryRead(out ExternalIpCfg<Ipv4Addr> external) ||
            !reader.TryReadSequence(out ValueArray<AttachedSubnet<Ipv4Cidr>> attached, 6) ||
            !reader.TryReadSequence(out ValueArray<TransitIp<Ipv4Cidr>> transit, 7))
        {
            return false;
        }

        value = new Ipv4Cfg(subnet, privateIp, gatewayIp, external, attached, transit);
        return true;
    }
}
