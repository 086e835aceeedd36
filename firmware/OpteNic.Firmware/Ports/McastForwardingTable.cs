using OpteNic.Api.Commands;
using OpteNic.Api.Net;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// Card-wide multicast forwarding (set/clear/dump-mcast-fwd): underlay multicast group → next hops with their
/// replication mode. Control-plane state only in this revision (the data path does not replicate yet); kept as an
/// immutable sorted map replaced whole on each change, so a dump never sees half an update.
/// </summary>
public sealed class McastForwardingTable
{
    private SortedDictionary<Ipv6Addr, McastNextHop[]> _entries = [];

    /// <summary>Underlay groups with next hops.</summary>
    public int Count => Volatile.Read(ref _entries).Count;

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

        Volatile.Write(ref _entries, next);
    }

    /// <summary>Removes the entry of <paramref name="underlay"/>; false if there was none.</summary>
    public bool Clear(Ipv6Addr underlay)
    {
        var next = new SortedDictionary<Ipv6Addr, McastNextHop[]>(_entries);
        if (!next.Remove(underlay))
        {
            return false;
        }

        Volatile.Write(ref _entries, next);
        return true;
    }

    /// <summary>Every entry, ordered by underlay group.</summary>
    public List<McastForwardingEntry> Dump() =>
        [.. Volatile.Read(ref _entries).Select(e => new McastForwardingEntry(e.Key, [.. e.Value]))];
}
