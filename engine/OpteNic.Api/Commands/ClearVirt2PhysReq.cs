using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearVirt2Phys"/> (55): remove a V2P mapping (only if it still maps to <paramref name="Phys"/>).
/// Wire form: <c>vip</c> (IpAddr), <c>phys</c> (PhysNet).
/// </summary>
/// <param name="Vip">Guest (virtual) address.</param>
/// <param name="Phys">The mapping to remove.</param>
public sealed record ClearVirt2PhysReq(
    IpAddr Vip,
    PhysNet Phys) : IOpteRequest<ClearVirt2PhysReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearVirt2Phys;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearVirt2Phys;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Vip.Write(ref writer);
        Phys.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearVirt2PhysReq value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fVip) ||
            !reader.TryRead(out PhysNet fPhys))
        {
            return false;
        }

        value = new ClearVirt2PhysReq(fVip, fPhys);
        return true;
    }
}
