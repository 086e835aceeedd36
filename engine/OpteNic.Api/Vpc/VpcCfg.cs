using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// Everything the VPC layers need to know about one guest port. Wire form, in order: ip_cfg, guest_mac, gateway_mac,
/// vni, phys_ip.
/// </summary>
/// <param name="IpCfg">IPv4, IPv6 or dual-stack configuration.</param>
/// <param name="GuestMac">The guest's MAC (the only source MAC allowed out).</param>
/// <param name="GatewayMac">The virtual gateway's MAC (A8:40:25:FF:77:77 in Oxide racks).</param>
/// <param name="Vni">The VPC's VNI.</param>
/// <param name="PhysIp">This port's underlay IPv6 (outer source address).</param>
public sealed record VpcCfg(IpCfg IpCfg, MacAddr GuestMac, MacAddr GatewayMac, Vni Vni, Ipv6Addr PhysIp)
    : IPostcardSerializable<VpcCfg>
{
    /// <summary>The gateway MAC Oxide racks use.</summary>
    public static MacAddr DefaultGatewayMac { get; } = new(0xA8_40_25_FF_77_77);

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        IpCfg.Write(ref writer);
        GuestMac.Write(ref writer);
        GatewayMac.Write(ref writer);
        Vni.Write(ref writer);
        PhysIp.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out VpcCfg value)
    {
        value = null;
        if (!reader.TryRead(out IpCfg ipCfg) || !reader.TryRead(out MacAddr guestMac) ||
            !reader.TryRead(out MacAddr gatewayMac) || !reader.TryRead(out Vni vni) || !reader.TryRead(out Ipv6Addr phys))
        {
            return false;
        }

        value = new VpcCfg(ipCfg, guestMac, gatewayMac, vni, phys);
        return true;
    }
}
