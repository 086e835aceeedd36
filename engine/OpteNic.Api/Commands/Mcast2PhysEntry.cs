using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// One M2P mapping: an overlay multicast group and its underlay group.
/// Wire form: <c>group</c> (IpAddr), <c>underlay</c> (Ipv6Addr).
/// </summary>
/// <param name="Group">Overlay group address.</param>
/// <param name="Underlay">Underlay group address.</param>
public sealed record Mcast2PhysEntry(
    IpAddr Group,
    Ipv6Addr Underlay) : IPostcardSerializable<Mcast2PhysEntry>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Group.Write(ref writer);
        Underlay.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out Mcast2PhysEntry value)
    {
        value = null;
        if (!reader.TryRead(out IpAddr fGroup) ||
            !reader.TryRead(out Ipv6Addr fUnderlay))
        {
            return false;
        }

        value = new Mcast2PhysEntry(fGroup, fUnderlay);
        return true;
    }
}
