using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One IPv4 V2P mapping (a map entry).
/// Wire form: <c>ip</c> (Ipv4Addr), <c>phys</c> (GuestPhysAddr).
/// </summary>
/// <param name="Ip">Guest address.</param>
/// <param name="Phys">Guest MAC and sled underlay address.</param>
public sealed record V2pEntry4(
    Ipv4Addr Ip,
    GuestPhysAddr Phys) : IPostcardSerializable<V2pEntry4>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ip.Write(ref writer);
        Phys.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out V2pEntry4 value)
    {
        value = null;
        if (!reader.TryRead(out Ipv4Addr fIp) ||
            !reader.TryRead(out GuestPhysAddr fPhys))
        {
            return false;
        }

        value = new V2pEntry4(fIp, fPhys);
        return true;
    }
}
