using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearMcast2Phys"/> (106).
/// Wire form: <c>group</c> (IpAddr), <c>underlay</c> (Ipv6Addr).
/// </summary>
/// <param name="Group">Overlay group.</param>
/// <param name="Underlay">Underlay group.</param>
public sealed record ClearMcast2PhysReq(
    IpAddr Group,
    Ipv6Addr Underlay) : IOpteRequest<ClearMcast2PhysReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearMcast2Phys;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearMcast2Phys;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Group.Write(ref writer);
        Underlay.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearMcast2PhysReq value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fGroup) ||
            !reader.TryRead(out Ipv6Addr fUnderlay))
        {
            return false;
        }

        value = new ClearMcast2PhysReq(fGroup, fUnderlay);
        return true;
    }
}
