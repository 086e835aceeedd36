using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.AllowCidr"/> (90): let the guest use addresses of a prefix in one direction.
/// Wire form: <c>port_name</c> (String), <c>cidr</c> (IpCidr), <c>dir</c> (Direction).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Cidr">The prefix.</param>
/// <param name="Dir">Direction allowed.</param>
public sealed record AllowCidrReq(
    string PortName,
    IpCidr Cidr,
    Direction Dir) : IOpteRequest<AllowCidrReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.AllowCidr;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.AllowCidr;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Cidr.Write(ref writer);
        writer.WriteDirection(Dir);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out AllowCidrReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpCidr fCidr) ||
            !reader.TryReadDirection(out Direction fDir))
        {
            return false;
        }

        value = new AllowCidrReq(fPortName, fCidr, fDir);
        return true;
    }
}
