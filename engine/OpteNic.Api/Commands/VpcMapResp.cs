using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// The V2P mappings of one VNI.
/// Wire form: <c>vni</c> (Vni), <c>ip4</c> (Vec&lt;V2pEntry4&gt;), <c>ip6</c> (Vec&lt;V2pEntry6&gt;).
/// </summary>
/// <param name="Vni">The VPC.</param>
/// <param name="Ip4">IPv4 guest address → physical.</param>
/// <param name="Ip6">IPv6 guest address → physical.</param>
public sealed record VpcMapResp(
    Vni Vni,
    ValueArray<V2pEntry4> Ip4,
    ValueArray<V2pEntry6> Ip6) : IPostcardSerializable<VpcMapResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Vni.Write(ref writer);
        writer.WriteSequence(Ip4);
        writer.WriteSequence(Ip6);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out VpcMapResp value)
    {
        value = null;
        if (!reader.TryRead(out Vni fVni) ||
            !reader.TryReadSequence(out ValueArray<V2pEntry4> fIp4, 26) ||
            !reader.TryReadSequence(out ValueArray<V2pEntry6> fIp6, 38))
        {
            return false;
        }

        value = new VpcMapResp(fVni, fIp4, fIp6);
        return true;
    }
}
