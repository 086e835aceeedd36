using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One IPv6 V2P mapping (a map entry).
/// Wire form: <c>ip</c> (Ipv6Addr), <c>phys</c> (GuestPhysAddr).
/// </summary>
/// <param name="Ip">Guest address.</param>
/// <param name="Phys">Guest MAC and sled underlay address.</param>
public sealed record V2pEntry6(
    Ipv6Addr Ip,
    GuestPhysAddr Phys) : IPostcardSerializable<V2pEntry6>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ip.Write(ref writer);
        Phys.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out V2pEntry6 value)
    {
        value = null;
        if (!reader.TryRead(out Ipv6Addr fIp) ||
            !reader.TryRead(out GuestPhysAddr fPhys))
        {
            return false;
        }

        value = new V2pEntry6(fIp, fPhys);
        return true;
    }
}
