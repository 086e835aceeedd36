using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.RemoveCidr"/> (91).
/// Wire form: <c>port_name</c> (String), <c>cidr</c> (IpCidr), <c>dir</c> (Direction).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Cidr">The prefix.</param>
/// <param name="Dir">Direction.</param>
public sealed record RemoveCidrReq(
    string PortName,
    IpCidr Cidr,
    Direction Dir) : IOpteRequest<RemoveCidrReq, RemoveCidrResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.RemoveCidr;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.RemoveCidr;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Cidr.Write(ref writer);
        writer.WriteDirection(Dir);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out RemoveCidrReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpCidr fCidr) ||
            !reader.TryReadDirection(out Direction fDir))
        {
            return false;
        }

        value = new RemoveCidrReq(fPortName, fCidr, fDir);
        return true;
    }
}
