using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// A multicast next hop on the underlay: the address and the VNI to use.
/// Wire form: <c>addr</c> (Ipv6Addr), <c>vni</c> (Vni).
/// </summary>
/// <param name="Addr">Next-hop underlay address.</param>
/// <param name="Vni">VNI.</param>
public readonly record struct NextHopV6(
    Ipv6Addr Addr,
    Vni Vni) : IPostcardSerializable<NextHopV6>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Addr.Write(ref writer);
        Vni.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out NextHopV6 value)
    {
        value = default;
        if (!reader.TryRead(out Ipv6Addr fAddr) ||
            !reader.TryRead(out Vni fVni))
        {
            return false;
        }

        value = new NextHopV6(fAddr, fVni);
        return true;
    }
}
