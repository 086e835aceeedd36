using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearMcastForwarding"/> (101).
/// Wire form: <c>underlay</c> (Ipv6Addr).
/// </summary>
/// <param name="Underlay">Underlay multicast group.</param>
public sealed record ClearMcastForwardingReq(
    Ipv6Addr Underlay) : IOpteRequest<ClearMcastForwardingReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearMcastForwarding;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearMcastForwarding;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Underlay.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearMcastForwardingReq value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Addr fUnderlay))
        {
            return false;
        }

        value = new ClearMcastForwardingReq(fUnderlay);
        return true;
    }
}
