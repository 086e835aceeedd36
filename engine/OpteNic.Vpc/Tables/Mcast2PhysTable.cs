using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Net;
using OpteNic.Engine.Flows;
using PacketIp = OpteNic.Packets.IpAddr;

namespace OpteNic.Vpc.Tables;

/// <summary>
/// M2P: overlay multicast group → underlay IPv6 multicast group (admin-local scope, ff04::/16), shared by every port
/// of a card. Like V2B the table is small and read-mostly, so it is an immutable dictionary replaced whole on each
/// change (one volatile store); readers look up without locks or allocation. Like V2B, the whole table has one
/// dependency stripe: a change sends the flows that read it back to the slow path.
/// </summary>
public sealed class Mcast2PhysTable
{
    /// <summary>The key whose stripe stands for the whole M2P table ("M2P").</summary>
    private const ulong DependencyKey = 0x004D_3250;

    private readonly Lock _writer = new();
    private Dictionary<PacketIp, Ipv6Addr> _map = [];

    /// <summary>An empty table; changes bump <paramref name="dependencies"/> (when given).</summary>
    public Mcast2PhysTable(FlowDependencyVersions? dependencies = null)
    {
        Dependencies = dependencies;
        DependencyStripe = dependencies?.StripeOf(DependencyKey) ?? 0;
    }

    /// <summary>The version stripes bumped by changes (null: flows are not told about changes).</summary>
    public FlowDependencyVersions? Dependencies { get; }

    /// <summary>The stripe of <see cref="Dependencies"/> every lookup depends on.</summary>
    public int DependencyStripe { get; }

    /// <summary>Groups mapped.</summary>
    public int Count => Volatile.Read(ref _map).Count;

    /// <summary>Whether <paramref name="underlay"/> is an admin-local IPv6 multicast address (ff04::/16), the only scope allowed.</summary>
    public static bool IsValidUnderlay(Ipv6Addr underlay) => (underlay.Value >> 112) == 0xFF04;

    /// <summary>Maps <paramref name="group"/> to <paramref name="underlay"/>; false (no change) when either is not a valid multicast address.</summary>
    public bool TrySet(IpAddr group, Ipv6Addr underlay, [NotNullWhen(false)] out string? error)
    {
        if (!group.IsMulticast)
        {
            error = $"{group} is not a multicast address";
            return false;
        }

        if (!IsValidUnderlay(underlay))
        {
            error = $"underlay {underlay} is not in ff04::/16";
            return false;
        }

        lock (_writer)
        {
            var next = new Dictionary<PacketIp, Ipv6Addr>(_map) { [group.ToPacketIp()] = underlay };
            Volatile.Write(ref _map, next);
            Dependencies?.Bump(DependencyStripe);
        }

        error = null;
        return true;
    }

    /// <summary>Removes the mapping of <paramref name="group"/>; false if it had none.</summary>
    public bool Remove(IpAddr group)
    {
        lock (_writer)
        {
            var next = new Dictionary<PacketIp, Ipv6Addr>(_map);
            if (!next.Remove(group.ToPacketIp()))
            {
                return false;
            }

            Volatile.Write(ref _map, next);
            Dependencies?.Bump(DependencyStripe);
            return true;
        }
    }

    /// <summary>The underlay group of <paramref name="group"/>. Lock-free and allocation-free.</summary>
    public bool TryLookup(PacketIp group, out Ipv6Addr underlay) => Volatile.Read(ref _map).TryGetValue(group, out underlay);

    /// <summary>Every mapping (control path: dump-m2p), ordered by group.</summary>
    public List<(IpAddr Group, Ipv6Addr Underlay)> Dump()
    {
        var dump = new List<(IpAddr, Ipv6Addr)>();
        foreach (var (group, underlay) in Volatile.Read(ref _map))
        {
            dump.Add((group.ToApiIp(), underlay));
        }

        dump.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return dump;
    }
}
