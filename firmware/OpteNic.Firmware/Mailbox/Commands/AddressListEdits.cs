using OpteNic.Api;
using OpteNic.Api.Vpc;
using OpteNic.Api.Wire;

namespace OpteNic.Firmware.Mailbox.Commands;

/// <summary>
/// The edits allow-cidr / remove-cidr / attach-subnet / detach-subnet make to one address family's lists, written once
/// for both families (<c>TCidr</c> is <c>Ipv4Cidr</c> or <c>Ipv6Cidr</c>). Each returns the new list, or null when the
/// command has nothing to change.
/// </summary>
internal static class AddressListEdits
{
    /// <summary>allow-cidr: <paramref name="cidr"/> becomes a transit prefix in the given direction (keeping the other one).</summary>
    public static ValueArray<TransitIp<TCidr>> AllowTransit<TCidr>(ValueArray<TransitIp<TCidr>> transits, TCidr cidr, bool inbound)
        where TCidr : struct, IPostcardSerializable<TCidr>
    {
        TransitIp<TCidr>? existing = Find(transits, cidr);
        TransitIp<TCidr> entry = existing is null
            ? new TransitIp<TCidr>(cidr, inbound, !inbound)
            : existing with { AllowIn = existing.AllowIn || inbound, AllowOut = existing.AllowOut || !inbound };
        return [.. transits.Where(t => !Same(t.Cidr, cidr)), entry];
    }

    /// <summary>remove-cidr: the direction is withdrawn (the entry goes when neither is left); null when it was not allowed.</summary>
    public static ValueArray<TransitIp<TCidr>>? WithdrawTransit<TCidr>(ValueArray<TransitIp<TCidr>> transits, TCidr cidr, bool inbound)
        where TCidr : struct, IPostcardSerializable<TCidr>
    {
        if (Find(transits, cidr) is not { } existing || !(inbound ? existing.AllowIn : existing.AllowOut))
        {
            return null;
        }

        var rest = transits.Where(t => !Same(t.Cidr, cidr));
        var kept = existing with { AllowIn = existing.AllowIn && !inbound, AllowOut = existing.AllowOut && inbound };
        return kept.AllowIn || kept.AllowOut ? [.. rest, kept] : [.. rest];
    }

    /// <summary>attach-subnet: <paramref name="cidr"/> is attached (replacing an earlier attachment of it).</summary>
    public static ValueArray<AttachedSubnet<TCidr>> Attach<TCidr>(ValueArray<AttachedSubnet<TCidr>> subnets, TCidr cidr, bool isExternal)
        where TCidr : struct, IPostcardSerializable<TCidr> =>
        [.. subnets.Where(s => !Same(s.Cidr, cidr)), new AttachedSubnet<TCidr>(cidr, isExternal)];

    /// <summary>detach-subnet: <paramref name="cidr"/> is detached; null when it was not attached.</summary>
    public static ValueArray<AttachedSubnet<TCidr>>? Detach<TCidr>(ValueArray<AttachedSubnet<TCidr>> subnets, TCidr cidr)
        where TCidr : struct, IPostcardSerializable<TCidr> =>
        subnets.Any(s => Same(s.Cidr, cidr)) ? [.. subnets.Where(s => !Same(s.Cidr, cidr))] : null;

    private static TransitIp<TCidr>? Find<TCidr>(ValueArray<TransitIp<TCidr>> transits, TCidr cidr)
        where TCidr : struct, IPostcardSerializable<TCidr> =>
        transits.FirstOrDefault(t => Same(t.Cidr, cidr));

    private static bool Same<TCidr>(TCidr a, TCidr b)
        where TCidr : struct => EqualityComparer<TCidr>.Default.Equals(a, b);
}
