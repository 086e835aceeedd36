using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.DetachSubnet"/> (93).
/// Wire form: <c>port_name</c> (String), <c>subnet</c> (IpCidr).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Subnet">The subnet.</param>
public sealed record DetachSubnetReq(
    string PortName,
    IpCidr Subnet) : IOpteRequest<DetachSubnetReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.DetachSubnet;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.DetachSubnet;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Subnet.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out DetachSubnetReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpCidr fSubnet))
        {
            return false;
        }

        value = new DetachSubnetReq(fPortName, fSubnet);
        return true;
    }
}
