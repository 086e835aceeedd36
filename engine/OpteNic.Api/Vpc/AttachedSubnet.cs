using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// One entry of a port's attached-subnet map (<c>cidr → AttachedSubnetConfig { is_external }</c>): traffic from this
/// subnet is accepted as the guest's own; an external one also bypasses NAT. Wire form: cidr, is_external (bool) —
/// exactly a postcard map entry.
/// </summary>
/// <typeparam name="TCidr"><see cref="Net.Ipv4Cidr"/>, <see cref="Net.Ipv6Cidr"/> or <see cref="Net.IpCidr"/>.</typeparam>
public sealed record AttachedSubnet<TCidr>(TCidr Cidr, bool IsExternal) : IPostcardSerializable<AttachedSubnet<TCidr>>
    where TCidr : struct, IPostcardSerializable<TCidr>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Cidr.Write(ref writer);
        writer.WriteBool(IsExternal);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out AttachedSubnet<TCidr> value)
    {
        value = null;
        if (!reader.TryRead(out TCidr cidr) || !reader.TryReadBool(out bool external))
        {
            return false;
        }

        value = new AttachedSubnet<TCidr>(cidr, external);
        return true;
    }
}
