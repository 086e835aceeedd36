using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// Request of <see cref="OpteCmd.ClearVirt2Boundary"/> (53): remove tunnel endpoints of an external prefix.
/// Wire form: <c>vip</c> (IpCidr), <c>tep</c> (Vec&lt;TunnelEndpoint&gt;).
/// </summary>
/// <param name="Vip">External prefix.</param>
/// <param name="Tep">Endpoints to remove.</param>
public sealed record ClearVirt2BoundaryReq(
    IpCidr Vip,
    ValueArray<TunnelEndpoint> Tep) : IOpteRequest<ClearVirt2BoundaryReq, NoResp>
{
    /// <inheritdoc/>
    public static OpteCmd Cmd => OpteCmd.ClearVirt2Boundary;

    /// <inheritdoc/>
    public OpteCmd Command => OpteCmd.ClearVirt2Boundary;

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Vip.Write(ref writer);
        writer.WriteSequence(Tep);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ClearVirt2BoundaryReq value)
    {
        value = null;
        if (!reader.TryRead(out IpCidr fVip) ||
            !reader.TryReadSequence(out ValueArray<TunnelEndpoint> fTep, 19))
        {
            return false;
        }

        value = new ClearVirt2BoundaryReq(fVip, fTep);
        return true;
    }
}
