using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetExternalIps"/> (80): replace a port's external addresses (NAT is
/// refreshed with a soft replace so flows survive while their external IP stays valid).
/// Wire form: <c>port_name</c> (String), <c>external_ips_v4</c> (Option&lt;ExternalIpCfg&lt;Ipv4Addr&gt;&gt;), <c>external_ips_v6</c> (Option&lt;ExternalIpCfg&lt;Ipv6Addr&gt;&gt;), <c>inet_gw_map</c> (Option&lt;Vec&lt;InetGatewayEntry&gt;&gt;).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="ExternalIpsV4">IPv4 external addresses, or None to leave unset.</param>
/// <param name="ExternalIpsV6">IPv6 external addresses, or None.</param>
/// <param name="InetGwMap">Which internet gateways each floating IP may use, or None for any.</param>
public sealed record SetExternalIpsReq(
    string PortName,
    ExternalIpCfg<Ipv4Addr>? ExternalIpsV4,
    ExternalIpCfg<Ipv6Addr>? ExternalIpsV6,
    ValueArray<InetGatewayEntry>? InetGwMap) : IOpteRequest<SetExternalIpsReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetExternalIps;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetExternalIps;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        writer.WriteOption(ExternalIpsV4);
        writer.WriteOption(ExternalIpsV6);
        writer.WriteOptionSequence(InetGwMap);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetExternalIpsReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryReadOption(out ExternalIpCfg<Ipv4Addr>? fExternalIpsV4) ||
            !reader.TryReadOption(out ExternalIpCfg<Ipv6Addr>? fExternalIpsV6) ||
            !reader.TryReadOptionSequence(out ValueArray<InetGatewayEntry>? fInetGwMap, 2))
        {
            return false;
        }

        value = new SetExternalIpsReq(fPortName, fExternalIpsV4, fExternalIpsV6, fInetGwMap);
        return true;
    }
}
