using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.CreateXde"/> (70): create a guest port. Wire form: <c>xde_devname</c> (String),
/// <c>linkid</c> (u32 varint; the host link the port sits on — informational on this card), <c>cfg</c> (VpcCfg),
/// <c>dhcp</c> (DhcpCfg), <c>passthrough</c> (bool: no VPC layers, frames pass unchanged), then — card extension,
/// may be absent — <c>mtu</c> (u16 varint). A request that ends after <c>passthrough</c> gets
/// <see cref="DefaultMtu"/>.
/// </summary>
/// <param name="XdeDevname">Port name.</param>
/// <param name="Linkid">Host link id.</param>
/// <param name="Cfg">The port's VPC configuration.</param>
/// <param name="Dhcp">What the gateway's DHCP replies say.</param>
/// <param name="Passthrough">True for a port without VPC layers.</param>
/// <param name="Mtu">The guest MTU, advertised in router advertisements.</param>
public sealed record CreateXdeReq(
    string XdeDevname,
    uint Linkid,
    VpcCfg Cfg,
    DhcpCfg Dhcp,
    bool Passthrough,
    ushort Mtu = CreateXdeReq.DefaultMtu) : IOpteRequest<CreateXdeReq, NoResp>
{
    /// <summary>MTU used when the request omits it (OPTE's default).</summary>
    public const ushort DefaultMtu = 1500;

    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.CreateXde;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.CreateXde;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(XdeDevname);
        writer.WriteU32(Linkid);
        Cfg.Write(ref writer);
        Dhcp.Write(ref writer);
        writer.WriteBool(Passthrough);
        writer.WriteU16(Mtu);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out CreateXdeReq value)
    {
        value = null;
        if (!reader.TryReadString(out string name) || !reader.TryReadU32(out uint linkid) ||
            !reader.TryRead(out VpcCfg cfg) || !reader.TryRead(out DhcpCfg dhcp) ||
            !reader.TryReadBool(out bool passthrough))
        {
            return false;
        }

        ushort mtu = DefaultMtu;
        if (reader.Remaining > 0 && !reader.TryReadU16(out mtu))
        {
            return false;
        }

        value = new CreateXdeReq(name, linkid, cfg, dhcp, passthrough, mtu);
        return true;
    }
}
