using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>A V2P value as dumped per VNI: guest MAC and the sled's underlay IPv6. Wire form: ether (6), ip (16).</summary>
public readonly record struct GuestPhysAddr(MacAddr Ether, Ipv6Addr Ip) : IPostcardSerializable<GuestPhysAddr>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Ether.Write(ref writer);
        Ip.Write(ref writer);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out GuestPhysAddr value)
    {
        value = default;
        if (!reader.TryRead(out MacAddr ether) || !reader.TryRead(out Ipv6Addr ip))
        {
            return false;
        }

        value = new GuestPhysAddr(ether, ip);
        return true;
    }
}
