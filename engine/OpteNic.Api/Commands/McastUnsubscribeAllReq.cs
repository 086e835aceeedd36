using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.McastUnsubscribeAll"/> (108): remove every port's subscription to a group.
/// Wire form: <c>group</c> (IpAddr).
/// </summary>
/// <param name="Group">Overlay multicast group.</param>
public sealed record McastUnsubscribeAllReq(
    IpAddr Group) : IOpteRequest<McastUnsubscribeAllReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.McastUnsubscribeAll;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.McastUnsubscribeAll;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Group.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out McastUnsubscribeAllReq value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fGroup))
        {
            return false;
        }

        value = new McastUnsubscribeAllReq(fGroup);
        return true;
    }
}
