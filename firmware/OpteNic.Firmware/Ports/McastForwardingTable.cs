using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// Card-wide multicast forwarding (set/clear/dump-mcast-fwd): underlay multicast group → next hops with their
/// replication mode (datasheet §5.5: the NIC cores send one unicast copy of a guest's multicast frame to each next
/// hop). Kept as an immutable sorted map replaced whole on each change, so a dump never sees half an update and a core
/// reads it without locks or allocation (<see cref="TryGetNextHops"/>).
/// </summary>
public sealed class McastForwardingTable
{
    private SortedDictionary<Ipv6Addr, McastNextHop[]> _entries = [];

    // The data path's view of _entries, rebuilt on each change: SortedDictionary lookups allocate, Dictionary's do not.
    private Dictionary<UInt128, McastNextHop[]> _byGroup = [];

    /// <summary>Underlay groups with next hops.</summary>
    public int Count => Volatile.Read(ref _entries).Count;

    /// <summary>The next hops of <paramref name="underlay"/> (data path: allocation-free; the array is immutable).</summary>
    public bool TryGetNextHops(Ipv6Addr underlay, [NotNullWhen(true)] out McastNextHop[]? nextHops) =>
        Volatile.Read(ref _byGroup).TryGetValue(underlay.Value, out nextHops);

    /// <summary>Replaces the next hops of <paramref name="underlay"/> (an empty list removes the entry).</summary>
    public void Set(Ipv6Addr underlay, IEnumerable<McastNextHop> nextHops)
    {
        var hops = nextHops.Distinct().ToArray();
        var next = new SortedDictionary<Ipv6Addr, McastNextHop[]>(_entries);
        if (hops.Length == 0)
        {
            next.Remove(underlay);
        }
        else
        {
            next[underlay] = hops;
        }

        Publish(next);
    }

    /// <summary>Removes the entry of <paramref name="underlay"/>; false if there was none.</summary>
    public bool Clear(Ipv6Addr underlay)
    {
        var next = new SortedDictionary<Ipv6Addr, McastNextHop[]>(_entries);
        if (!next.Remove(underlay))
        {
            return false;
        }

        Publish(next);
        return true;
    }

    private void Publish(SortedDictionary<Ipv6Addr, McastNextHop[]> next)
    {
        Volatile.Write(ref _entries, next);
        Volatile.Write(ref _byGroup, next.ToDictionary(e => e.Key.Value, e => e.Value));
    }

    /// <summary>Every entry, ordered by underlay group.</summary>
    public List<McastForwardingEntry> Dump() =>
        [.. Volatile.Read(ref _entries).Select(e => new McastForwardingEntry(e.Key, [.. e.Value]))];
}
