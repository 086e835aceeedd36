using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.SetVirt2Boundary"/> (52): add tunnel endpoints for an external prefix.
/// Wire form: <c>vip</c> (IpCidr), <c>tep</c> (Vec&lt;TunnelEndpoint&gt;).
/// </summary>
/// <param name="Vip">External prefix.</param>
/// <param name="Tep">Boundary tunnel endpoints.</param>
public sealed record SetVirt2BoundaryReq(
    IpCidr Vip,
    ValueArray<TunnelEndpoint> Tep) : IOpteRequest<SetVirt2BoundaryReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.SetVirt2Boundary;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.SetVirt2Boundary;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Vip.Write(ref writer);
        writer.WriteSequence(Tep);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SetVirt2BoundaryReq value)
    {
        value = null;
        if (!reader.TryRead(out IpCidr fVip) ||
            !reader.TryReadSequence(out ValueArray<TunnelEndpoint> fTep, 19))
        {
            return false;
        }

        value = new SetVirt2BoundaryReq(fVip, fTep);
        return true;
    }
}
