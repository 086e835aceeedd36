using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>Where a guest address lives on the underlay: its MAC, its sled's underlay IPv6 and its VNI (the V2P
/// value). Wire form: ether (6), ip (16), vni (3).</summary>
public readonly record struct PhysNet(MacAddr Ether, Ipv6Addr Ip, Vni Vni) : IPostcardSerializable<PhysNet>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ether.Write(ref writer);
        Ip.Write(ref writer);
        Vni.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out PhysNet value)
    {
        value = default;
        if (!reader.TryRead(out MacAddr ether) || !reader.TryRead(out Ipv6Addr ip) || !reader.TryRead(out Vni vni))
        {
            return false;
        }

        value = new PhysNet(ether, ip, vni);
        return true;
    }
}
