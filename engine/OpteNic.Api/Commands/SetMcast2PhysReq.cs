using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetMcast2Phys"/> (105): map an overlay group to its underlay group.
/// Wire form: <c>group</c> (IpAddr), <c>underlay</c> (Ipv6Addr).
/// </summary>
/// <param name="Group">Overlay group.</param>
/// <param name="Underlay">Underlay group (ff04::/16).</param>
public sealed record SetMcast2PhysReq(
    IpAddr Group,
    Ipv6Addr Underlay) : IOpteRequest<SetMcast2PhysReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetMcast2Phys;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetMcast2Phys;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Group.Write(ref writer);
        Underlay.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetMcast2PhysReq value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fGroup) ||
            !reader.TryRead(out Ipv6Addr fUnderlay))
        {
            return false;
        }

        value = new SetMcast2PhysReq(fGroup, fUnderlay);
        return true;
    }
}
