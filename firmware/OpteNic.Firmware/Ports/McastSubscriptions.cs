using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Commands;
using OpteNic.Api.Net;

namespace OpteNic.Firmware.Ports;

/// <summary>
/// Card-wide multicast subscriptions (mcast-subscribe/unsubscribe/unsubscribe-all, dump-mcast-subs): underlay group →
/// the ports subscribed to it. An overlay group is resolved to its underlay group through M2P when subscribing.
/// Immutable sorted maps of sorted name arrays, replaced whole on each change (one volatile store), so the NIC cores
/// look subscribers up without locks or allocation (<see cref="TryGetSubscribers"/>, datasheet §5.5).
/// </summary>
public sealed class McastSubscriptions
{
    private SortedDictionary<Ipv6Addr, string[]> _entries = [];

    // The data path's view of _entries, rebuilt on each change: SortedDictionary lookups allocate, Dictionary's do not.
    private Dictionary<UInt128, string[]> _byGroup = [];

    /// <summary>Underlay groups with at least one subscriber.</summary>
    public int Count => Volatile.Read(ref _entries).Count;

    /// <summary>
    /// The ports subscribed to <paramref name="underlay"/>, sorted by name (data path: allocation-free; the array is
    /// immutable, so a core may use it for the rest of its burst while a command publishes a new map).
    /// </summary>
    public bool TryGetSubscribers(Ipv6Addr underlay, [NotNullWhen(true)] out string[]? ports) =>
        Volatile.Read(ref _byGroup).TryGetValue(underlay.Value, out ports);

    /// <summary>Subscribes <paramref name="port"/> to <paramref name="underlay"/> (idempotent).</summary>
    public void Subscribe(Ipv6Addr underlay, string port) =>
        Update(next =>
        {
            var existing = next.TryGetValue(underlay, out var ports) ? ports : [];
            if (Array.IndexOf(existing, port) >= 0)
            {
                return false;
            }

            string[] grown = [.. existing, port];
            Array.Sort(grown, StringComparer.Ordinal);
            next[underlay] = grown;
            return true;
        });

    /// <summary>Removes <paramref name="port"/> from <paramref name="underlay"/>; false if it was not subscribed.</summary>
    public bool Unsubscribe(Ipv6Addr underlay, string port) =>
        Update(next => next.TryGetValue(underlay, out var existing) && Remove(next, underlay, existing, port));

    /// <summary>Removes every subscriber of <paramref name="underlay"/>; false if it had none.</summary>
    public bool UnsubscribeAll(Ipv6Addr underlay) => Update(next => next.Remove(underlay));

    /// <summary>Removes <paramref name="port"/> from every group (the port is being deleted).</summary>
    public void RemovePort(string port) =>
        Update(next =>
        {
            var changed = false;
            foreach (var underlay in next.Keys.ToArray())
            {
                changed |= Remove(next, underlay, next[underlay], port);
            }

            return changed;
        });

    /// <summary>Every group and its subscribers, ordered by group then port name.</summary>
    public List<McastSubscriptionEntry> Dump() =>
        [.. Volatile.Read(ref _entries).Select(e => new McastSubscriptionEntry(e.Key, [.. e.Value]))];

    private static bool Remove(SortedDictionary<Ipv6Addr, string[]> next, Ipv6Addr underlay, string[] existing, string port)
    {
        if (Array.IndexOf(existing, port) < 0)
        {
            return false;
        }

        var remaining = existing.Where(p => p != port).ToArray();
        if (remaining.Length == 0)
        {
            next.Remove(underlay);
        }
        else
        {
            next[underlay] = remaining;
        }

        return true;
    }

    private bool Update(Func<SortedDictionary<Ipv6Addr, string[]>, bool> change)
    {
        var next = new SortedDictionary<Ipv6Addr, string[]>(_entries);
        if (!change(next))
        {
            return false;
        }

        Volatile.Write(ref _entries, next);
        Volatile.Write(ref _byGroup, next.ToDictionary(e => e.Key.Value, e => e.Value));
        return true;
    }
}
