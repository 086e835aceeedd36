using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.AttachSubnet"/> (92).
/// Wire form: <c>port_name</c> (String), <c>subnet</c> (IpCidr), <c>is_external</c> (bool).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Subnet">The subnet.</param>
/// <param name="IsExternal">True when traffic from it bypasses NAT as external.</param>
public sealed record AttachSubnetReq(
    string PortName,
    IpCidr Subnet,
    bool IsExternal) : IOpteRequest<AttachSubnetReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.AttachSubnet;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.AttachSubnet;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Subnet.Write(ref writer);
        writer.WriteBool(IsExternal);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out AttachSubnetReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpCidr fSubnet) ||
            !reader.TryReadBool(out bool fIsExternal))
        {
            return false;
        }

        value = new AttachSubnetReq(fPortName, fSubnet, fIsExternal);
        return true;
    }
}
