using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.McastUnsubscribe"/> (104).
/// Wire form: <c>port_name</c> (String), <c>group</c> (IpAddr).
/// </summary>
/// <param name="PortName">The port (xde device) name, e.g. "opte0".</param>
/// <param name="Group">Overlay multicast group.</param>
public sealed record McastUnsubscribeReq(
    string PortName,
    IpAddr Group) : IOpteRequest<McastUnsubscribeReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.McastUnsubscribe;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.McastUnsubscribe;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteString(PortName);
        Group.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out McastUnsubscribeReq value)
    {
        value = null;
        if (!reader.TryReadString(out string fPortName) ||
            !reader.TryRead(out IpAddr fGroup))
        {
            return false;
        }

        value = new McastUnsubscribeReq(fPortName, fGroup);
        return true;
    }
}
