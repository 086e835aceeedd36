using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// One entry of a port's transit-IP map (<c>cidr → { allow_in, allow_out }</c>): addresses the guest may route for
/// (it acts as a router or appliance), per direction. Wire form: cidr, allow_in (bool), allow_out (bool).
/// </summary>
/// <typeparam name="TCidr"><see cref="Net.Ipv4Cidr"/> or <see cref="Net.Ipv6Cidr"/>.</typeparam>
public sealed record TransitIp<TCidr>(TCidr Cidr, bool AllowIn, bool AllowOut) : IPostcardSerializable<TransitIp<TCidr>>
    where TCidr : struct, IPostcardSerializable<TCidr>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        Cidr.Write(ref writer);
        writer.WriteBool(AllowIn);
        writer.WriteBool(AllowOut);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out TransitIp<TCidr> value)
    {
        value = null;
        if (!reader.TryRead(out TCidr cidr) || !reader.TryReadBool(out bool allowIn) || !reader.TryReadBool(out bool allowOut))
        {
            return false;
        }

        value = new TransitIp<TCidr>(cidr, allowIn, allowOut);
        return true;
    }
}
