using OpteNic.Api.Net;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc;

/// <summary>
/// Converts the API's configuration addresses (family-tagged, as on the wire) to the engine's 128-bit data-path form
/// (<see cref="PacketIp"/>, IPv4 held IPv4-mapped). Conversions happen when configuration is applied, never per packet.
/// </summary>
public static class AddressConversions
{
    public static PacketIp ToPacketIp(this Ipv4Addr address) => PacketIp.FromIpv4(address.Value);

    public static PacketIp ToPacketIp(this Ipv6Addr address) => new((ulong)(address.Value >> 64), (ulong)address.Value);

    public static PacketIp ToPacketIp(this IpAddr address) => address.IsIpv4 ? address.Ipv4.ToPacketIp() : address.Ipv6.ToPacketIp();

    /// <summary>The network address of <paramref name="cidr"/> and its prefix length in 128-bit space (IPv4 + 96).</summary>
    public static (PacketIp Network, int Bits) ToPacketPrefix(this IpCidr cidr)
        => cidr.IsIpv4
            ? (cidr.Ipv4.Network.Ip.ToPacketIp(), cidr.PrefixLength + 96)
            : (cidr.Ipv6.Network.Ip.ToPacketIp(), cidr.PrefixLength);

    /// <summary>Back to the API form (dumps).</summary>
    public static IpAddr ToApiIp(this PacketIp address)
        => address.IsIpv4 ? new IpAddr(new Ipv4Addr(address.Ipv4)) : new IpAddr(new Ipv6Addr(new UInt128(address.High, address.Low)));

    /// <summary>True when the first <paramref name="bits"/> of the 128-bit forms agree (IPv4 prefixes counted + 96).</summary>
    public static bool MatchesPrefix128(this PacketIp address, PacketIp network, int bits)
    {
        if (bits <= 0)
        {
            return true;
        }

        if (bits <= 64)
        {
            return ((address.High ^ network.High) & (ulong.MaxValue << (64 - bits))) == 0;
        }

        if (address.High != network.High)
        {
            return false;
        }

        return bits >= 128 ? address.Low == network.Low : ((address.Low ^ network.Low) & (ulong.MaxValue << (128 - bits))) == 0;
    }
}
