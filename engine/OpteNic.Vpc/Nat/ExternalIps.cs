using OpteNic.Api.Net;
using OpteNic.Api.Vpc;
using OpteNic.Engine.Rules;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Nat;

/// <summary>
/// One immutable generation of a port's external addressing (both families): SNAT pools, ephemeral and floating IPs,
/// external attached subnets. The nat layer translates with it; the overlay checks with it that internet-bound
/// packets really leave from an external address. Replaced whole by set-external-ips; flows whose address is still
/// present in the new generation survive (soft rule replace).
/// </summary>
public sealed class ExternalIps
{
    private ExternalIps(SnatPool? snatV4, SnatPool? snatV6, PacketIp[] ephemeral, PacketIp[] floatingV4, PacketIp[] floatingV6, IpPrefix[] externalSubnets)
    {
        SnatV4 = snatV4;
        SnatV6 = snatV6;
        Ephemeral = ephemeral;
        FloatingV4 = floatingV4;
        FloatingV6 = floatingV6;
        ExternalSubnets = externalSubnets;
    }

    /// <summary>An empty generation (no external connectivity).</summary>
    public static ExternalIps None { get; } = new(null, null, [], [], [], []);

    public SnatPool? SnatV4 { get; }

    public SnatPool? SnatV6 { get; }

    /// <summary>Ephemeral IPs (at most one per family).</summary>
    public PacketIp[] Ephemeral { get; }

    public PacketIp[] FloatingV4 { get; }

    public PacketIp[] FloatingV6 { get; }

    /// <summary>Attached subnets marked external: routed to the guest and reachable from outside without NAT.</summary>
    public IpPrefix[] ExternalSubnets { get; }

    /// <summary>
    /// Builds a generation from the port's IP configuration. SNAT pools whose IP and range are unchanged are carried over
    /// from <paramref name="previous"/>, so ports held by live flows stay reserved.
    /// </summary>
    public static ExternalIps From(Ipv4Cfg? v4, Ipv6Cfg? v6, ExternalIps? previous = null)
    {
        SnatPool? snatV4 = v4?.ExternalIps.Snat is { } s4 ? Reuse(previous?.SnatV4, s4.ExternalIp.ToPacketIp(), s4.PortStart, s4.PortEnd) : null;
        SnatPool? snatV6 = v6?.ExternalIps.Snat is { } s6 ? Reuse(previous?.SnatV6, s6.ExternalIp.ToPacketIp(), s6.PortStart, s6.PortEnd) : null;
        var ephemeral = new List<PacketIp>();
        if (v4?.ExternalIps.EphemeralIp is { } e4)
        {
            ephemeral.Add(e4.ToPacketIp());
        }

        if (v6?.ExternalIps.EphemeralIp is { } e6)
        {
            ephemeral.Add(e6.ToPacketIp());
        }

        var subnets = new List<IpPrefix>();
        foreach (AttachedSubnet<Ipv4Cidr> attached in v4?.AttachedSubnets ?? [])
        {
            if (attached.IsExternal)
            {
                subnets.Add(new IpPrefix(attached.Cidr.Network.Ip.ToPacketIp(), attached.Cidr.PrefixLength));
            }
        }

        foreach (AttachedSubnet<Ipv6Cidr> attached in v6?.AttachedSubnets ?? [])
        {
            if (attached.IsExternal)
            {
                subnets.Add(new IpPrefix(attached.Cidr.Network.Ip.ToPacketIp(), attached.Cidr.PrefixLength));
            }
        }

        return new ExternalIps(snatV4, snatV6, [.. ephemeral],
            [.. (v4?.ExternalIps.FloatingIps ?? []).Select(f => f.ToPacketIp())],
            [.. (v6?.ExternalIps.FloatingIps ?? []).Select(f => f.ToPacketIp())],
            [.. subnets]);
    }

    /// <summary>True when <paramref name="source"/> is one of this port's external addresses. Allocation-free.</summary>
    public bool IsExternalSource(PacketIp source)
    {
        if ((SnatV4 is not null && SnatV4.ExternalIp == source) || (SnatV6 is not null && SnatV6.ExternalIp == source))
        {
            return true;
        }

        return Array.IndexOf(Ephemeral, source) >= 0 || Array.IndexOf(FloatingV4, source) >= 0 || Array.IndexOf(FloatingV6, source) >= 0
            || IsInExternalSubnet(source);
    }

    /// <summary>True when <paramref name="address"/> is an ephemeral or floating IP (1:1 NAT).</summary>
    public bool HasOneToOne(PacketIp address)
        => Array.IndexOf(Ephemeral, address) >= 0 || Array.IndexOf(FloatingV4, address) >= 0 || Array.IndexOf(FloatingV6, address) >= 0;

    private bool IsInExternalSubnet(PacketIp address)
    {
        foreach (IpPrefix prefix in ExternalSubnets)
        {
            if (prefix.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static SnatPool Reuse(SnatPool? previous, PacketIp ip, ushort first, ushort last)
        => previous is not null && previous.ExternalIp == ip && previous.Tcp.First == first && previous.Tcp.Last == last
            ? previous
            : new SnatPool(ip, first, last);
}
