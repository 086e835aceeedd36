using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>A boundary-services tunnel endpoint (a V2B value): underlay IPv6 and the VNI to encapsulate with.
/// Wire form: ip (16), vni (3).</summary>
public readonly record struct TunnelEndpoint(Ipv6Addr Ip, Vni Vni)
    : IPostcardSerializable<TunnelEndpoint>, IComparable<TunnelEndpoint>
{
    /// <summary>Orders by address then VNI (dump order, as a sorted set).</summary>
    public int CompareTo(TunnelEndpoint other)
    {
        int byIp = Ip.CompareTo(other.Ip);
        return byIp != 0 ? byIp : Vni.CompareTo(other.Vni);
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ip.Write(ref writer);
        Vni.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out TunnelEndpoint value)
    {
        value = default;
        if (!reader.TryRead(out Ipv6Addr ip) || !reader.TryRead(out Vni vni))
        {
            return false;
        }

        value = new TunnelEndpoint(ip, vni);
        return true;
    }
}
