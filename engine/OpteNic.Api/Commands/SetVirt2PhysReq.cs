using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetVirt2Phys"/> (50): map a guest address to its sled.
/// Wire form: <c>vip</c> (IpAddr), <c>phys</c> (PhysNet).
/// </summary>
/// <param name="Vip">Guest (virtual) address.</param>
/// <param name="Phys">Its MAC, sled underlay address and VNI.</param>
public sealed record SetVirt2PhysReq(
    IpAddr Vip,
    PhysNet Phys) : IOpteRequest<SetVirt2PhysReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetVirt2Phys;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetVirt2Phys;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Vip.Write(ref writer);
        Phys.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetVirt2PhysReq value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fVip) ||
            !reader.TryRead(out PhysNet fPhys))
        {
            return false;
        }

        value = new SetVirt2PhysReq(fVip, fPhys);
        return true;
    }
}
