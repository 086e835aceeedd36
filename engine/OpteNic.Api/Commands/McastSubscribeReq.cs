using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.McastSubscribe"/> (103): the port receives this group.
/// Wire form: <c>port_name</c> (String), <c>group</c> (IpAddr).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Group">Overlay multicast group.</param>
public sealed record McastSubscribeReq(
    string PortName,
    IpAddr Group) : IOpteRequest<McastSubscribeReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.McastSubscribe;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.McastSubscribe;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Group.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out McastSubscribeReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpAddr fGroup))
        {
            return false;
        }

        value = new McastSubscribeReq(fPortName, fGroup);
        return true;
    }
}
